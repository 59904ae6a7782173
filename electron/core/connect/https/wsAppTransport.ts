import { WebSocket } from 'ws';
import type { AppSocketTransport } from './appWebsocketSession';

const CLOSE_GRACE_MS = 2000;

/** An open `ws` client socket as the AppWebsocket session's transport (text frames only). */
export function wsAppTransport(socket: WebSocket): AppSocketTransport {
  // Errors after the handshake end in 'close', which the session reports.
  socket.on('error', () => undefined);
  return {
    send: (text) => socket.send(text),
    close: () =>
      new Promise<void>((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        const hard = setTimeout(() => socket.terminate(), CLOSE_GRACE_MS);
        socket.once('close', () => {
          clearTimeout(hard);
          resolve();
        });
        socket.close(1000);
      }),
    onMessage: (listener) =>
      socket.on('message', (data, isBinary) => {
        if (!isBinary) listener(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8'));
      }),
    onClose: (listener) => socket.on('close', (code, reason) => listener(code, reason.toString('utf8'))),
  };
}
