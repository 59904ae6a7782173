import type { Client } from 'ssh2';
import { isConnectError } from '../connect/connectError';
import { quoteArg } from '../connect/shellQuote';
import { exec } from '../connect/sshExec';
import { lineModeFromSttyG } from '../connect/root/suOutcome';
import type { LineMode } from '../connect/root/suOutcome';
import { sttyReadCommand } from '../connect/root/ttyLineMode';
import type { TerminalTty } from './terminalStart';

/** The process group that has the terminal (the program the user's typing goes to). */
export interface Foreground {
  pgid: number;
  /** Its command name, as the kernel keeps it (at most 15 characters). */
  comm: string;
  /** Its arguments, joined by spaces. */
  args: string;
  /** Its real uid. */
  uid: number;
}

export interface TerminalState {
  mode: LineMode | undefined;
  foreground: Foreground | undefined;
}

const PROBE_TIMEOUT_MS = 5_000;

/**
 * Reads, on a second channel, the terminal's line mode and which program has it: the tty's foreground
 * process group comes from the shell's /proc stat (the 6th field after the command name), its name,
 * arguments and real uid from /proc. Nothing is typed into the terminal.
 */
export function terminalStateScript(where: TerminalTty): string {
  if (!Number.isInteger(where.shellPid) || where.shellPid <= 0) throw new Error('The shell pid must be a positive integer.');
  return [
    'set -f',
    `m=$(${sttyReadCommand(where.tty)} 2>/dev/null)`,
    `s=$(cat ${quoteArg(`/proc/${where.shellPid}/stat`)} 2>/dev/null)`,
    `s=\${s##*')'}`,
    'set -- $s',
    'f=${6:-}',
    `case $f in ''|*[!0-9]*) f='' ;; esac`,
    `printf 'mode:%s\\n' "$m"`,
    '[ -n "$f" ] || exit 0',
    `printf 'fg:%s\\n' "$f"`,
    `printf 'comm:%s\\n' "$(cat /proc/"$f"/comm 2>/dev/null)"`,
    `printf 'args:%s\\n' "$(tr '\\000' ' ' </proc/"$f"/cmdline 2>/dev/null)"`,
    `grep '^Uid:' /proc/"$f"/status 2>/dev/null`,
    'exit 0',
  ].join('; ');
}

const printable = (text: string) => [...text].filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f).join('');

export function parseTerminalState(text: string): TerminalState {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const at = line.indexOf(':');
    if (at > 0 && !fields.has(line.slice(0, at))) fields.set(line.slice(0, at), line.slice(at + 1));
  }
  const mode = lineModeFromSttyG(fields.get('mode') ?? '');
  const pgid = fields.get('fg') ?? '';
  const uid = (fields.get('Uid') ?? '').trim().split(/\s+/)[0] ?? '';
  const comm = printable(fields.get('comm') ?? '').trim();
  if (!/^\d+$/.test(pgid) || !/^\d+$/.test(uid) || !comm) return { mode, foreground: undefined };
  return { mode, foreground: { pgid: Number(pgid), comm, args: printable(fields.get('args') ?? '').trim(), uid: Number(uid) } };
}

/** The terminal's state, or undefined when the probe failed (a cancel is passed on). */
export async function readTerminalState(client: Client, where: TerminalTty, signal: AbortSignal): Promise<TerminalState | undefined> {
  try {
    const probe = await exec(client, terminalStateScript(where), { timeoutMs: PROBE_TIMEOUT_MS, signal, maxBytes: 64 * 1024 });
    return probe.code === 0 ? parseTerminalState(probe.stdout.toString('utf8')) : undefined;
  } catch (error) {
    if (isConnectError(error, 'cancelled')) throw error;
    return undefined;
  }
}
