import type { EventMessage, ResponseMessage } from '../../electron/core/contract';

export type ConnectionState = 'connecting' | 'open' | 'closed';

/** How requests reach the engine: Electron IPC or the web mode's WebSocket. The client never knows which. */
export interface Transport {
  request(method: string, params: unknown): Promise<ResponseMessage>;
  onEvent(listener: (message: EventMessage) => void): () => void;
  onState(listener: (state: ConnectionState) => void): () => void;
}
