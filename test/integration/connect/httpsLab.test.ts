import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectManager } from '../../../electron/core/connect/https/connectManager';
import { probeHttps } from '../../../electron/core/connect/https/httpsProbe';
import { fetchRamdiskLog } from '../../../electron/core/connect/https/ramdiskLog';
import { customCertificate, defaultCertificate, startManager, stopManager } from '../../lab/faults';
import { MANAGER_HTTPS_PORT, labDown, labUp } from '../../lab/lab';
import type { LabPlatform } from '../../lab/lab';
import { platformDir } from '../../lab/labPaths';
import { waitForPort } from '../../lab/tcpProbe';
import { caught } from '../../support/caughtConnectError';

const run = promisify(execFile);
const isRoot = process.getuid?.() === 0;
const SPEC = {
  platforms: [
    { name: 'web-ap', diskMiB: 128, build: 140027 },
    { name: 'old-ap', diskMiB: 128, build: 130014, era: '13r1' },
  ],
};
const MANAGER_PASSWORD = 'pwd';

/** The fingerprint OpenSSL prints, for a PEM file or for what the server presents. */
async function opensslFingerprint(source: { file: string } | { address: string }): Promise<string> {
  const command =
    'file' in source
      ? `openssl x509 -in '${source.file}' -noout -fingerprint -sha256`
      : `echo | openssl s_client -connect '${source.address}:443' 2>/dev/null | openssl x509 -noout -fingerprint -sha256`;
  const { stdout } = await run('sh', ['-c', command]);
  return stdout.trim().replace(/^sha256 Fingerprint=/i, '');
}

async function restartManager(platform: LabPlatform): Promise<void> {
  await stopManager(platform.name);
  await startManager(platform.name);
  await waitForPort(platform.address, MANAGER_HTTPS_PORT, 20_000);
}

