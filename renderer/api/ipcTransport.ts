import { EventMessage, ResponseMessage } from '../../electron/core/contract';
import type { Transport } from './transport';

export interface PreloadBridge {
  invoke(method: string, params: unknown): Promise<unknown>;
  subscribe(event: string, callback: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    apConsole?: PreloadBridge;
  }
}

export function createIpcTransport(bridge: PreloadBridge, eventNames: readonly string[]): Transport {
  return {
    async request(method, params) {
      return ResponseMessage.parse(await bridge.invoke(method, params));
    },
    onEvent(listener) {
      const unsubscribers = eventNames.map((event) =>
        bridge.subscribe(event, (payload) => listener(EventMessage.parse({ event, payload }))),
      );
      return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
    },
    onState(listener) {
      listener('open');
      return () => undefined;
    },
  };
}
