import type { WebSocket, RawData } from 'ws';
import type { ResponseMessage } from '../contract';
import type { Engine } from '../engine';

/** One browser tab: requests in, responses and engine events out, every frame checked. */
export function serveWebSocket(socket: WebSocket, engine: Engine): void {
  const send = (message: unknown) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const unsubscribe = engine.subscribe(send);
  socket.on('close', unsubscribe);
  socket.on('error', unsubscribe);
  socket.on('message', (data: RawData, isBinary: boolean) => {
    void answer(data, isBinary).then(send);
  });

  async function answer(data: RawData, isBinary: boolean): Promise<ResponseMessage> {
    if (isBinary) return badMessage('Binary frames are not part of the contract; send JSON text.');
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawToString(data)) as unknown;
    } catch {
      return badMessage('The frame is not valid JSON.');
    }
    return engine.dispatch(parsed);
  }
}

function badMessage(message: string): ResponseMessage {
  return { id: null, ok: false, error: { code: 'bad_message', message } };
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}
