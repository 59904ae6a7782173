import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { Server as HttpsServer } from 'node:https';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo, Server as TcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { connectManager } from '../../../electron/core/connect/https/connectManager';
import { serveManagerSocket } from '../../lab/manager/managerServer';
import { caught } from '../../support/caughtConnectError';

// The lab's AP Manager websocket (the same code a lab platform runs) on [::1], with every frame it receives recorded.
const PASSWORD = 'local-manager-secret';
const VERSION = '140031';

let folder: string;
let server: HttpsServer;
let port: number;
let fingerprint: string;
let upgrades = 0;
const received: Array<Record<string, unknown>> = [];

function listen(target: HttpsServer | TcpServer): Promise<number> {
  return new Promise((resolve, reject) => {
    target.once('error', reject);
    target.listen(0, '::1', () => resolve((target.address() as AddressInfo).port));
  });
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'apc-manager-ws-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '30', '-subj', '/CN=::1', '-addext', 'subjectAltName=IP:::1', '-keyout', join(folder, 'key.pem'), '-out', join(folder, 'cert.pem')], { stdio: 'ignore' });
  const cert = readFileSync(join(folder, 'cert.pem'), 'utf8');
  fingerprint = new X509Certificate(cert).fingerprint256;
  const sockets = new WebSocketServer({ noServer: true });
  server = createHttpsServer({ cert, key: readFileSync(join(folder, 'key.pem'), 'utf8') }, (_request, response) => response.writeHead(404).end());
  server.on('upgrade', (request, socket, head) => {
    upgrades++;
    if (request.url !== '/manager') return void socket.destroy();
    sockets.handleUpgrade(request, socket, head, (ws) => {
      ws.on('message', (data) => received.push(JSON.parse(String(data)) as Record<string, unknown>));
      serveManagerSocket(ws, { password: PASSWORD, version: VERSION });
    });
  });
  port = await listen(server);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(folder, { recursive: true, force: true });
});

describe('AP Manager websocket client against the lab manager code on [::1]', () => {
  it('refuses an unpinned self-signed certificate before any websocket byte is sent', async () => {
    const before = { upgrades, frames: received.length };
    const error = await caught(connectManager({ host: '::1', port, password: PASSWORD, timeoutMs: 5000 }));
    expect(error.code).toBe('certificate_untrusted');
    expect(error.details.sha256).toBe(fingerprint);
    expect(error.details.selfSigned).toBe(true);
    expect({ upgrades, frames: received.length }).toEqual(before);
  });

  it('logs in over a bracketed IPv6 literal with the manager identity and reads the version', async () => {
    received.length = 0;
    const manager = await connectManager({ host: '[::1]', port, password: PASSWORD, trust: { pinnedCertSha256: fingerprint }, timeoutMs: 5000 });
    try {
      expect(manager.version).toBe(VERSION);
      expect(manager.url).toBe(`wss://[::1]:${port}/manager`);
      expect(manager.tls.trust).toMatchObject({ trusted: true, pinMatches: true, chainValid: false });
      expect(received[0]).toEqual({ mt: 'AppChallenge' });
      expect(received[1]).toMatchObject({ mt: 'AppLogin', app: 'manager', domain: '', sip: 'manager', guid: '00000000000000000000000000000000', dn: 'Admin' });
      expect(received[1]).not.toHaveProperty('info');
      expect(JSON.stringify(received)).not.toContain(PASSWORD);
      expect(received[2]).toMatchObject({ mt: 'AppPlatformInfoRequest', src: expect.any(String) });
    } finally {
      await manager.close();
    }
    expect(manager.isOpen).toBe(false);
  });

  it('matches concurrent requests by src', async () => {
    received.length = 0;
    const manager = await connectManager({ host: '::1', port, password: PASSWORD, trust: { pinnedCertSha256: fingerprint } });
    try {
      const answers = await Promise.all(Array.from({ length: 5 }, () => manager.request({ mt: 'AppPlatformInfoRequest' })));
      const sources = answers.map((answer) => answer.src);
      expect(new Set(sources).size).toBe(5);
      expect(answers.every((answer) => answer.version === VERSION)).toBe(true);
      const sentSources = received.filter((frame) => frame.mt === 'AppPlatformInfoRequest').map((frame) => frame.src);
      expect(sentSources).toEqual(expect.arrayContaining(sources));
    } finally {
      await manager.close();
    }
  });

  it('times out a request the manager does not answer, and stays usable', async () => {
    const manager = await connectManager({ host: '::1', port, password: PASSWORD, trust: { pinnedCertSha256: fingerprint } });
    try {
      const error = await caught(manager.request({ mt: 'NotAManagerMessage' }, { timeoutMs: 300 }));
      expect(error.code).toBe('timeout');
      expect(error.message).toContain('NotAManagerMessage');
      await expect(manager.request({ mt: 'AppPlatformInfoRequest' })).resolves.toMatchObject({ version: VERSION });
    } finally {
      await manager.close();
    }
  });

  it('sends KeepAlive while connected', async () => {
    received.length = 0;
    const manager = await connectManager({ host: '::1', port, password: PASSWORD, trust: { pinnedCertSha256: fingerprint }, keepAliveMs: 100 });
    await new Promise((resolve) => setTimeout(resolve, 450));
    await manager.close();
    const keepAlives = received.filter((frame) => frame.mt === 'KeepAlive').length;
    expect(keepAlives).toBeGreaterThanOrEqual(3);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(received.filter((frame) => frame.mt === 'KeepAlive').length).toBe(keepAlives);
  });

  it('reports a wrong password as auth_failed without the password or the digest', async () => {
    received.length = 0;
    const wrong = 'not-the-manager-password';
    const error = await caught(connectManager({ host: '::1', port, password: wrong, trust: { pinnedCertSha256: fingerprint } }));
    expect(error.code).toBe('auth_failed');
    expect(error.message).toContain('manager password');
    const digest = String(received.find((frame) => frame.mt === 'AppLogin')?.digest);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    const shown = JSON.stringify({ message: error.message, details: error.details });
    expect(shown).not.toContain(wrong);
    expect(shown).not.toContain(digest);
  });
});

