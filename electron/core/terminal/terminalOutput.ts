import { StringDecoder } from 'node:string_decoder';

export interface OutputBatchOptions {
  /** How long output may wait for more before it is sent. */
  delayMs: number;
  /** Sent at once when this many characters are waiting. */
  maxChars: number;
}

const DEFAULTS: OutputBatchOptions = { delayMs: 16, maxChars: 32 * 1024 };

/**
 * Turns the terminal's bytes into UTF-8 text in batches: a character split across two chunks waits for its
 * second half, and output arriving close together goes out as one piece instead of one event per packet.
 */
export class OutputBatcher {
  private readonly decoder = new StringDecoder('utf8');
  private readonly options: OutputBatchOptions;
  private pending = '';
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly send: (data: string) => void,
    options: Partial<OutputBatchOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  push(chunk: Buffer): void {
    const text = this.decoder.write(chunk);
    if (!text) return;
    this.pending += text;
    if (this.pending.length >= this.options.maxChars) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.options.delayMs);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending) return;
    const data = this.pending;
    this.pending = '';
    this.send(data);
  }

  /** Sends what is left, an incomplete last character as U+FFFD. */
  end(): void {
    this.pending += this.decoder.end();
    this.flush();
  }

  /** Drops what is waiting, for a terminal closed on request. */
  discard(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = '';
  }
}
