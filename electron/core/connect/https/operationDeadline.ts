import { ConnectError, cancelled } from '../connectError';

/**
 * One time limit and one cancellation for a whole operation: `signal` fires on either,
 * and `error()` says which, as the ConnectError to throw.
 */
export class OperationDeadline {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private timedOut = false;
  private readonly onCancel = () => this.controller.abort();

  constructor(
    private readonly what: string,
    private readonly timeoutMs: number,
    private readonly cancel?: AbortSignal,
  ) {
    this.signal = this.controller.signal;
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, timeoutMs);
    if (cancel?.aborted) this.controller.abort();
    else cancel?.addEventListener('abort', this.onCancel, { once: true });
  }

  get expired(): boolean {
    return this.signal.aborted;
  }

  error(): ConnectError {
    if (this.timedOut && !this.cancel?.aborted) {
      return new ConnectError('timeout', `${this.what} did not finish within ${formatSeconds(this.timeoutMs)}: the platform or the network is slow or blocks the connection. Check the connection and try again.`, { timeoutMs: this.timeoutMs });
    }
    return cancelled(this.what);
  }

  throwIfExpired(): void {
    if (this.expired) throw this.error();
  }

  /** Settles with the promise, or rejects with the deadline's error as soon as it fires. */
  race<T>(promise: Promise<T>): Promise<T> {
    if (this.expired) return Promise.reject(this.error());
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(this.error());
      this.signal.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (value) => {
          this.signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          this.signal.removeEventListener('abort', onAbort);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.cancel?.removeEventListener('abort', this.onCancel);
  }
}

export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
