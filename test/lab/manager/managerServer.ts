import { randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createHttpServer } from 'node:http';
import type { Server } from 'node:https';
import { z } from 'zod';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { appLoginDigest } from '../../../electron/core/connect/appWebsocketDigest';

export interface ManagerOptions {
  host: string;
  httpsPort: number;
  httpPort: number | null;
  cert: string;
  key: string;
  password: string;
  version: string;
  /** null on platforms older than the ramdisk.log URL (2021 13r1). */
  ramdiskLog: string | null;
}

const AppLogin = z.object({
  mt: z.literal('AppLogin'),
  app: z.string(),
  domain: z.string(),
  sip: z.string(),
  guid: z.string(),
  dn: z.string(),
  digest: z.string(),
  info: z.unknown().optional(),
});

function challenge(): string {
  return Array.from({ length: 16 }, () => String(randomInt(10))).join('');
}

/** The AP Manager's AppWebsocket at /manager: challenge, login by digest, AppPlatformInfoRequest, KeepAlive. */
export function serveManagerSocket(socket: WebSocket, options: Pick<ManagerOptions, 'password' | 'version'>): void {
  let issued: string | null = null;
  let loggedIn = false;
  const send = (message: object) => socket.send(JSON.stringify(message));
  socket.on('message', (data) => {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(String(data)) as Record<string, unknown>;
    } catch {
      socket.close(1003, 'not JSON');
      return;
    }
    const src = typeof message.src === 'string' ? { src: message.src } : {};
    switch (message.mt) {
      case 'AppChallenge':
        issued = challenge();
        send({ mt: 'AppChallengeResult', challenge: issued, ...src });
        return;
      case 'AppLogin': {
        const login = AppLogin.safeParse(message);
        const ok = login.success && issued !== null && appLoginDigest(login.data, issued, options.password) === login.data.digest;
        issued = null;
        loggedIn = ok;
        send(ok ? { mt: 'AppLoginResult', ok: true, ...src } : { mt: 'AppLoginResult', error: 'login failed', ...src });
        return;
      }
      case 'KeepAlive':
        return;
      case 'AppPlatformInfoRequest':
        if (!loggedIn) return void socket.close(4001, 'login first');
        send({ mt: 'AppPlatformInfoResult', version: options.version, ...src });
        return;
      default:
        if (!loggedIn) socket.close(4001, 'login first');
    }
  });
}

/** HTTPS on 443 (and a redirect on 80): /manager/ramdisk.log and the manager websocket. */
export async function startManager(options: ManagerOptions): Promise<{ close(): Promise<void> }> {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const https: Server = createHttpsServer({ cert: options.cert, key: options.key }, (request, response) => {
    const path = new URL(request.url ?? '/', 'https://ap').pathname;
    if (path === '/manager/ramdisk.log' && options.ramdiskLog !== null) {
      readFile(options.ramdiskLog, 'utf8').then(
        (text) => response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end(text),
        () => response.writeHead(404).end('no ramdisk log\n'),
      );
      return;
    }
    response.writeHead(path === '/' ? 302 : 404, path === '/' ? { Location: '/manager/' } : {}).end();
  });
  https.on('upgrade', (request, socket, head) => {
    if (new URL(request.url ?? '/', 'https://ap').pathname !== '/manager') return void socket.destroy();
    sockets.handleUpgrade(request, socket, head, (ws) => serveManagerSocket(ws, options));
  });
  await new Promise<void>((resolve, reject) => https.once('error', reject).listen(options.httpsPort, options.host, () => resolve()));
  const http = options.httpPort === null ? null : createHttpServer((request, response) => response.writeHead(301, { Location: `https://${request.headers.host ?? ''}${request.url ?? '/'}` }).end());
  if (http) await new Promise<void>((resolve, reject) => http.once('error', reject).listen(options.httpPort ?? 80, options.host, () => resolve()));
  return {
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      await Promise.all([new Promise((resolve) => https.close(resolve)), http ? new Promise((resolve) => http.close(resolve)) : undefined]);
    },
  };
}
