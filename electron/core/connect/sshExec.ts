import type { Client, ClientChannel, PseudoTtyOptions } from 'ssh2';
import { ConnectError, cancelled } from './connectError';

export interface ExecResult {
  stdout: Buffer;
  stderr: Buffer;
  /** null when the command ended by a signal or the channel closed without a status. */
  code: number | null;
  signal: string | null;
}

export interface ExecOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Written to the command's stdin, which is then closed (it is closed at once without). */
  stdin?: string | Buffer;
  pty?: PseudoTtyOptions | boolean;
  /** Largest stdout or stderr kept; more fails the command (use the streaming variant for big output). */
  maxBytes?: number;
}

export interface ExecStream {
  channel: ClientChannel;
  /** Settles when the command ends: exit code and signal. */
  done: Promise<{ code: number | null; signal: string | null }>;
  cancel(): void;
}

export interface StreamOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  pty?: PseudoTtyOptions | boolean;
  /** Short name of the command for messages (never the command line: it may be long or sensitive). */
  label?: string;
}

interface ChannelInternals {
  outgoing?: { id: number; state: string };
  _client?: { _protocol?: { signal(id: number, name: string): void } };
}

/**
 * Sends SIGKILL to the remote command. ssh2's `signal()` is silent once stdin reached EOF,
 * so the request goes to its protocol object while the channel is still open on our side.
 */
function killRemote(channel: ClientChannel): void {
  const internals = channel as unknown as ChannelInternals;
  const outgoing = internals.outgoing;
  if (!outgoing || (outgoing.state !== 'open' && outgoing.state !== 'eof')) return;
  try {
    internals._client?._protocol?.signal(outgoing.id, 'KILL');
  } catch {
    // the connection is going away; closing the channel is all that is left
  }
}

function openChannel(client: Client, command: string, pty: ExecOptions['pty']): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    const done = (error: Error | undefined, channel: ClientChannel) => {
      if (error) reject(new ConnectError('disconnected', `The platform refused to start a command (${error.message}). The connection may have dropped; try again.`));
      else resolve(channel);
    };
    try {
      if (pty) client.exec(command, { pty: pty === true ? {} : pty }, done);
      else client.exec(command, done);
    } catch (error) {
      reject(new ConnectError('disconnected', `The connection to the platform is closed (${(error as Error).message}). Connect again.`));
    }
  });
}

/** Runs a command and streams its output; the caller reads `channel` and `channel.stderr`. */
export async function execStream(client: Client, command: string, options: StreamOptions = {}): Promise<ExecStream> {
  const label = options.label ?? 'The command';
  if (options.signal?.aborted) throw cancelled(label);
  const channel = await openChannel(client, command, options.pty);
  let exit: { code: number | null; signal: string | null } = { code: null, signal: null };
  let failure: ConnectError | undefined;
  const cancel = (why: ConnectError) => {
    failure ??= why;
    killRemote(channel);
    channel.close();
  };
  const onAbort = () => cancel(cancelled(label));
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const timer = options.timeoutMs ? setTimeout(() => cancel(new ConnectError('timeout', `${label} did not finish within ${Math.round((options.timeoutMs ?? 0) / 1000)} s and was stopped.`)), options.timeoutMs) : undefined;

  channel.on('exit', (code: number | null, signal?: string) => {
    exit = { code: typeof code === 'number' ? code : null, signal: signal ?? null };
  });
  const done = new Promise<{ code: number | null; signal: string | null }>((resolve, reject) => {
    channel.on('close', (code?: number | null, signal?: string) => {
      // A fast command's status can arrive in the same read as the channel's opening, before the 'exit'
      // listener above exists; ssh2 repeats it on 'close'.
      if (exit.code === null && exit.signal === null) exit = { code: typeof code === 'number' ? code : null, signal: signal ?? null };
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (failure) reject(failure);
      else resolve(exit);
    });
  });
  done.catch(() => undefined);
  return { channel, done, cancel: () => cancel(cancelled(label)) };
}

/** Runs a command to its end: stdout, stderr and exit code. */
export async function exec(client: Client, command: string, options: ExecOptions = {}): Promise<ExecResult> {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const stream = await execStream(client, command, options);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let outBytes = 0;
  let errBytes = 0;
  const tooBig = () => new ConnectError('remote_failed', `The command printed more than ${maxBytes} bytes and was stopped.`);
  let overflow: ConnectError | undefined;
  stream.channel.on('data', (chunk: Buffer) => {
    outBytes += chunk.length;
    if (outBytes > maxBytes) {
      overflow ??= tooBig();
      stream.cancel();
    } else out.push(chunk);
  });
  stream.channel.stderr.on('data', (chunk: Buffer) => {
    errBytes += chunk.length;
    if (errBytes > maxBytes) {
      overflow ??= tooBig();
      stream.cancel();
    } else err.push(chunk);
  });
  stream.channel.end(options.stdin);
  try {
    const { code, signal } = await stream.done;
    return { stdout: Buffer.concat(out), stderr: Buffer.concat(err), code, signal };
  } catch (error) {
    throw overflow ?? error;
  }
}
