import { StringDecoder } from 'node:string_decoder';
import type { Client, ClientChannel, PseudoTtyOptions } from 'ssh2';
import { ConnectError, cancelled } from '../connectError';
import { shellCommand } from '../shellQuote';
import { newRootMarkers, suCommand } from './rootMarkers';
import { readThroughFifo, readThroughPty } from './rootRead';
import type { RootRead, RootReadContext } from './rootRead';
import { RootShell } from './rootShell';
import { suLogin } from './suLogin';
import { typablePassword } from './suOutcome';

export interface RootRunResult {
  output: string;
  code: number;
}

export interface RootReadStream {
  /** A Readable of the exact bytes. */
  stream: NodeJS.ReadableStream;
  /** Exit code of the reading command; settles after the stream has ended (rejects when cancelled or broken). */
  done: Promise<number>;
  cancel(): void;
}

export interface RootRunOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  onOutput?: (text: string) => void;
}

export interface RootReadOptions {
  signal?: AbortSignal;
  /** How the bytes travel: a FIFO read on a second plain channel (default; falls back to the PTY when no FIFO can be made), or the root PTY. */
  via?: 'fifo' | 'pty';
}

export interface RootSession {
  /** Runs a command as root (argv, quoted here; or shell text built with the quoting helper). Output is stdout and stderr as the terminal shows them. */
  run(argv: readonly string[] | { shell: string }, opts?: RootRunOptions): Promise<RootRunResult>;
  /** Streams the exact stdout bytes of a root command (e.g. ['cat','--',path], ['tail','-c','+1025',path], ['tar','-cf','-','-C',dir,'.']). */
  readStream(argv: readonly string[], opts?: RootReadOptions): Promise<RootReadStream>;
  close(): void;
  readonly closed: boolean;
}

export interface OpenRootSessionOptions {
  /** `su - root`: root's login environment. */
  login?: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Names the platform in messages. */
  platformId?: string;
}

const DEFAULT_OPEN_TIMEOUT_MS = 30_000;

/** Echo stays on until su turns it off: that change is how the password prompt is recognised. */
const PTY: PseudoTtyOptions = { term: 'dumb', rows: 24, cols: 200, modes: { VINTR: 3 } };

function openPtyChannel(client: Client, command: string, platform: string): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    client.exec(command, { pty: PTY }, (error, channel) => {
      if (error) reject(new ConnectError('disconnected', `${platform} refused a terminal session for su (${error.message}). Check the connection and try again.`, { platform }));
      else resolve(channel);
    });
  });
}

/**
 * Opens a root shell: `su root` (or `su - root`) from admin on a PTY, answering the password prompt.
 * The password is typed once into su and kept nowhere; it never appears in output, errors or logs.
 */
export async function openRootSession(client: Client, rootPassword: string, opts: OpenRootSessionOptions = {}): Promise<RootSession> {
  const platform = opts.platformId ?? 'the platform';
  if (!typablePassword(rootPassword)) {
    throw new ConnectError('root_auth_failed', `The root password stored for ${platform} is empty or holds a line break or control character, which su cannot receive. Store the platform's root password again.`, { platform });
  }
  if (opts.signal?.aborted) throw cancelled(`Switching to root on ${platform}`);
  const markers = newRootMarkers();
  const channel = await openPtyChannel(client, suCommand(markers, opts.login ?? false), platform);
  let info;
  try {
    info = await suLogin(client, channel, markers, rootPassword, { platform, timeoutMs: opts.timeoutMs ?? DEFAULT_OPEN_TIMEOUT_MS, signal: opts.signal });
  } catch (error) {
    // Paused first: window updates after a close make dropbear drop the whole connection.
    channel.pause();
    channel.close();
    throw error;
  }
  const shell = new RootShell(channel, markers, platform);
  const context: RootReadContext = { client, shell, adminUid: info.adminUid, platform };
  return createSession(shell, context);
}

function createSession(shell: RootShell, context: RootReadContext): RootSession {
  return {
    get closed() {
      return shell.closed;
    },
    close: () => shell.close(),

    run(argv, opts = {}) {
      const text = 'shell' in argv ? argv.shell : shellCommand(argv);
      return shell.exclusive(async () => {
        const decoder = new StringDecoder('utf8');
        const parts: string[] = [];
        const code = await shell.command(text, {
          timeoutMs: opts.timeoutMs,
          signal: opts.signal,
          onBody: (chunk) => {
            const piece = decoder.write(chunk);
            parts.push(piece);
            if (piece) opts.onOutput?.(piece);
          },
        });
        const last = decoder.end();
        if (last) {
          parts.push(last);
          opts.onOutput?.(last);
        }
        return { output: parts.join(''), code };
      });
    },

    readStream(argv, opts = {}) {
      if (argv.length === 0) return Promise.reject(new Error('readStream needs a command.'));
      return new Promise<RootReadStream>((resolve, reject) => {
        let announced = false;
        const announce = (read: RootRead) => {
          announced = true;
          resolve(read);
        };
        void shell
          .exclusive(async () => {
            if (opts.via !== 'pty' && (await readThroughFifo(context, argv, opts.signal, announce))) return;
            await readThroughPty(context, argv, opts.signal, announce);
          })
          .catch((error: unknown) => {
            if (!announced) reject(error);
          });
      });
    },
  };
}