describe.skipIf(!isRoot)('HTTPS and the AP Manager websocket on lab platforms', () => {
  let web: LabPlatform;
  let old: LabPlatform;
  let defaultSha256: string;

  beforeAll(async () => {
    const lab = await labUp(SPEC);
    const find = (name: string) => lab.platforms.find((p) => p.name === name) ?? (() => { throw new Error(`no lab platform ${name}`); })();
    web = find('web-ap');
    old = find('old-ap');
    defaultSha256 = await opensslFingerprint({ file: join(platformDir('web-ap'), 'apps', 'webserver', 'default-cert.pem') });
  });

  afterAll(async () => {
    await labDown();
  });

  it('probes the platform webserver: self-signed certificate with its SAN and expiry, not trusted until pinned', async () => {
    const result = await probeHttps({ host: web.address, timeoutMs: 10_000 });
    if (!result.reachable) throw new Error(result.message);
    expect(result.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(result.cipher.name).not.toBe('');
    const [leaf] = result.chain;
    expect(leaf).toMatchObject({ subjectCommonName: web.address, selfSigned: true, sha256: defaultSha256, expired: false });
    expect(leaf?.subjectAltNames).toEqual(expect.arrayContaining([{ type: 'IP', value: web.address }, { type: 'DNS', value: 'web-ap' }]));
    // The lab issues the default certificate for 825 days.
    expect(leaf?.daysToExpiry).toBeGreaterThanOrEqual(823);
    expect(leaf?.daysToExpiry).toBeLessThanOrEqual(825);
    expect(result.trust).toMatchObject({ trusted: false, chainValid: false, pinConfigured: false });
    expect(result.trust.chainError).not.toBeNull();
    expect(result.http).toMatchObject({ status: 302, location: '/manager/' });

    const pinned = await probeHttps({ host: web.address, trust: { pinnedCertSha256: defaultSha256 } });
    expect(pinned.reachable && pinned.trust).toMatchObject({ trusted: true, pinMatches: true });
  });

  it('fetches /manager/ramdisk.log once the certificate is pinned', async () => {
    const untrusted = await caught(fetchRamdiskLog({ host: web.address }));
    expect(untrusted.code).toBe('certificate_untrusted');
    expect(untrusted.details.sha256).toBe(defaultSha256);
    const result = await fetchRamdiskLog({ host: web.address, trust: { pinnedCertSha256: defaultSha256 } });
    const onDisk = await readFile(join(platformDir('web-ap'), 'apps', 'install_step1.log'), 'utf8');
    expect(result).toMatchObject({ available: true, text: onDisk, truncated: false });
  });

  it('says a 13r1 platform of 2021 has no ramdisk.log URL', async () => {
    const sha256 = await opensslFingerprint({ file: join(platformDir('old-ap'), 'apps', 'webserver', 'default-cert.pem') });
    const result = await fetchRamdiskLog({ host: old.address, trust: { pinnedCertSha256: sha256 } });
    expect(result).toMatchObject({ available: false, status: 404 });
    expect(!result.available && result.message).toContain('/apps/install_step1.log');
  });

  it('refuses to log in to the manager over an untrusted certificate, and logs in once it is pinned', async () => {
    const untrusted = await caught(connectManager({ host: web.address, password: MANAGER_PASSWORD }));
    expect(untrusted.code).toBe('certificate_untrusted');
    expect(untrusted.details.sha256).toBe(defaultSha256);

    const manager = await connectManager({ host: web.address, password: MANAGER_PASSWORD, trust: { pinnedCertSha256: defaultSha256 } });
    try {
      const label = (await readFile(join(platformDir('web-ap'), 'sda1', 'label'), 'utf8')).trim();
      expect(manager.version).toBe(label);
      expect(manager.version).toContain(String(web.build));
      const again = await manager.request({ mt: 'AppPlatformInfoRequest' });
      expect(again).toMatchObject({ mt: 'AppPlatformInfoResult', version: label, src: expect.any(String) });
    } finally {
      await manager.close();
    }
  });

  it('reports a wrong manager password as auth_failed, without the password', async () => {
    const wrong = 'wrong-manager-password';
    const error = await caught(connectManager({ host: web.address, password: wrong, trust: { pinnedCertSha256: defaultSha256 } }));
    expect(error.code).toBe('auth_failed');
    expect(error.message).toMatch(/manager password under the platform's credentials/);
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(wrong);
  });

  it('reports a stopped manager as unreachable, with what to check', async () => {
    await stopManager(web.name);
    try {
      const error = await caught(connectManager({ host: web.address, password: MANAGER_PASSWORD, trust: { pinnedCertSha256: defaultSha256 }, timeoutMs: 5000 }));
      expect(error.code).toBe('unreachable');
      expect(error.message).toContain(web.address);
      expect(error.message).toMatch(/connection refused.*AP Manager may be stopped/);
      const probe = await probeHttps({ host: web.address, timeoutMs: 5000 });
      expect(probe).toMatchObject({ reachable: false, code: 'unreachable' });
    } finally {
      await startManager(web.name);
      await waitForPort(web.address, MANAGER_HTTPS_PORT, 20_000);
    }
    const manager = await connectManager({ host: web.address, password: MANAGER_PASSWORD, trust: { pinnedCertSha256: defaultSha256 } });
    await manager.close();
  });

  it('no longer trusts the pinned fingerprint after a custom certificate is uploaded', async () => {
    await customCertificate(web.name, 'custom-cert.lab');
    await restartManager(web);
    try {
      const uploadedSha256 = await opensslFingerprint({ address: web.address });
      expect(uploadedSha256).not.toBe(defaultSha256);
      const error = await caught(connectManager({ host: web.address, password: MANAGER_PASSWORD, trust: { pinnedCertSha256: defaultSha256 } }));
      expect(error.code).toBe('certificate_untrusted');
      expect(error.details).toMatchObject({ sha256: uploadedSha256, pinnedSha256: defaultSha256 });
      expect(error.message).toMatch(/changed/);
      const probe = await probeHttps({ host: web.address, trust: { pinnedCertSha256: defaultSha256 } });
      expect(probe.reachable && probe.chain[0]?.subjectCommonName).toBe('custom-cert.lab');
      const manager = await connectManager({ host: web.address, password: MANAGER_PASSWORD, trust: { pinnedCertSha256: uploadedSha256 } });
      expect(manager.version).toContain(String(web.build));
      await manager.close();
    } finally {
      await defaultCertificate(web.name);
      await restartManager(web);
    }
  });
});
