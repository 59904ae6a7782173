import { ConnectError, cancelled } from '../connectError';
import { parseAppMessage } from './managerMessages';
import type { AppMessage } from './managerMessages';
import { formatSeconds } from './operationDeadline';

/** The frames of one websocket, as the session needs them (ws in production, a pair of queues in tests). */
export interface AppSocketTransport {
  send(text: string): void;
  /** Closes gracefully, hard after a short wait; resolves once closed. */
  close(): Promise<void>;
  onMessage(listener: (text: string) => void): void;
  onClose(listener: (code: number, reason: string) => void): void;
}

export interface AppSessionOptions {
  /** Names the peer in messages: "The AP Manager at wss://…/manager". */
  label: string;
  requestTimeoutMs: number;
  /** How often a KeepAlive is sent once started. */
  keepAliveMs: number;
}

export interface AppRequestOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** A request: any AppWebsocket message; the session sets its `src`. */
export type AppRequest = { mt: string; api?: string } & Record<string, unknown>;

interface Waiter {
  matches(message: AppMessage): boolean;
  resolve(message: AppMessage): void;
  reject(error: ConnectError): void;
}

/**
 * One AppWebsocket conversation: requests carry a unique `src` and are answered by the first message
 * echoing it; a waiter for a given `mt` serves the login steps, which carry none.
 */
export class AppWebsocketSession {
  private readonly waiters = new Set<Waiter>();
  private readonly unsolicited = new Set<(message: AppMessage) => void>();
  private readonly closeListeners = new Set<(error: ConnectError) => void>();
  private nextSrc = 1;
  private keepAlive: NodeJS.Timeout | undefined;
  private closing = false;
  private closedWith: ConnectError | null = null;

  constructor(
    private readonly transport: AppSocketTransport,
    private readonly options: AppSessionOptions,
  ) {
    transport.onMessage((text) => this.receive(text));
    transport.onClose((code, reason) => this.closed(code, reason));
  }

  get isOpen(): boolean {
    return this.closedWith === null && !this.closing;
  }

  /** Sends a message as it is (KeepAlive, or a login step). */
  send(message: AppRequest): void {
    if (this.closedWith) throw this.closedWith;
    this.transport.send(JSON.stringify(message));
  }

  /** Sends a message without `src` and waits for the next message of type `answerMt`. */
  exchange(message: AppRequest, answerMt: string, options: AppRequestOptions = {}): Promise<AppMessage> {
    return this.wait(message, (answer) => answer.mt === answerMt, options);
  }

  /** Sends a request with a fresh `src` and resolves with the first message that echoes it. */
  request(message: AppRequest, options: AppRequestOptions = {}): Promise<AppMessage> {
    const src = `apc${this.nextSrc++}`;
    return this.wait({ ...message, src }, (answer) => answer.src === src, options);
  }

  /** Messages no request waits for (indications); KeepAlive is never passed on. */
  onUnsolicited(listener: (message: AppMessage) => void): () => void {
    this.unsolicited.add(listener);
    return () => this.unsolicited.delete(listener);
  }

  /** Called once, with the reason, when the connection ends for any cause. */
  onClose(listener: (error: ConnectError) => void): () => void {
    if (this.closedWith) {
      listener(this.closedWith);
      return () => undefined;
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  startKeepAlive(): void {
    if (this.keepAlive || this.closedWith) return;
    this.keepAlive = setInterval(() => {
      if (this.isOpen) this.transport.send(JSON.stringify({ mt: 'KeepAlive' }));
    }, this.options.keepAliveMs);
    this.keepAlive.unref();
  }

  async close(): Promise<void> {
    if (this.closedWith) return;
    this.closing = true;
    this.stopKeepAlive();
    await this.transport.close();
  }

  private wait(message: AppRequest, matches: (answer: AppMessage) => boolean, options: AppRequestOptions): Promise<AppMessage> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    if (options.signal?.aborted) return Promise.reject(cancelled(`The ${message.mt} request`));
    const timeoutMs = options.timeoutMs ?? this.options.requestTimeoutMs;
    return new Promise<AppMessage>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        this.waiters.delete(waiter);
      };
      const waiter: Waiter = {
        matches,
        resolve: (answer) => {
          done();
          resolve(answer);
        },
        reject: (error) => {
          done();
          reject(error);
        },
      };
      const timer = setTimeout(
        () => waiter.reject(new ConnectError('timeout', `${this.options.label} did not answer ${message.mt} within ${formatSeconds(timeoutMs)}. The platform may be busy; try again.`, { mt: message.mt, timeoutMs })),
        timeoutMs,
      );
      const onAbort = () => waiter.reject(cancelled(`The ${message.mt} request`));
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(waiter);
      try {
        this.transport.send(JSON.stringify(message));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        waiter.reject(new ConnectError('disconnected', `Sending ${message.mt} to ${this.options.label} failed (${reason}). Connect again.`));
      }
    });
  }

  private receive(text: string): void {
    const message = parseAppMessage(text);
    if (!message || message.mt === 'KeepAlive') return;
    for (const waiter of this.waiters) {
      if (waiter.matches(message)) {
        waiter.resolve(message);
        return;
      }
    }
    for (const listener of this.unsolicited) listener(message);
  }

  private closed(code: number, reason: string): void {
    if (this.closedWith) return;
    this.stopKeepAlive();
    const why = reason ? `${code}, ${reason}` : String(code);
    this.closedWith = this.closing
      ? new ConnectError('disconnected', `The connection to ${this.options.label} was closed.`, { code })
      : new ConnectError('disconnected', `${this.options.label} closed the connection (${why}). Connect again; if it keeps happening, check the AP Manager on the platform.`, { code, reason });
    for (const waiter of [...this.waiters]) waiter.reject(this.closedWith);
    for (const listener of this.closeListeners) listener(this.closedWith);
    this.closeListeners.clear();
  }

  private stopKeepAlive(): void {
    clearInterval(this.keepAlive);
    this.keepAlive = undefined;
  }
}
