import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Engine } from '../engine';
import type { EngineLog } from '../engineLog';
import { contentSecurityPolicy } from '../security/contentSecurityPolicy';
import { newAccessToken } from './accessToken';
import { createRequestGuard } from './requestGuard';
import type { GuardVerdict, RequestGuard } from './requestGuard';
import { sendStaticFile } from './staticFiles';
import { serveWebSocket } from './webSocketSession';

export const LOOPBACK = '127.0.0.1';
export const API_PATH = '/api';
const MAX_FRAME_BYTES = 1024 * 1024;

export interface WebServerOptions {
  engine: Engine;
  rendererDir: string;
  log: EngineLog;
  port?: number;
}

export interface WebServer {
  port: number;
  token: string;
  /** The address to open, with the token. */
  url: string;
  close(): Promise<void>;
}

/** Serves the renderer build and the contract over WebSocket, on 127.0.0.1 only, behind a per-start token. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { engine, rendererDir, log } = options;
  const token = newAccessToken();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  sockets.on('connection', (socket) => serveWebSocket(socket, engine));

  const server = createServer();
  const port = await listen(server, options.port ?? 0);
  const guard = createRequestGuard(port, token);
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handleHttp(request, response, { guard, token, rendererDir }).catch((error: unknown) => {
      log.error('HTTP request failed', error);
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('The console could not answer this request.');
    });
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const verdict = checkUpgrade(request, guard);
    if (!verdict.allowed) return refuseUpgrade(socket, verdict);
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });

  return {
    port,
    token,
    url: `http://${LOOPBACK}:${port}/?token=${token}`,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function listen(server: ReturnType<typeof createServer>, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('The web server has no TCP address.'));
      else resolve(address.port);
    });
  });
}

function guardInput(request: IncomingMessage, url: URL) {
  return {
    host: request.headers.host,
    origin: request.headers.origin,
    cookie: request.headers.cookie,
    queryToken: url.searchParams.get('token') ?? undefined,
  };
}

interface HttpContext {
  guard: RequestGuard;
  token: string;
  rendererDir: string;
}

async function handleHttp(request: IncomingMessage, response: ServerResponse, { guard, token, rendererDir }: HttpContext): Promise<void> {
  const url = new URL(request.url ?? '/', `http://${LOOPBACK}`);
  const verdict = guard.check(guardInput(request, url));
  if (!verdict.allowed) {
    response.writeHead(verdict.status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(verdict.reason);
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('Only GET and HEAD are served.');
    return;
  }
  setSecurityHeaders(response);
  if (verdict.via === 'query') {
    url.searchParams.delete('token');
    response.setHeader('Set-Cookie', `${guard.cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    response.writeHead(303, { Location: `${url.pathname}${url.search}` }).end();
    return;
  }
  if (url.pathname === API_PATH) {
    response.writeHead(426, { 'Content-Type': 'text/plain; charset=utf-8' }).end('This address takes WebSocket connections only.');
    return;
  }
  await sendStaticFile(rendererDir, url.pathname, response, request.method === 'HEAD');
}

function setSecurityHeaders(response: ServerResponse): void {
  response.setHeader('Content-Security-Policy', contentSecurityPolicy());
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
}

function checkUpgrade(request: IncomingMessage, guard: RequestGuard): GuardVerdict {
  const url = new URL(request.url ?? '/', `http://${LOOPBACK}`);
  if (url.pathname !== API_PATH) return { allowed: false, status: 403, reason: `WebSocket connections are served on ${API_PATH} only.` };
  return guard.check(guardInput(request, url));
}

function refuseUpgrade(socket: Duplex, verdict: Extract<GuardVerdict, { allowed: false }>): void {
  const text = verdict.status === 401 ? 'Unauthorized' : 'Forbidden';
  const body = `${verdict.reason}\n`;
  socket.end(
    `HTTP/1.1 ${verdict.status} ${text}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
