import { request } from 'node:http';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createEngine } from '../../electron/core/engine';
import type { EngineLog } from '../../electron/core/engineLog';
import { startWebServer } from '../../electron/core/server/webServer';
import type { WebServer } from '../../electron/core/server/webServer';

const silent: EngineLog = { info: () => undefined, error: () => undefined };
let folder: string;
let server: WebServer;

interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function openSocket(query: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api${query}`, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
}

function messages(socket: WebSocket, count: number): Promise<Array<Record<string, unknown>>> {
  return new Promise((resolve) => {
    const received: Array<Record<string, unknown>> = [];
    const onMessage = (data: unknown) => {
      received.push(JSON.parse(String(data)) as Record<string, unknown>);
      if (received.length < count) return;
      socket.off('message', onMessage);
      resolve(received);
    };
    socket.on('message', onMessage);
  });
}

async function nextMessage(socket: WebSocket): Promise<Record<string, unknown>> {
  const [message] = await messages(socket, 1);
  return message ?? {};
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'apc-web-'));
  const rendererDir = join(folder, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>AP Console</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(folder, 'secret.txt'), 'outside the renderer');
  const engine = createEngine({ mode: 'web', dataDir: join(folder, 'data'), log: silent });
  server = await startWebServer({ engine, rendererDir, log: silent });
});

afterAll(async () => {
  await server?.close();
  await rm(folder, { recursive: true, force: true });
});

describe('web server', () => {
  it('listens on 127.0.0.1 only and prints a token URL', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[\\w-]{43}$`));
  });

  it('refuses HTTP without the token, with a wrong token, a foreign Origin or a foreign Host', async () => {
    const host = `127.0.0.1:${server.port}`;
    expect((await get('/', { Host: host })).status).toBe(401);
    expect((await get('/?token=wrong', { Host: host })).status).toBe(401);
    expect((await get(`/?token=${server.token}`, { Host: host, Origin: 'http://evil.example' })).status).toBe(403);
    expect((await get(`/?token=${server.token}`, { Host: `attacker.example:${server.port}` })).status).toBe(403);
  });

  it('trades the token for an HttpOnly cookie and drops it from the address', async () => {
    const answer = await get(`/?token=${server.token}`);
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/');
    const cookie = String(answer.headers['set-cookie']);
    expect(cookie).toContain(`apc_token_${server.port}=${server.token}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
  });

  it('serves the renderer with a strict CSP to a holder of the cookie, and nothing outside it', async () => {
    const cookie = { Cookie: `apc_token_${server.port}=${server.token}` };
    const page = await get('/', cookie);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>AP Console</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-eval');
    expect((await get('/assets/app.js', cookie)).headers['content-type']).toContain('text/javascript');
    expect((await get('/../secret.txt', cookie)).status).toBe(404);
    expect((await get('/%2e%2e/secret.txt', cookie)).status).toBe(404);
    expect((await get('/', cookie, 'POST')).status).toBe(405);
    expect((await get('/api', cookie)).status).toBe(426);
  });

  it('refuses a WebSocket without the token or from a foreign Origin', async () => {
    await expect(openSocket('')).rejects.toThrow('HTTP 401');
    await expect(openSocket(`?token=${server.token}`, { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
  });

  it('answers contract calls and bad frames over the WebSocket', async () => {
    const socket = await openSocket('', { Cookie: `apc_token_${server.port}=${server.token}`, Origin: `http://127.0.0.1:${server.port}` });
    socket.send(JSON.stringify({ id: 7, method: 'app.info', params: {} }));
    expect(await nextMessage(socket)).toMatchObject({ id: 7, ok: true, result: { mode: 'web', dataDir: join(folder, 'data') } });
    socket.send(JSON.stringify({ id: 8, method: 'settings.update', params: { theme: 42 } }));
    expect(await nextMessage(socket)).toMatchObject({ id: 8, ok: false, error: { code: 'invalid_params', field: 'params.theme' } });
    socket.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await nextMessage(socket)).toMatchObject({ id: null, ok: false, error: { code: 'bad_message' } });
    socket.close();
  });

  it('pushes engine events to every open page', async () => {
    const headers = { Cookie: `apc_token_${server.port}=${server.token}` };
    const [first, second] = await Promise.all([openSocket('', headers), openSocket('', headers)]);
    const seenBySecond = nextMessage(second);
    const seenByFirst = messages(first, 2);
    first.send(JSON.stringify({ id: 1, method: 'settings.update', params: { theme: 'dark' } }));
    const [firstFrames, secondFrame] = await Promise.all([seenByFirst, seenBySecond]);
    expect(firstFrames).toContainEqual({ event: 'settings.changed', payload: { theme: 'dark', pollIntervalSeconds: 60, alarmThresholds: {}, savedFilters: [] } });
    expect(firstFrames).toContainEqual({ id: 1, ok: true, result: { theme: 'dark', pollIntervalSeconds: 60, alarmThresholds: {}, savedFilters: [] } });
    expect(secondFrame).toEqual({ event: 'settings.changed', payload: { theme: 'dark', pollIntervalSeconds: 60, alarmThresholds: {}, savedFilters: [] } });
    first.close();
    second.close();
  });

  it('closes a connection that sends a frame beyond the size limit', async () => {
    const socket = await openSocket(`?token=${server.token}`);
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('x'.repeat(2 * 1024 * 1024));
    expect(await closed).toBe(1009);
  });
});
