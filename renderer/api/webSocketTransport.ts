import { EventMessage, ResponseMessage } from '../../electron/core/contract';
import type { ConnectionState, Transport } from './transport';

const REQUEST_TIMEOUT_MS = 60_000;
const MAX_BACKOFF_MS = 10_000;

interface Pending {
  resolve(message: ResponseMessage): void;
  timer: ReturnType<typeof setTimeout>;
}

/** The web mode's transport: one WebSocket to /api on the page's own origin, reconnecting with backoff. */
export function createWebSocketTransport(url: string): Transport {
  const pending = new Map<number, Pending>();
  const eventListeners = new Set<(message: EventMessage) => void>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let socket: WebSocket | undefined;
  let nextId = 1;
  let backoff = 500;
  let waiters: Array<() => void> = [];

  const setState = (next: ConnectionState) => {
    state = next;
    stateListeners.forEach((listener) => listener(next));
  };

  const failure = (id: number, message: string): ResponseMessage => ({ id, ok: false, error: { code: 'unavailable', message } });

  function connect(): void {
    setState('connecting');
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      backoff = 500;
      setState('open');
      const ready = waiters;
      waiters = [];
      ready.forEach((wake) => wake());
    };
    ws.onmessage = (frame) => receive(String(frame.data));
    ws.onclose = () => {
      if (socket !== ws) return;
      for (const [id, entry] of pending) {
        clearTimeout(entry.timer);
        entry.resolve(failure(id, 'The connection to the console engine was lost before it answered. Try again once it is back.'));
      }
      pending.clear();
      setState('closed');
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    };
  }

  function receive(text: string): void {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return;
    }
    const event = EventMessage.safeParse(data);
    if (event.success) {
      eventListeners.forEach((listener) => listener(event.data));
      return;
    }
    const response = ResponseMessage.safeParse(data);
    if (!response.success || typeof response.data.id !== 'number') return;
    const entry = pending.get(response.data.id);
    if (!entry) return;
    pending.delete(response.data.id);
    clearTimeout(entry.timer);
    entry.resolve(response.data);
  }

  function whenOpen(): Promise<void> {
    return state === 'open' ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve));
  }

  connect();

  return {
    async request(method, params) {
      await whenOpen();
      const id = nextId++;
      return new Promise<ResponseMessage>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve(failure(id, `The console engine did not answer ${method} within ${REQUEST_TIMEOUT_MS / 1000} s.`));
        }, REQUEST_TIMEOUT_MS);
        pending.set(id, { resolve, timer });
        socket?.send(JSON.stringify({ id, method, params }));
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onState(listener) {
      stateListeners.add(listener);
      listener(state);
      return () => stateListeners.delete(listener);
    },
  };
}
