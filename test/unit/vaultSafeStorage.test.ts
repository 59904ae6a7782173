import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeychainCipher } from '../../electron/core/vault/safeStorageProtector';
import type { SafeStorageProtector } from '../../electron/core/vault/safeStorageProtector';
import { secretSourceFromVault } from '../../electron/core/vault/secretSource';
import { createVault } from '../../electron/core/vault/vault';
import { VaultError } from '../../electron/core/vault/vaultError';
import type { VaultErrorReason } from '../../electron/core/vault/vaultError';

/** Stands in for Electron's safeStorage: a per-"machine" key, AES-CBC with a random IV. */
class FakeSafeStorage implements SafeStorageProtector {
  private readonly key = randomBytes(32);
  available = true;
  backend = 'gnome_libsecret';
  encryptCalls = 0;

  isEncryptionAvailable(): boolean {
    return this.available;
  }
  getSelectedStorageBackend(): string {
    return this.backend;
  }
  encryptString(plainText: string): Buffer {
    this.encryptCalls += 1;
    const iv = randomBytes(16);
    const cipher = createCipheriv('aes-256-cbc', this.key, iv);
    return Buffer.concat([iv, cipher.update(plainText, 'utf8'), cipher.final()]);
  }
  decryptString(encrypted: Buffer): string {
    const decipher = createDecipheriv('aes-256-cbc', this.key, encrypted.subarray(0, 16));
    return Buffer.concat([decipher.update(encrypted.subarray(16)), decipher.final()]).toString('utf8');
  }
}

