import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformStatus } from '../../../electron/core/contract';
import type { Engine } from '../../../electron/core/engine';
import { labUp } from '../../lab/lab';
import { isRoot } from '../connect/connectLab';
import { callEngine, closeLabEngine, importLabFleet, labHostKeyFingerprint, quietEngine } from './labEngine';

const AP = 'conn-ap';
const MASTER = 'Connection-Master-5127';
const ADMIN_PASSWORD = 'ipapps';
const ROOT_PASSWORD = 'iplinux';
const WRONG = 'Wrong-Password-9311';

interface Check {
  step: 'ssh' | 'root' | 'database' | 'webserver';
  ok: boolean | null;
  message: string;
}

describe.skipIf(!isRoot)('the connection test through the contract, on a lab platform', () => {
  let dataDir: string;
  let engine: Engine;
  let platformId = '';
  let adminRef = '';
  let rootRef = '';

  const call = <T>(method: string, params?: unknown) => callEngine<T>(engine, method, params);
  const test = async () => {
    const answer = await call<{ platformId: string; checks: Check[] }>('fleet.testConnection', { platformId });
    expect(answer.ok, JSON.stringify(answer.error)).toBe(true);
    expect(answer.result.platformId).toBe(platformId);
    const checks = answer.result.checks;
    expect(checks.map((c) => c.step)).toEqual(['ssh', 'root', 'database', 'webserver']);
    for (const secret of [ADMIN_PASSWORD, ROOT_PASSWORD, WRONG, MASTER]) expect(JSON.stringify(checks)).not.toContain(secret);
    return Object.fromEntries(checks.map((c) => [c.step, c])) as Record<Check['step'], Check>;
  };
  const setSecret = async (ref: string, secret: string) => expect((await call('vault.setSecret', { ref, secret })).ok).toBe(true);

  beforeAll(async () => {
    await labUp({ platforms: [{ name: AP, diskMiB: 256 }] });
    dataDir = await mkdtemp(join(tmpdir(), 'apc-connection-test-'));
    engine = quietEngine(dataDir);
    const platform = await importLabFleet(engine, MASTER, AP);
    platformId = platform.id;
    adminRef = platform.credentials.passwordRef ?? '';
    rootRef = platform.credentials.rootPasswordRef ?? '';
  }, 300_000);

  afterAll(() => closeLabEngine(engine, dataDir));

  it('stops at an unknown host key, naming its fingerprint, and tries nothing else', async () => {
    const checks = await test();
    const fingerprint = (await labHostKeyFingerprint(AP)) ?? 'missing';
    expect(checks.ssh).toEqual({ step: 'ssh', ok: false, message: expect.stringContaining(`unknown ssh-ed25519 host key ${fingerprint}. Confirm the fingerprint to pin it.`) });
    for (const step of ['root', 'database', 'webserver'] as const) expect(checks[step]).toEqual({ step, ok: null, message: 'Not tried: SSH failed.' });
    // Pin the key the way a user does: from the poll's host key prompt.
    await call('monitor.pollNow', { platformIds: [platformId] });
    const statuses = await call<{ statuses: Array<{ status: PlatformStatus }> }>('monitor.statuses');
    const hostKey = statuses.result.statuses.find((s) => s.status.platformId === platformId)?.status.reach.hostKey;
    expect(hostKey?.fingerprint).toBe(fingerprint);
    expect((await call('hostKeys.accept', { id: hostKey?.id, host: hostKey?.host, port: hostKey?.port, key: hostKey?.key })).ok).toBe(true);
  });

  it('passes every step on a good platform, beside the pooled connection', async () => {
    expect((await call('monitor.pollNow', { platformIds: [platformId] })).result).toEqual({ polled: 1, reached: 1 });
    const checks = await test();
    expect(checks.ssh).toMatchObject({ ok: true, message: expect.stringContaining(`Logged in as admin on ${AP}`) });
    expect(checks.root).toMatchObject({ ok: true, message: `su root on ${AP} accepted the stored root password.` });
    expect(checks.database).toMatchObject({ ok: true, message: expect.stringContaining(`PostgreSQL on ${AP} answered`) });
    expect(checks.webserver).toMatchObject({ ok: true, message: expect.stringMatching(/answers \(HTTP \d{3}\); its certificate is not trusted yet/) });
    // The pooled connection was left alone.
    expect((await call('monitor.pollNow', { platformIds: [platformId] })).result).toEqual({ polled: 1, reached: 1 });
  });

  it('reports a wrong admin password on the SSH step, with what to do', async () => {
    await setSecret(adminRef, WRONG);
    try {
      const checks = await test();
      expect(checks.ssh).toEqual({ step: 'ssh', ok: false, message: expect.stringMatching(/^Login as admin on .+ was refused\. Check the user name and the stored password or key\.$/) });
      expect(checks.root).toEqual({ step: 'root', ok: null, message: 'Not tried: SSH failed.' });
    } finally {
      await setSecret(adminRef, ADMIN_PASSWORD);
    }
  });

  it('reports a wrong root password on the root step, and a missing one as not tried', async () => {
    await setSecret(rootRef, WRONG);
    const wrong = await test();
    expect(wrong.ssh.ok).toBe(true);
    expect(wrong.root).toEqual({ step: 'root', ok: false, message: expect.stringContaining(`su root was refused: the root password stored for ${AP} is wrong.`) });
    expect(wrong.webserver.ok).toBe(true);

    expect((await call('fleet.updatePlatform', { id: platformId, credentials: { rootPasswordRef: null } })).ok).toBe(true);
    const missing = await test();
    expect(missing.root).toEqual({ step: 'root', ok: null, message: expect.stringContaining(`No root password is stored for ${AP}`) });
  });
});
