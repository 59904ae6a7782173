import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVault } from '../../electron/core/vault/vault';
import { VaultError } from '../../electron/core/vault/vaultError';
import { readVaultFile, writeVaultFile } from '../../electron/core/vault/vaultFile';
import type { VaultDocument } from '../../electron/core/vault/vaultFile';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apc-vault-file-'));
  file = join(dir, 'vault.json');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const valid: VaultDocument = {
  version: 1,
  protection: 'masterPassword',
  kdf: { algorithm: 'scrypt', cost: 15, blockSize: 8, parallelism: 1, salt: Buffer.alloc(16, 7).toString('base64') },
  verifier: { iv: Buffer.alloc(12, 1).toString('base64'), tag: Buffer.alloc(16, 2).toString('base64'), data: 'AAAA' },
  secrets: { 'platform:p1:admin-password': { iv: Buffer.alloc(12, 3).toString('base64'), tag: Buffer.alloc(16, 4).toString('base64'), data: 'BBBB' } },
};

async function expectMovedAside(original: string): Promise<void> {
  await writeFile(file, original);
  const vault = await createVault({ file, scryptCost: 15 });
  expect(vault.status()).toBe('uninitialised');
  const names = await readdir(dir);
  expect(names).not.toContain('vault.json');
  const aside = names.filter((name) => name.startsWith('vault.json.unreadable-'));
  expect(aside).toHaveLength(1);
  const asidePath = join(dir, aside[0] ?? '');
  expect(await readFile(asidePath, 'utf8')).toBe(original);
  const problem = vault.problem();
  expect(problem).toContain(file);
  expect(problem).toContain(asidePath);
  expect(problem).toMatch(/\.$/);
}

describe('vault file', () => {
  it('reads nothing and creates nothing when the file is missing', async () => {
    expect(await readVaultFile(file)).toEqual({ document: null, problem: null });
    expect(await readdir(dir)).toEqual([]);
  });

  it('writes and reads back a valid document', async () => {
    await writeVaultFile(file, valid);
    expect(await readVaultFile(file)).toEqual({ document: valid, problem: null });
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('moves a file with broken JSON aside and starts empty', async () => {
    await expectMovedAside('{"version": 1, "protection": "masterPa');
  });

  it('moves aside a file whose key derivation was weakened below 2^15', async () => {
    await expectMovedAside(JSON.stringify({ ...valid, kdf: { ...valid.kdf, cost: 10 } }));
  });

  it('moves aside a file with a short IV, an unknown field or a malformed ref', async () => {
    await expectMovedAside(JSON.stringify({ ...valid, verifier: { ...valid.verifier, iv: Buffer.alloc(8).toString('base64') } }));
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir);
    await expectMovedAside(JSON.stringify({ ...valid, plaintext: { 'platform:p1:admin-password': 'oops' } }));
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir);
    await expectMovedAside(JSON.stringify({ ...valid, secrets: { 'has space': valid.verifier } }));
  });

  it('says which file cannot be opened when it is not a regular file', async () => {
    await mkdir(file);
    const error = await readVaultFile(file).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(VaultError);
    expect((error as VaultError).reason).toBe('file_unreadable');
    expect((error as VaultError).message).toContain(file);
  });

  it('reports a file that cannot be saved, without changing the vault', async () => {
    const blocked = join(dir, 'later-a-file');
    const vault = await createVault({ file: join(blocked, 'vault.json'), scryptCost: 15 });
    await writeFile(blocked, '');
    const error = await vault.initialise('master password here').then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(VaultError);
    expect((error as VaultError).reason).toBe('file_unwritable');
    expect((error as VaultError).message).not.toContain('master password here');
    expect(vault.status()).toBe('uninitialised');
  });
});
