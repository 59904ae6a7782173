import type { Client } from 'ssh2';

export interface ConnectionWatch {
  /** True once the connection has ended or closed. */
  readonly lost: boolean;
  stop(): void;
}

/** Notes whether the connection went away while something ran on it. */
export function watchConnection(client: Client): ConnectionWatch {
  let lost = false;
  const onLost = () => {
    lost = true;
  };
  client.on('end', onLost);
  client.on('close', onLost);
  return {
    get lost() {
      return lost;
    },
    stop() {
      client.off('end', onLost);
      client.off('close', onLost);
    },
  };
}

/** Waits, or fails at once with the signal's reason when it fires. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