describe('AP Manager websocket client limits', () => {
  let silent: TcpServer;
  let silentPort: number;

  beforeAll(async () => {
    // Accepts TCP and never answers the TLS handshake.
    silent = createTcpServer((socket) => socket.resume());
    silentPort = await listen(silent);
  });

  afterAll(async () => {
    await new Promise((resolve) => silent.close(resolve));
  });

  it('says when the webserver answers HTTP instead of the manager websocket', async () => {
    const key = readFileSync(join(folder, 'key.pem'), 'utf8');
    const cert = readFileSync(join(folder, 'cert.pem'), 'utf8');
    const plain = createHttpsServer({ cert, key }, (_request, response) => response.writeHead(404).end());
    plain.on('upgrade', (_request, socket) => socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'));
    const plainPort = await listen(plain);
    try {
      const error = await caught(connectManager({ host: '::1', port: plainPort, password: PASSWORD, trust: { pinnedCertSha256: fingerprint }, timeoutMs: 3000 }));
      expect(error.code).toBe('protocol');
      expect(error.details.status).toBe(404);
      expect(error.message).toContain('HTTP 404');
    } finally {
      plain.closeAllConnections();
      await new Promise((resolve) => plain.close(resolve));
    }
  });

  it('times out on a server that never completes TLS', async () => {
    const started = Date.now();
    const error = await caught(connectManager({ host: '::1', port: silentPort, password: PASSWORD, timeoutMs: 400 }));
    expect(error.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('is cancelled by its signal', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await caught(connectManager({ host: '::1', port: silentPort, password: PASSWORD, timeoutMs: 10_000, signal: controller.signal }));
    expect(error.code).toBe('cancelled');
  });

  it('reports a closed port as unreachable', async () => {
    const closed = createTcpServer();
    const freePort = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const error = await caught(connectManager({ host: '::1', port: freePort, password: PASSWORD }));
    expect(error.code).toBe('unreachable');
    expect(error.details.cause).toBe('ECONNREFUSED');
  });
});
