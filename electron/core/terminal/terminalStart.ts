import { quoteArg } from '../connect/shellQuote';
import type { RootMarkers } from '../connect/root/rootMarkers';
import { isTtyPath } from '../connect/root/ttyLineMode';

/** Where the terminal's shell runs: its pid (session leader of the tty) and the tty device. */
export interface TerminalTty {
  shellPid: number;
  tty: string;
}

/** Output held back while looking for the start line; beyond it the line is taken as missing. */
const SEEK_LIMIT = 16 * 1024;

/**
 * The command of the terminal's channel: one line with the shell's pid and tty, tagged with the session's
 * nonce (printed from two arguments, like the root markers), then the user's login shell in its place.
 */
export function terminalStartCommand(markers: RootMarkers): string {
  return `printf '%s%s:%s:%s\\n' ${quoteArg(markers.nonce)} ${quoteArg(':tty')} "$$" "$(tty 2>/dev/null)"; exec "\${SHELL:-/bin/sh}" -l`;
}

const startLinePattern = (markers: RootMarkers) => new RegExp(`${markers.nonce}:tty:(\\d+):([^\\r\\n]*)\\r?\\n`);

/** Cuts the start line out of the terminal's first output and keeps what it says. */
export class StartLineFilter {
  private pending: Buffer | null = Buffer.alloc(0);
  private found: TerminalTty | null = null;
  private readonly pattern: RegExp;

  constructor(markers: RootMarkers) {
    this.pattern = startLinePattern(markers);
  }

  /** The shell's pid and tty, once the start line was seen and named a terminal. */
  get tty(): TerminalTty | null {
    return this.found;
  }

  get seeking(): boolean {
    return this.pending !== null;
  }

  /** The output to show, without the start line; nothing while it may still come. */
  feed(chunk: Buffer): Buffer {
    if (this.pending === null) return chunk;
    const data = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    // latin1 maps every byte to one character, so string indices are byte offsets.
    const match = this.pattern.exec(data.toString('latin1'));
    if (match) {
      this.pending = null;
      const shellPid = Number(match[1]);
      const tty = match[2] ?? '';
      if (shellPid > 0 && isTtyPath(tty)) this.found = { shellPid, tty };
      return Buffer.concat([data.subarray(0, match.index), data.subarray(match.index + match[0].length)]);
    }
    if (data.length > SEEK_LIMIT) return this.release(data);
    this.pending = data;
    return Buffer.alloc(0);
  }

  /** Stops looking: what was held back is output after all. */
  release(data: Buffer = this.pending ?? Buffer.alloc(0)): Buffer {
    this.pending = null;
    return data;
  }
}
