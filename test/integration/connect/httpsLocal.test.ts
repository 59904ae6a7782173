import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo, Server as TcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeHttps } from '../../../electron/core/connect/https/httpsProbe';
import { fetchRamdiskLog } from '../../../electron/core/connect/https/ramdiskLog';
import { startManager } from '../../lab/manager/managerServer';
import { caught } from '../../support/caughtConnectError';
import { freePort } from '../../support/freePort';

// Two lab managers (the code a lab platform runs) on [::1]: one of today's, one from before the ramdisk.log URL.
let folder: string;
let fingerprint: string;
let logText: string;
const ports = { current: 0, old: 0 };
const managers: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'apc-https-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '90', '-subj', '/CN=ap6.lab', '-addext', 'subjectAltName=IP:::1,DNS:ap6.lab', '-keyout', join(folder, 'key.pem'), '-out', join(folder, 'cert.pem')], { stdio: 'ignore' });
  const cert = readFileSync(join(folder, 'cert.pem'), 'utf8');
  const key = readFileSync(join(folder, 'key.pem'), 'utf8');
  fingerprint = new X509Certificate(cert).fingerprint256;
  logText = Array.from({ length: 400 }, (_, i) => `install step ${i}: äöü ok`).join('\n') + '\nfinished\n';
  writeFileSync(join(folder, 'install_step1.log'), logText);
  ports.current = await freePort('::1');
  ports.old = await freePort('::1');
  const common = { host: '::1', httpPort: null, cert, key, password: 'pwd', version: '140029' };
  managers.push(await startManager({ ...common, httpsPort: ports.current, ramdiskLog: join(folder, 'install_step1.log') }));
  managers.push(await startManager({ ...common, httpsPort: ports.old, ramdiskLog: null }));
});

afterAll(async () => {
  for (const manager of managers) await manager.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('HTTPS probe and ramdisk log over IPv6 against the lab manager code', () => {
  it('probes an IPv6 literal: TLS, the self-signed chain with its IPv6 SAN, and GET /', async () => {
    const result = await probeHttps({ host: '::1', port: ports.current, timeoutMs: 5000 });
    if (!result.reachable) throw new Error(result.message);
    expect(result.url).toBe(`https://[::1]:${ports.current}/`);
    expect(result.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(result.chain).toHaveLength(1);
    expect(result.chain[0]).toMatchObject({ subjectCommonName: 'ap6.lab', selfSigned: true, sha256: fingerprint });
    expect(result.chain[0]?.subjectAltNames).toContainEqual({ type: 'DNS', value: 'ap6.lab' });
    expect(result.chain[0]?.subjectAltNames.some((name) => name.type === 'IP' && /^0:0:0:0:0:0:0:1$|^::1$/.test(name.value))).toBe(true);
    expect(result.chain[0]?.daysToExpiry).toBeGreaterThanOrEqual(89);
    expect(result.trust).toMatchObject({ trusted: false, chainValid: false, pinConfigured: false });
    expect(result.http).toEqual({ status: 302, location: '/manager/', server: null });
  });

  it('reads the end of a long ramdisk log within the byte cap, only over a trusted connection', async () => {
    const untrusted = await caught(fetchRamdiskLog({ host: '[::1]', port: ports.current }));
    expect(untrusted.code).toBe('certificate_untrusted');
    expect(untrusted.details.sha256).toBe(fingerprint);

    const whole = await fetchRamdiskLog({ host: '[::1]', port: ports.current, trust: { pinnedCertSha256: fingerprint } });
    expect(whole).toEqual({ available: true, url: `https://[::1]:${ports.current}/manager/ramdisk.log`, text: logText, totalBytes: Buffer.byteLength(logText), truncated: false });

    const tail = await fetchRamdiskLog({ host: '::1', port: ports.current, trust: { pinnedCertSha256: fingerprint.replace(/:/g, '').toLowerCase() }, maxBytes: 1000 });
    if (!tail.available) throw new Error(tail.message);
    expect(tail.truncated).toBe(true);
    expect(tail.totalBytes).toBe(Buffer.byteLength(logText));
    expect(Buffer.byteLength(tail.text)).toBeLessThanOrEqual(1000);
    expect(Buffer.byteLength(tail.text)).toBeGreaterThan(995);
    expect(logText.endsWith(tail.text)).toBe(true);
    expect(tail.text.endsWith('finished\n')).toBe(true);
  });

  it('tells a platform without the ramdisk.log URL apart from a failure', async () => {
    const result = await fetchRamdiskLog({ host: '::1', port: ports.old, trust: { pinnedCertSha256: fingerprint } });
    expect(result.available).toBe(false);
    if (result.available) return;
    expect(result.status).toBe(404);
    expect(result.message).toContain('13r1');
    expect(result.message).toContain('/apps/install_step1.log');
  });
});

describe('HTTPS probe when the webserver cannot be reached', () => {
  let silent: TcpServer;
  let silentPort: number;

  beforeAll(async () => {
    silent = createTcpServer((socket) => socket.resume());
    await new Promise<void>((resolve) => silent.listen(0, '::1', resolve));
    silentPort = (silent.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => silent.close(resolve));
  });

  it('reports a closed port as not reachable', async () => {
    const result = await probeHttps({ host: '::1', port: await freePort('::1'), timeoutMs: 3000 });
    expect(result).toMatchObject({ reachable: false, code: 'unreachable' });
  });

  it('reports a server that never answers TLS as a timeout', async () => {
    const result = await probeHttps({ host: '::1', port: silentPort, timeoutMs: 300 });
    expect(result).toMatchObject({ reachable: false, code: 'timeout' });
  });

  it('throws when cancelled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await caught(probeHttps({ host: '::1', port: silentPort, timeoutMs: 10_000, signal: controller.signal }));
    expect(error.code).toBe('cancelled');
  });
});
