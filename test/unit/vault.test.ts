import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVault } from '../../electron/core/vault/vault';
import type { Vault } from '../../electron/core/vault/vault';
import { VaultDocument } from '../../electron/core/vault/vaultFile';
import { VaultError, isVaultError } from '../../electron/core/vault/vaultError';
import type { VaultErrorReason } from '../../electron/core/vault/vaultError';
import { isConnectError } from '../../electron/core/connect/connectError';

const MASTER = 'correct horse battery';
const CHEAP = 15;

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apc-vault-'));
  file = join(dir, 'vault.json');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const open = () => createVault({ file, scryptCost: CHEAP });
const secretValue = () => `s3cret-${randomBytes(12).toString('hex')}`;

async function initialised(): Promise<Vault> {
  const vault = await open();
  await vault.initialise(MASTER);
  return vault;
}

async function caught(work: () => Promise<unknown>): Promise<VaultError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof VaultError) return error;
    throw error;
  }
  throw new Error('expected a VaultError');
}

async function expectRefused(work: () => Promise<unknown>, reason: VaultErrorReason, ...forbidden: string[]): Promise<VaultError> {
  const error = await caught(work);
  expect(error.reason).toBe(reason);
  expect(isConnectError(error, 'local_failed')).toBe(true);
  expect(error.message).toMatch(/\.$/);
  for (const text of forbidden) {
    expect(error.message).not.toContain(text);
    expect(JSON.stringify(error.details)).not.toContain(text);
  }
  return error;
}

async function readDocument(): Promise<VaultDocument> {
  return VaultDocument.parse(JSON.parse(await readFile(file, 'utf8')));
}

