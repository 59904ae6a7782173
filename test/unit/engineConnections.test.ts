import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/core/engine';
import type { Engine } from '../../electron/core/engine';

const run = promisify(execFile);
let dataDir: string;
let engine: Engine;
const errors: unknown[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'apc-engine-conn-'));
  engine = createEngine({ mode: 'web', dataDir, log: { info: () => undefined, error: (_m, e) => errors.push(e) } });
});
afterEach(async () => rm(dataDir, { recursive: true, force: true }));

async function call(method: string, params: unknown = {}) {
  return engine.dispatch({ id: 1, method, params });
}

async function publicKeyBlob(): Promise<string> {
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dataDir, 'k')]);
  return (await readFile(join(dataDir, 'k.pub'), 'utf8')).split(' ')[1] ?? '';
}

describe('host keys through the contract', () => {
  it('pins a confirmed key, refuses a different one without replace, and round-trips known_hosts', async () => {
    const key = await publicKeyBlob();
    const accepted = await call('hostKeys.accept', { id: 'ap1', host: '10.1.2.3', port: 2222, key });
    expect(accepted).toMatchObject({ ok: true, result: { id: 'ap1', keyType: 'ssh-ed25519', fingerprint: expect.stringMatching(/^SHA256:/) } });
    const fingerprint = (accepted as { result: { fingerprint: string } }).result.fingerprint;
    const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(dataDir, 'k.pub')]);
    expect(stdout).toContain(fingerprint);

    const exported = (await call('hostKeys.exportKnownHosts', { hashed: true })) as { result: { text: string } };
    expect(exported.result.text).toMatch(/^\|1\|/);
    await call('hostKeys.remove', { id: 'ap1' });
    expect(await call('hostKeys.list')).toMatchObject({ result: { pins: [] } });
    const imported = await call('hostKeys.importKnownHosts', { text: `${exported.result.text}@revoked * ssh-ed25519 ${key}\n`, endpoints: [{ id: 'ap1', host: '10.1.2.3', port: 2222 }] });
    expect(imported).toMatchObject({ result: { added: 0, skipped: [{ line: 1, reason: expect.stringMatching(/revoked/) }, { line: 2, reason: expect.stringMatching(/revoked/) }] } });
    const clean = await call('hostKeys.importKnownHosts', { text: exported.result.text, endpoints: [{ id: 'ap1', host: '10.1.2.3', port: 2222 }] });
    expect(clean).toMatchObject({ result: { added: 1, skipped: [] } });
    expect(await call('hostKeys.list')).toMatchObject({ result: { pins: [{ id: 'ap1', fingerprint }] } });

    await rm(join(dataDir, 'k'));
    await rm(join(dataDir, 'k.pub'));
    const other = await publicKeyBlob();
    const refused = await call('hostKeys.accept', { id: 'ap1', host: '10.1.2.3', port: 2222, key: other });
    expect(refused).toMatchObject({ ok: false, error: { code: 'failed', reason: 'host_key_changed' } });
    const replaced = (await call('hostKeys.replace', { id: 'ap1', host: '10.1.2.3', port: 2222, key: other, expectedFingerprint: fingerprint })) as { ok: boolean };
    expect(replaced).toMatchObject({ ok: false, error: { reason: 'verify_failed' } });
  });

  it('rejects a malformed key with the failing field named', async () => {
    expect(await call('hostKeys.accept', { id: 'ap1', host: 'h', port: 22, key: 'not base64!' })).toMatchObject({ ok: false, error: { code: 'invalid_params', field: 'params.key' } });
  });
});

describe('the vault through the contract', () => {
  it('takes secrets in, gives only their names back, and keeps them encrypted on disk', async () => {
    expect(await call('vault.status')).toMatchObject({ ok: true, result: { status: 'uninitialised', refs: [] } });
    await call('vault.initialise', { masterPassword: 'correct horse battery' });
    const stored = await call('vault.setSecret', { ref: 'platform:ap1:admin-password', secret: 'S3cret-admin-pw' });
    expect(stored).toMatchObject({ ok: true, result: { status: 'unlocked', refs: ['platform:ap1:admin-password'] } });
    expect(JSON.stringify(stored)).not.toContain('S3cret-admin-pw');
    for (const file of await readdir(dataDir)) expect(await readFile(join(dataDir, file), 'utf8')).not.toContain('S3cret-admin-pw');

    await call('vault.lock');
    const wrong = await call('vault.unlock', { masterPassword: 'wrong horse battery' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'failed', message: expect.stringMatching(/master password is wrong/i) } });
    expect(JSON.stringify(wrong)).not.toContain('wrong horse battery');
    expect(await call('vault.unlock', { masterPassword: 'correct horse battery' })).toMatchObject({ ok: true, result: { status: 'unlocked' } });
    expect(errors).toEqual([]);
  });
});
