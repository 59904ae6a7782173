import type { ClientChannel } from 'ssh2';
import { ConnectError, cancelled } from '../connectError';
import { endChannel } from './endChannel';
import { MarkedOutput, MarkerSeeker } from './markedOutput';
import { beginMarker, commandInput, endMarkerPrefix, syncInput, syncMarker } from './rootMarkers';
import type { RootMarkers } from './rootMarkers';

export interface ShellCommandOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  /** The command's output bytes as they arrive; return false to pause the shell until resume(). */
  onBody?: (chunk: Buffer) => boolean | void;
  /** How the command is named in errors. */
  label?: string;
}

const SYNC_RESEND_MS = 400;
const INTERRUPT_AGAIN_MS = 2_000;
const RECOVERY_MS = 6_000;
const CLOSE_GRACE_MS = 3_000;
const INTERRUPT = '\x03';

const seconds = (ms: number) => (ms < 10_000 ? (ms / 1000).toFixed(1) : String(Math.round(ms / 1000)));

/**
 * The root shell on the PTY: runs one marked command at a time (callers queue through `exclusive`),
 * interrupts with Ctrl-C on timeout or cancel and then resynchronises on a fresh marker; if the shell
 * does not come back, the session is closed.
 */
export class RootShell {
  private sink: ((chunk: Buffer) => void) | undefined;
  private readonly closeListeners = new Set<() => void>();
  private queue: Promise<unknown> = Promise.resolve();
  private seq = 0;
  private ended = false;

  constructor(
    private readonly channel: ClientChannel,
    private readonly markers: RootMarkers,
    private readonly platform: string,
  ) {
    channel.on('data', (chunk: Buffer) => this.sink?.(chunk));
    channel.stderr.resume();
    channel.on('close', () => this.markEnded());
  }

  get closed(): boolean {
    return this.ended;
  }

  /** Runs work with the shell to itself; work queued later waits until it settles. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  pause(): void {
    this.channel.pause();
  }

  resume(): void {
    this.channel.resume();
  }

  /** Ends the shell with Ctrl-C for whatever runs, then `exit` (see endChannel). */
  close(): void {
    if (this.ended) return;
    this.markEnded();
    endChannel(this.channel, () => this.channel.write(`${INTERRUPT}exit\n`), CLOSE_GRACE_MS);
  }

  private markEnded(): void {
    if (this.ended) return;
    this.ended = true;
    for (const listener of [...this.closeListeners]) listener();
  }

  endedError(): ConnectError {
    return new ConnectError('disconnected', `The root shell on ${this.platform} has ended (the connection dropped or the shell exited). Open a new root session.`, { platform: this.platform });
  }

  /** Runs one command (shell text) and resolves with its exit code; call inside `exclusive`. */
  command(text: string, options: ShellCommandOptions = {}): Promise<number> {
    const label = options.label ?? 'The root command';
    if (this.ended) return Promise.reject(this.endedError());
    if (options.signal?.aborted) return Promise.reject(cancelled(label));
    const id = ++this.seq;
    const output = new MarkedOutput(beginMarker(this.markers, id), endMarkerPrefix(this.markers, id));
    return new Promise<number>((resolve, reject) => {
      let settled = false;
      let interrupting = false;
      const settle = (finish: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        this.closeListeners.delete(onClose);
        if (this.sink === onData) this.sink = undefined;
        this.channel.resume();
        finish();
      };
      const onData = (chunk: Buffer) => {
        let part;
        try {
          part = output.feed(chunk);
        } catch (error) {
          settle(() => reject(new ConnectError('protocol', `${label} on ${this.platform}: ${(error as Error).message} The root session was closed; open a new one.`)));
          this.close();
          return;
        }
        for (const body of part.body) {
          if (options.onBody?.(body) === false) this.channel.pause();
        }
        if (part.code !== undefined) {
          const code = part.code;
          settle(() => resolve(code));
        }
      };
      const onClose = () => settle(() => reject(this.endedError()));
      const interrupt = (why: ConnectError) => {
        if (settled || interrupting) return;
        interrupting = true;
        // From here the outcome is `why`, whether the shell comes back or the session has to close.
        this.closeListeners.delete(onClose);
        this.sink = undefined;
        this.channel.resume();
        void this.recover().then((back) => {
          if (!back) this.close();
          settle(() => reject(why));
        });
      };
      const onAbort = () => interrupt(cancelled(label));
      const timer = options.timeoutMs
        ? setTimeout(
            () => interrupt(new ConnectError('timeout', `${label} on ${this.platform} did not finish within ${seconds(options.timeoutMs ?? 0)} s and was interrupted.`, { platform: this.platform })),
            options.timeoutMs,
          )
        : undefined;
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.closeListeners.add(onClose);
      this.sink = onData;
      this.channel.write(commandInput(this.markers, id, text));
    });
  }

  /** Ctrl-C, then a fresh sync marker (resent, since an interrupted shell may drop typed input). */
  private recover(): Promise<boolean> {
    if (this.ended) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      let seeker: MarkerSeeker;
      let id = 0;
      let resend: NodeJS.Timeout | undefined;
      let again: NodeJS.Timeout | undefined;
      const round = () => {
        id = ++this.seq;
        seeker = new MarkerSeeker(syncMarker(this.markers, id));
        this.channel.write(INTERRUPT);
        this.channel.write(syncInput(this.markers, id));
        clearInterval(resend);
        resend = setInterval(() => this.channel.write(syncInput(this.markers, id)), SYNC_RESEND_MS);
        again = setTimeout(round, INTERRUPT_AGAIN_MS);
      };
      const done = (back: boolean) => {
        clearInterval(resend);
        clearTimeout(again);
        clearTimeout(deadline);
        this.closeListeners.delete(onClose);
        if (this.sink === onData) this.sink = undefined;
        resolve(back);
      };
      const onData = (chunk: Buffer) => {
        if (seeker.feed(chunk)) done(true);
      };
      const onClose = () => done(false);
      const deadline = setTimeout(() => done(false), RECOVERY_MS);
      this.closeListeners.add(onClose);
      this.sink = onData;
      try {
        round();
      } catch {
        done(false);
      }
    });
  }
}