describe('createVault with a master password', () => {
  it('starts uninitialised without a file and refuses secrets until a master password is set', async () => {
    const vault = await open();
    expect(vault.status()).toBe('uninitialised');
    expect(vault.protection()).toBeNull();
    expect(vault.list()).toEqual([]);
    await expectRefused(() => vault.get('platform:p1:admin-password'), 'uninitialised');
    await expectRefused(() => vault.set('platform:p1:admin-password', 'x'), 'uninitialised', 'x');
    await expectRefused(() => vault.unlock(MASTER), 'uninitialised', MASTER);
  });

  it('round-trips secrets and keeps them across a reopen behind the master password', async () => {
    const admin = secretValue();
    const root = secretValue();
    const vault = await initialised();
    expect(vault.status()).toBe('unlocked');
    expect(vault.protection()).toBe('masterPassword');
    await vault.set('platform:p1:admin-password', admin);
    await vault.set('site:s1:root-password', root);
    expect(await vault.get('platform:p1:admin-password')).toBe(admin);
    expect(await vault.get('site:s1:root-password')).toBe(root);
    expect(await vault.get('key:k1:passphrase')).toBeUndefined();

    const again = await open();
    expect(again.status()).toBe('locked');
    expect(again.list()).toEqual(['platform:p1:admin-password', 'site:s1:root-password']);
    expect(again.has('site:s1:root-password')).toBe(true);
    await again.unlock(MASTER);
    expect(again.status()).toBe('unlocked');
    expect(await again.get('platform:p1:admin-password')).toBe(admin);
    expect(await again.get('site:s1:root-password')).toBe(root);
  });

  it('keeps unicode, empty and long secrets intact', async () => {
    const vault = await initialised();
    const values = ['', 'pässwörd € 密码 🔑', 'x'.repeat(10_000), ' leading and trailing '];
    for (const [index, value] of values.entries()) await vault.set(`key:k${index}:passphrase`, value);
    const again = await open();
    await again.unlock(MASTER);
    for (const [index, value] of values.entries()) expect(await again.get(`key:k${index}:passphrase`)).toBe(value);
  });

  it('says clearly that the master password is wrong and stays locked', async () => {
    const vault = await initialised();
    await vault.set('platform:p1:admin-password', secretValue());
    const again = await open();
    const wrong = 'not the master password';
    const error = await expectRefused(() => again.unlock(wrong), 'wrong_master_password', wrong, MASTER);
    expect(error.message).toMatch(/^The master password is wrong/);
    expect(again.status()).toBe('locked');
    await expectRefused(() => again.get('platform:p1:admin-password'), 'locked');
    await expectRefused(() => again.unlock(''), 'wrong_master_password');
  });

  it('refuses get, set and delete while locked, with a clear message, and lists refs only', async () => {
    const secret = secretValue();
    const vault = await initialised();
    await vault.set('platform:p1:admin-password', secret);
    vault.lock();
    expect(vault.status()).toBe('locked');
    const error = await expectRefused(() => vault.get('platform:p1:admin-password'), 'locked', secret);
    expect(error.message).toBe('The vault is locked. Unlock it with the master password, then try again.');
    await expectRefused(() => vault.set('platform:p1:admin-password', 'other'), 'locked', 'other');
    await expectRefused(() => vault.delete('platform:p1:admin-password'), 'locked');
    expect(vault.list()).toEqual(['platform:p1:admin-password']);
    await vault.unlock(MASTER);
    expect(await vault.get('platform:p1:admin-password')).toBe(secret);
  });

  it('changes the master password, re-encrypting every secret under a new salt', async () => {
    const secrets = { 'platform:p1:admin-password': secretValue(), 'site:s1:root-password': secretValue() };
    const vault = await initialised();
    for (const [ref, secret] of Object.entries(secrets)) await vault.set(ref, secret);
    const before = await readDocument();
    const next = 'a brand new master';

    await expectRefused(() => vault.changeMasterPassword('wrong old password', next), 'wrong_master_password', next);
    expect(await readDocument()).toEqual(before);
    await expectRefused(() => vault.changeMasterPassword(MASTER, 'short'), 'weak_master_password', 'short');

    await vault.changeMasterPassword(MASTER, next);
    expect(vault.status()).toBe('unlocked');
    for (const [ref, secret] of Object.entries(secrets)) expect(await vault.get(ref)).toBe(secret);
    const after = await readDocument();
    if (after.protection !== 'masterPassword' || before.protection !== 'masterPassword') throw new Error('expected master password files');
    expect(after.kdf.salt).not.toBe(before.kdf.salt);
    expect(after.secrets['site:s1:root-password']?.data).not.toBe(before.secrets['site:s1:root-password']?.data);

    const again = await open();
    await expectRefused(() => again.unlock(MASTER), 'wrong_master_password', MASTER);
    await again.unlock(next);
    for (const [ref, secret] of Object.entries(secrets)) expect(await again.get(ref)).toBe(secret);
  });

  it('leaves a locked vault locked after changing its master password', async () => {
    const vault = await initialised();
    await vault.set('key:k1:passphrase', 'pp-value-1');
    vault.lock();
    await vault.changeMasterPassword(MASTER, 'another master');
    expect(vault.status()).toBe('locked');
    await vault.unlock('another master');
    expect(await vault.get('key:k1:passphrase')).toBe('pp-value-1');
  });

  it('writes only ciphertext: no secret or master password in the file, in any common encoding', async () => {
    const secrets = [secretValue(), secretValue(), 'pässwörd-ünïcode-42'];
    const vault = await initialised();
    for (const [index, secret] of secrets.entries()) await vault.set(`platform:p${index}:admin-password`, secret);
    const bytes = await readFile(file);
    const text = bytes.toString('utf8');
    expect(text).toContain('platform:p0:admin-password');
    for (const value of [...secrets, MASTER]) {
      for (const encoded of [value, Buffer.from(value).toString('base64'), Buffer.from(value).toString('hex'), JSON.stringify(value).slice(1, -1)]) {
        expect(bytes.includes(Buffer.from(encoded))).toBe(false);
      }
      expect(bytes.includes(Buffer.from(value, 'utf16le'))).toBe(false);
    }
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('never shows secrets through inspect, JSON, string conversion or spreading', async () => {
    const secret = secretValue();
    const vault = await initialised();
    await vault.set('platform:p1:admin-password', secret);
    await vault.set('site:s1:root-password', secretValue());
    const views = [
      inspect(vault),
      inspect(vault, { showHidden: true, depth: Infinity, getters: true }),
      inspect({ nested: { vault } }, { depth: Infinity }),
      JSON.stringify(vault),
      JSON.stringify({ ...vault }),
      String(vault),
      `${vault}`,
    ];
    for (const view of views) {
      expect(view).not.toContain(secret);
      expect(view).not.toContain(MASTER);
    }
    expect(JSON.parse(JSON.stringify(vault))).toEqual({ status: 'unlocked', protection: 'masterPassword', secrets: 2 });
    expect(inspect(vault)).toBe("Vault { status: 'unlocked', secrets: 2 }");
    vault.lock();
    expect(String(vault)).toBe('[Vault locked, 2 secrets]');
  });

  it('deletes a secret and persists the deletion', async () => {
    const vault = await initialised();
    await vault.set('platform:p1:admin-password', 'to-be-removed');
    await vault.set('platform:p2:admin-password', 'kept-value');
    expect(await vault.delete('platform:p1:admin-password')).toBe(true);
    expect(await vault.delete('platform:p1:admin-password')).toBe(false);
    expect(vault.has('platform:p1:admin-password')).toBe(false);
    const again = await open();
    await again.unlock(MASTER);
    expect(again.list()).toEqual(['platform:p2:admin-password']);
    expect(await again.get('platform:p1:admin-password')).toBeUndefined();
  });

  it('serializes concurrent writes so that none is lost', async () => {
    const vault = await initialised();
    const entries = Array.from({ length: 25 }, (_, index) => [`platform:p${index}:admin-password`, secretValue()] as const);
    await Promise.all([...entries.map(([ref, secret]) => vault.set(ref, secret)), vault.delete('platform:p0:admin-password')]);
    const again = await open();
    await again.unlock(MASTER);
    expect(again.list()).toHaveLength(24);
    for (const [ref, secret] of entries.slice(1)) expect(await again.get(ref)).toBe(secret);
  });

  it('stays locked when locked while an unlock is still deriving the key', async () => {
    await initialised();
    const vault = await open();
    const unlocking = vault.unlock(MASTER);
    vault.lock();
    await unlocking;
    expect(vault.status()).toBe('locked');
  });

  it('refuses a second initialise and a short master password', async () => {
    const fresh = await open();
    await expectRefused(() => fresh.initialise('1234567'), 'weak_master_password', '1234567');
    expect(fresh.status()).toBe('uninitialised');
    const vault = await initialised();
    await expectRefused(() => vault.initialise('another password'), 'already_initialised', 'another password');
  });

  it('detects a ciphertext moved to another ref instead of returning the wrong secret', async () => {
    const vault = await initialised();
    await vault.set('platform:p1:admin-password', 'first-secret');
    await vault.set('platform:p2:admin-password', 'second-secret');
    const document = await readDocument();
    if (document.protection !== 'masterPassword') throw new Error('expected a master password file');
    const swapped = { ...document.secrets, 'platform:p1:admin-password': document.secrets['platform:p2:admin-password'] };
    await writeFile(file, JSON.stringify({ ...document, secrets: swapped }));
    const again = await open();
    await again.unlock(MASTER);
    const error = await expectRefused(() => again.get('platform:p1:admin-password'), 'secret_unreadable', 'first-secret', 'second-secret');
    expect(error.message).toContain('platform:p1:admin-password');
    expect(await again.get('platform:p2:admin-password')).toBe('second-secret');
  });

  it('rejects malformed refs without echoing them', async () => {
    const vault = await initialised();
    const looksLikeASecret = 'hunter2 my password';
    await expectRefused(() => vault.set(looksLikeASecret, 'value'), 'invalid_ref', looksLikeASecret);
    await expectRefused(() => vault.get(looksLikeASecret), 'invalid_ref', looksLikeASecret);
    expect(() => vault.has('nocolon')).toThrow(VaultError);
    expect(isVaultError(await caught(() => vault.get('')), 'invalid_ref')).toBe(true);
  });

  it('derives new keys with scrypt N=2^17, r=8, p=1 and a 16-byte salt by default', async () => {
    const vault = await createVault({ file });
    await vault.initialise(MASTER);
    const document = await readDocument();
    if (document.protection !== 'masterPassword') throw new Error('expected a master password file');
    expect(document.kdf).toMatchObject({ algorithm: 'scrypt', cost: 17, blockSize: 8, parallelism: 1 });
    expect(Buffer.from(document.kdf.salt, 'base64')).toHaveLength(16);
  });
});
