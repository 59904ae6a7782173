import { cancelled } from './connectError';

/** At most `limit` tasks at a time; the rest wait in order. A waiting task that is aborted leaves the queue. */
export function createLimiter(limit: number) {
  let running = 0;
  const waiting: Array<() => void> = [];

  const release = () => {
    running--;
    waiting.shift()?.();
  };

  return async function limited<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (running >= limit) {
      await new Promise<void>((resolve, reject) => {
        const start = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = () => {
          const at = waiting.indexOf(start);
          if (at >= 0) waiting.splice(at, 1);
          reject(cancelled('Waiting for a free connection slot'));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        waiting.push(start);
      });
    }
    running++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
