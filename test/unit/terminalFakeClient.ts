import { EventEmitter } from 'node:events';
import type { Client } from 'ssh2';

/** A channel as ssh2 hands it out, recording what is written to it. */
export class FakeChannel extends EventEmitter {
  readonly stderr = new EventEmitter();
  readonly written: string[] = [];
  readonly windows: Array<[number, number]> = [];
  ended = false;
  closed = false;

  constructor(readonly command: string) {
    super();
  }

  write(data: string | Buffer): boolean {
    this.written.push(data.toString());
    return true;
  }

  end(data?: string | Buffer): this {
    if (data !== undefined) this.write(data);
    this.ended = true;
    this.emit('eof-sent');
    return this;
  }

  signal(): boolean {
    return true;
  }

  setWindow(rows: number, cols: number): void {
    this.windows.push([rows, cols]);
  }

  pause(): this {
    return this;
  }

  resume(): this {
    return this;
  }

  /** The channel ends, as when the server closes it. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close');
  }
}

/**
 * A connection whose PTY channels stay open (the terminals) and whose plain exec channels answer with
 * `answer(command)` on stdout and exit 0 (the probes).
 */
export class FakeClient extends EventEmitter {
  readonly terminals: FakeChannel[] = [];
  readonly commands: string[] = [];
  refuse: string | undefined;

  constructor(private readonly answer: (command: string) => string = () => '') {
    super();
  }

  exec(command: string, options: { pty?: unknown } | ((error: Error | undefined, channel: FakeChannel) => void), callback?: (error: Error | undefined, channel: FakeChannel) => void): boolean {
    const done = typeof options === 'function' ? options : callback;
    const pty = typeof options === 'object' && options.pty !== undefined;
    const channel = new FakeChannel(command);
    setImmediate(() => {
      if (this.refuse) {
        done?.(new Error(this.refuse), channel);
        return;
      }
      if (pty) this.terminals.push(channel);
      else {
        this.commands.push(command);
        channel.once('eof-sent', () =>
          setImmediate(() => {
            channel.emit('data', Buffer.from(this.answer(command)));
            channel.emit('exit', 0);
            channel.close();
          }),
        );
      }
      done?.(undefined, channel);
    });
    return true;
  }

  /** The connection drops: the client closes, then its channels. */
  drop(reason: string): void {
    this.emit('error', new Error(reason));
    this.emit('close');
    for (const channel of this.terminals) channel.close();
  }

  asClient(): Client {
    return this as unknown as Client;
  }
}

export const waitUntil = async (check: () => boolean, ms = 2_000): Promise<void> => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};
