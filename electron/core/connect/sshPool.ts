import { ConnectError, cancelled } from './connectError';
import { createLimiter } from './handshakeLimiter';
import { connectTarget } from './sshConnect';
import type { ConnectOptions, SshLink } from './sshConnect';
import { exec, execStream } from './sshExec';
import type { ExecOptions, ExecResult, ExecStream, StreamOptions } from './sshExec';
import { hopName } from './sshTarget';
import type { SshTarget } from './sshTarget';

export interface SshPoolOptions extends Omit<ConnectOptions, 'signal'> {
  /** Handshakes in flight at once, over all platforms. */
  maxHandshakes?: number;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  now?: () => number;
}

export interface AcquireOptions {
  signal?: AbortSignal;
  /** Ignore the back-off after a failure (the user asked for it). */
  retryNow?: boolean;
}

export interface PlatformConnectionState {
  connected: boolean;
  failures: number;
  nextTryAt: number | null;
  lastError: { code: string; message: string } | null;
}

export interface SshPool {
  /** The platform's one shared connection, opened when needed. */
  acquire(target: SshTarget, options?: AcquireOptions): Promise<SshLink>;
  exec(target: SshTarget, command: string, options?: ExecOptions & AcquireOptions): Promise<ExecResult>;
  execStream(target: SshTarget, command: string, options?: StreamOptions & AcquireOptions): Promise<ExecStream>;
  /** Closes the platform's connection and forgets its failures (after a host key decision or new credentials). */
  reset(id: string): void;
  /** Forgets the back-off of failed platforms (all, or one), so the next use tries at once; open connections stay. */
  retrySoon(id?: string): void;
  state(id: string): PlatformConnectionState;
  closeAll(): void;
}

interface Entry {
  key: string;
  link?: SshLink;
  connecting?: Promise<SshLink>;
  failures: number;
  nextTryAt: number | null;
  lastError: ConnectError | null;
}

/** What identifies a connection's settings (never a secret: only references). */
const targetKey = (target: SshTarget) => JSON.stringify(target);

export function createSshPool(options: SshPoolOptions): SshPool {
  const entries = new Map<string, Entry>();
  const limited = createLimiter(options.maxHandshakes ?? 8);
  const now = options.now ?? Date.now;
  const initial = options.backoffInitialMs ?? 2_000;
  const max = options.backoffMaxMs ?? 120_000;

  const entryFor = (target: SshTarget): Entry => {
    const id = target.hop.id;
    const key = targetKey(target);
    let entry = entries.get(id);
    if (entry && entry.key !== key) {
      entry.link?.close();
      entry = undefined;
    }
    if (!entry) {
      entry = { key, failures: 0, nextTryAt: null, lastError: null };
      entries.set(id, entry);
    }
    return entry;
  };

  const open = (target: SshTarget, entry: Entry, signal?: AbortSignal): Promise<SshLink> =>
    limited(() => connectTarget(target, { ...options, signal }), signal).then(
      (link) => {
        entry.failures = 0;
        entry.nextTryAt = null;
        entry.lastError = null;
        entry.link = link;
        link.client.on('close', () => {
          if (entry.link === link) entry.link = undefined;
        });
        return link;
      },
      (error: unknown) => {
        const failure = error instanceof ConnectError ? error : new ConnectError('protocol', `Connecting to ${hopName(target.hop)} failed unexpectedly. Try again.`);
        if (failure.code !== 'cancelled') {
          entry.failures++;
          const wait = Math.min(max, initial * 2 ** (entry.failures - 1));
          entry.nextTryAt = now() + wait * (0.8 + Math.random() * 0.4);
          entry.lastError = failure;
        }
        throw failure;
      },
    );

  const acquire = async (target: SshTarget, acquireOptions: AcquireOptions = {}): Promise<SshLink> => {
    const { signal, retryNow } = acquireOptions;
    if (signal?.aborted) throw cancelled(`Connecting to ${hopName(target.hop)}`);
    const entry = entryFor(target);
    if (entry.link) return entry.link;
    if (!entry.connecting) {
      if (!retryNow && entry.nextTryAt !== null && entry.lastError && now() < entry.nextTryAt) {
        const seconds = Math.ceil((entry.nextTryAt - now()) / 1000);
        throw new ConnectError(entry.lastError.code, `${entry.lastError.message} (Next automatic try in ${seconds} s.)`, entry.lastError.details);
      }
      // A caller's cancel must not cancel a connection other callers wait for.
      entry.connecting = open(target, entry).finally(() => {
        entry.connecting = undefined;
      });
    }
    return signal ? raceAbort(entry.connecting, signal, target.hop.id) : entry.connecting;
  };

  /** A connection that died since it was handed out is opened again once. */
  async function withLink<T>(target: SshTarget, opts: AcquireOptions, work: (link: SshLink) => Promise<T>): Promise<T> {
    const link = await acquire(target, opts);
    try {
      return await work(link);
    } catch (error) {
      if (!(error instanceof ConnectError) || error.code !== 'disconnected') throw error;
      link.close();
      const entry = entries.get(target.hop.id);
      if (entry?.link === link) entry.link = undefined;
      return work(await acquire(target, opts));
    }
  }

  return {
    acquire,
    exec: (target, command, opts = {}) => withLink(target, opts, (link) => exec(link.client, command, opts)),
    execStream: (target, command, opts = {}) => withLink(target, opts, (link) => execStream(link.client, command, opts)),
    reset(id) {
      const entry = entries.get(id);
      entry?.link?.close();
      entries.delete(id);
    },
    retrySoon(id) {
      for (const [key, entry] of entries) {
        if (id !== undefined && key !== id) continue;
        entry.nextTryAt = null;
      }
    },
    state(id) {
      const entry = entries.get(id);
      return {
        connected: Boolean(entry?.link),
        failures: entry?.failures ?? 0,
        nextTryAt: entry?.nextTryAt ?? null,
        lastError: entry?.lastError ? { code: entry.lastError.code, message: entry.lastError.message } : null,
      };
    },
    closeAll() {
      for (const entry of entries.values()) entry.link?.close();
      entries.clear();
    },
  };
}

function raceAbort<T>(work: Promise<T>, signal: AbortSignal, id: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled(`Connecting to ${id}`));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
