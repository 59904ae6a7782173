import { events, isEventName, methods } from '../../electron/core/contract';
import type { EventName, EventPayload, MethodName, Params, Result, WireError } from '../../electron/core/contract';
import type { ConnectionState, Transport } from './transport';

export class ApiError extends Error {
  constructor(readonly wire: WireError) {
    super(wire.message);
    this.name = 'ApiError';
  }
}

export interface ApiClient {
  call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

/** Typed calls over whichever transport the page has; answers and events are checked against the contract. */
export function createApiClient(transport: Transport): ApiClient {
  return {
    async call(method, params) {
      const response = await transport.request(method, params);
      if (!response.ok) throw new ApiError(response.error);
      const result = methods[method].result.safeParse(response.result);
      if (!result.success) {
        throw new ApiError({ code: 'invalid_result', message: `The engine's answer to ${method} does not match this console version. Restart the console.` });
      }
      return result.data as Result<typeof method>;
    },
    on(event, listener) {
      return transport.onEvent((message) => {
        if (message.event !== event || !isEventName(message.event)) return;
        const payload = events[event].safeParse(message.payload);
        if (payload.success) listener(payload.data as EventPayload<typeof event>);
      });
    },
    onConnection: (listener) => transport.onState(listener),
  };
}
