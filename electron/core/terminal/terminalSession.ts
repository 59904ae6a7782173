import type { Client, ClientChannel, PseudoTtyOptions } from 'ssh2';
import { ConnectError } from '../connect/connectError';
import { endChannel } from '../connect/root/endChannel';
import { newRootMarkers } from '../connect/root/rootMarkers';
import { becomeRoot } from './becomeRoot';
import { watchConnection } from './connectionWatch';
import { OutputBatcher } from './terminalOutput';
import { StartLineFilter, terminalStartCommand } from './terminalStart';

export interface TerminalSessionOptions {
  client: Client;
  /** Names the platform in messages. */
  label: string;
  cols: number;
  rows: number;
  onOutput(data: string): void;
  /** Once, when the shell or the connection ended (not after close()). */
  onExit(message: string): void;
}

const TERM = 'xterm-256color';
/** Output is held back at most this long while the start line is awaited. */
const START_LINE_WAIT_MS = 3_000;
const CLOSE_GRACE_MS = 2_000;

function openChannel(client: Client, command: string, pty: PseudoTtyOptions, label: string): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    try {
      client.exec(command, { pty }, (error, channel) => {
        if (error) {
          reject(new ConnectError('disconnected', `${label} refused a terminal (${error.message}). The SSH server may allow only a few sessions per connection: close another terminal and try again.`, { platform: label }));
        } else resolve(channel);
      });
    } catch (error) {
      reject(new ConnectError('disconnected', `The connection to ${label} is closed (${(error as Error).message}). Reconnect to try again.`, { platform: label }));
    }
  });
}

/** One interactive shell as the SSH user on a PTY of the platform's connection. */
export class TerminalSession {
  private ended = false;
  private closing = false;
  private switching = false;
  private readonly abort = new AbortController();
  private readonly batcher: OutputBatcher;
  private readonly startWait: NodeJS.Timeout;

  private constructor(
    private readonly channel: ClientChannel,
    private readonly filter: StartLineFilter,
    private readonly options: TerminalSessionOptions,
  ) {
    this.batcher = new OutputBatcher(options.onOutput);
    const watch = watchConnection(options.client);
    channel.on('data', (chunk: Buffer) => this.output(chunk));
    channel.stderr.on('data', (chunk: Buffer) => this.output(chunk));
    channel.on('close', () => this.finish(watch.closed ? watch.reason ?? 'the SSH connection closed' : undefined));
    this.startWait = setTimeout(() => this.show(this.filter.release()), START_LINE_WAIT_MS);
  }

  static async open(options: TerminalSessionOptions): Promise<TerminalSession> {
    const markers = newRootMarkers();
    const pty: PseudoTtyOptions = { term: TERM, cols: options.cols, rows: options.rows };
    const channel = await openChannel(options.client, terminalStartCommand(markers), pty, options.label);
    return new TerminalSession(channel, new StartLineFilter(markers), options);
  }

  get closed(): boolean {
    return this.ended || this.closing;
  }

  write(data: string): void {
    if (this.closed) throw this.endedError();
    this.channel.write(data);
  }

  resize(cols: number, rows: number): void {
    if (this.closed) throw this.endedError();
    this.channel.setWindow(rows, cols, 0, 0);
  }

  /** su root in this terminal, the password typed only into su's prompt (see becomeRoot). */
  async becomeRoot(password: string): Promise<void> {
    const { label } = this.options;
    if (this.closed) throw this.endedError();
    if (this.switching) throw new ConnectError('remote_failed', `Become root is already under way in this terminal on ${label}. Wait for it to finish.`, { platform: label });
    const where = this.filter.tty;
    if (!where) {
      throw new ConnectError('remote_failed', `The terminal on ${label} did not report its tty, so su's password prompt cannot be recognised and nothing was typed. Type su root yourself.`, { platform: label });
    }
    this.switching = true;
    try {
      await becomeRoot({ client: this.options.client, where, platform: label, type: (data) => this.write(data), signal: this.abort.signal }, password);
    } finally {
      this.switching = false;
    }
  }

  /** Ends the shell with a hang-up (see endChannel). */
  close(): void {
    if (this.closed) return;
    this.closing = true;
    this.abort.abort();
    clearTimeout(this.startWait);
    this.batcher.discard();
    endChannel(this.channel, () => this.channel.signal('HUP'), CLOSE_GRACE_MS);
  }

  private endedError(): ConnectError {
    return new ConnectError('disconnected', `This terminal on ${this.options.label} has ended. Choose Reconnect to open a new one.`, { platform: this.options.label });
  }

  private output(chunk: Buffer): void {
    if (this.closed) return;
    this.show(this.filter.feed(chunk));
  }

  private show(bytes: Buffer): void {
    if (bytes.length && !this.closed) this.batcher.push(bytes);
  }

  private finish(lostBecause: string | undefined): void {
    if (this.ended) return;
    const requested = this.closing;
    this.ended = true;
    this.abort.abort();
    clearTimeout(this.startWait);
    if (requested) return;
    this.batcher.push(this.filter.release());
    this.batcher.end();
    this.options.onExit(lostBecause === undefined ? 'The shell ended.' : `The connection to ${this.options.label} was lost: ${lostBecause}. Choose Reconnect to open a new terminal.`);
  }
}