let dir: string;
let file: string;
let keychain: FakeSafeStorage;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apc-vault-ss-'));
  file = join(dir, 'vault.json');
  keychain = new FakeSafeStorage();
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function expectRefused(work: () => Promise<unknown>, reason: VaultErrorReason): Promise<VaultError> {
  const error: unknown = await work().then(
    () => new Error('expected a VaultError'),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(VaultError);
  expect((error as VaultError).reason).toBe(reason);
  return error as VaultError;
}

describe('createVault with Electron safeStorage', () => {
  it('is unlocked without a master password and round-trips secrets through the keychain', async () => {
    const vault = await createVault({ file, protector: keychain });
    expect(vault.status()).toBe('unlocked');
    await vault.set('platform:p1:admin-password', 'ss-secret-admin');
    await vault.set('key:k1:passphrase', 'ss-secret-phrase');
    expect(keychain.encryptCalls).toBe(2);
    expect(vault.protection()).toBe('safeStorage');
    expect(await vault.get('platform:p1:admin-password')).toBe('ss-secret-admin');

    const again = await createVault({ file, protector: keychain });
    expect(again.status()).toBe('unlocked');
    expect(again.list()).toEqual(['key:k1:passphrase', 'platform:p1:admin-password']);
    expect(await again.get('key:k1:passphrase')).toBe('ss-secret-phrase');
    again.lock();
    expect(again.status()).toBe('unlocked');
  });

  it('writes only the keychain ciphertext to disk and shows no secret when inspected', async () => {
    const vault = await createVault({ file, protector: keychain });
    await vault.set('site:s1:root-password', 'ss-secret-root');
    const bytes = await readFile(file);
    for (const encoded of ['ss-secret-root', Buffer.from('ss-secret-root').toString('base64')]) expect(bytes.includes(Buffer.from(encoded))).toBe(false);
    for (const view of [inspect(vault, { showHidden: true, depth: Infinity }), JSON.stringify(vault), String(vault)]) expect(view).not.toContain('ss-secret-root');
  });

  it('falls back to a master password when the keychain is unavailable or only a hard-coded key', async () => {
    keychain.available = false;
    expect((await createVault({ file, protector: keychain })).status()).toBe('uninitialised');
    keychain.available = true;
    keychain.backend = 'basic_text';
    const vault = await createVault({ file, protector: keychain, scryptCost: 15 });
    expect(vault.status()).toBe('uninitialised');
    await vault.initialise('master password here');
    await vault.set('platform:p1:admin-password', 'mp-secret');
    expect(keychain.encryptCalls).toBe(0);
    expect(vault.protection()).toBe('masterPassword');
  });

  it('keeps a keychain vault locked where the keychain is missing, e.g. in web mode', async () => {
    const desktop = await createVault({ file, protector: keychain });
    await desktop.set('platform:p1:admin-password', 'ss-secret-admin');
    const web = await createVault({ file });
    expect(web.status()).toBe('locked');
    expect(web.list()).toEqual(['platform:p1:admin-password']);
    const error = await expectRefused(() => web.get('platform:p1:admin-password'), 'needs_safe_storage');
    expect(error.message).toContain('desktop app');
    await expectRefused(() => web.unlock('any password at all'), 'needs_safe_storage');
    await expectRefused(() => web.initialise('any password at all'), 'already_initialised');
    await expectRefused(() => web.changeMasterPassword('old password 1', 'new password 1'), 'no_master_password');
  });

  it('reports a keychain that cannot decrypt (another account or computer) without guessing', async () => {
    const desktop = await createVault({ file, protector: keychain });
    await desktop.set('platform:p1:admin-password', 'ss-secret-admin');
    const elsewhere = await createVault({ file, protector: new FakeSafeStorage() });
    const error = await expectRefused(() => elsewhere.get('platform:p1:admin-password'), 'secret_unreadable');
    expect(error.message).toContain('platform:p1:admin-password');
  });

  it('detects a keychain ciphertext moved to another ref', async () => {
    const vault = await createVault({ file, protector: keychain });
    await vault.set('platform:p1:admin-password', 'first-secret');
    await vault.set('platform:p2:admin-password', 'second-secret');
    const document = JSON.parse(await readFile(file, 'utf8')) as { secrets: Record<string, unknown> };
    document.secrets['platform:p1:admin-password'] = document.secrets['platform:p2:admin-password'];
    await writeFile(file, JSON.stringify(document));
    const again = await createVault({ file, protector: keychain });
    await expectRefused(() => again.get('platform:p1:admin-password'), 'secret_unreadable');
  });

  it('turns a keychain that refuses to encrypt into a clear error', async () => {
    keychain.encryptString = () => {
      throw new Error('keychain locked');
    };
    const vault = await createVault({ file, protector: keychain });
    await expectRefused(() => vault.set('platform:p1:admin-password', 'x'), 'keychain_failed');
    expect(vault.list()).toEqual([]);
  });
});

describe('createKeychainCipher', () => {
  it('binds each sealed secret to its ref and treats a throwing protector as unavailable', () => {
    const cipher = createKeychainCipher(keychain);
    const sealed = cipher.seal('key:k1:passphrase', 'phrase');
    expect(cipher.open('key:k1:passphrase', sealed)).toBe('phrase');
    expect(cipher.open('key:k2:passphrase', sealed)).toBeNull();
    expect(cipher.open('key:k1:passphrase', Buffer.from('garbage').toString('base64'))).toBeNull();
    keychain.isEncryptionAvailable = () => {
      throw new Error('not ready');
    };
    expect(cipher.available()).toBe(false);
    expect(createKeychainCipher(undefined).available()).toBe(false);
  });
});

describe('secretSourceFromVault', () => {
  it('answers by ref and passes on a locked vault as a clear error', async () => {
    const vault = await createVault({ file, protector: keychain });
    await vault.set('site:s1:root-password', 'root-secret');
    const source = secretSourceFromVault(vault);
    expect(await source('site:s1:root-password')).toBe('root-secret');
    expect(await source('site:s2:root-password')).toBeUndefined();
    keychain.available = false;
    await expectRefused(() => source('site:s1:root-password'), 'needs_safe_storage');
  });
});
