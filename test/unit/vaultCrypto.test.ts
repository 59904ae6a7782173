import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ScryptParams, deriveMasterKey, keyMatchesVerifier, makeVerifier, newScryptParams } from '../../electron/core/vault/masterKey';
import { openSecret, sealSecret } from '../../electron/core/vault/secretCipher';
import { SecretRef, checkSecretRef, secretRef } from '../../electron/core/vault/secretRef';
import { VaultError } from '../../electron/core/vault/vaultError';

const flip = (base64: string) => {
  const bytes = Buffer.from(base64, 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  return bytes.toString('base64');
};

describe('sealSecret / openSecret (AES-256-GCM)', () => {
  const key = randomBytes(32);

  it('round-trips with a fresh 12-byte IV and a 16-byte tag each time', () => {
    const first = sealSecret(key, 'the secret', 'ctx');
    const second = sealSecret(key, 'the secret', 'ctx');
    expect(Buffer.from(first.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(first.tag, 'base64')).toHaveLength(16);
    expect(first.iv).not.toBe(second.iv);
    expect(first.data).not.toBe(second.data);
    expect(openSecret(key, first, 'ctx')).toBe('the secret');
    expect(openSecret(key, second, 'ctx')).toBe('the secret');
  });

  it('refuses a wrong key, a wrong context and any flipped bit', () => {
    const sealed = sealSecret(key, 'the secret', 'ctx');
    expect(openSecret(randomBytes(32), sealed, 'ctx')).toBeNull();
    expect(openSecret(key, sealed, 'other')).toBeNull();
    expect(openSecret(key, { ...sealed, data: flip(sealed.data) }, 'ctx')).toBeNull();
    expect(openSecret(key, { ...sealed, tag: flip(sealed.tag) }, 'ctx')).toBeNull();
    expect(openSecret(key, { ...sealed, iv: flip(sealed.iv) }, 'ctx')).toBeNull();
  });
});

describe('master key (scrypt)', () => {
  const params = newScryptParams(15);

  it('derives the same 256-bit key for the same password and salt, another for another salt', async () => {
    const first = await deriveMasterKey('master password', params);
    expect(first).toHaveLength(32);
    expect((await deriveMasterKey('master password', params)).equals(first)).toBe(true);
    expect((await deriveMasterKey('master passwore', params)).equals(first)).toBe(false);
    expect((await deriveMasterKey('master password', newScryptParams(15))).equals(first)).toBe(false);
  });

  it('treats composed and decomposed accents as the same password', async () => {
    const composed = await deriveMasterKey('caf\u00e9 au lait', params);
    const decomposed = await deriveMasterKey('cafe\u0301 au lait', params);
    expect(decomposed.equals(composed)).toBe(true);
  });

  it('verifies the key without storing anything derived from the password in the clear', async () => {
    const key = await deriveMasterKey('master password', params);
    const verifier = makeVerifier(key);
    expect(keyMatchesVerifier(key, verifier)).toBe(true);
    expect(keyMatchesVerifier(await deriveMasterKey('wrong password', params), verifier)).toBe(false);
    expect(JSON.stringify(verifier)).not.toContain(key.toString('base64'));
  });

  it('accepts only costs from 2^15 to 2^20 and 16-byte salts', () => {
    expect(newScryptParams()).toMatchObject({ cost: 17, blockSize: 8, parallelism: 1 });
    expect(() => newScryptParams(14)).toThrow();
    expect(() => newScryptParams(21)).toThrow();
    expect(ScryptParams.safeParse({ ...params, salt: Buffer.alloc(8).toString('base64') }).success).toBe(false);
  });
});

describe('secret refs', () => {
  it('accepts the documented shapes and builds them', () => {
    for (const ref of ['platform:abc-123:admin-password', 'site:s_1:root-password', 'key:9f8e.7d:passphrase']) expect(SecretRef.safeParse(ref).success).toBe(true);
    expect(secretRef('platform', 'p1', 'admin-password')).toBe('platform:p1:admin-password');
  });

  it('rejects malformed refs without repeating them', () => {
    for (const ref of ['', 'nocolon', 'zz:', ':x', 'platform:p 1:admin', 'platform:p1:pass\nword', `platform:${'x'.repeat(300)}:a`]) {
      let error: unknown;
      try {
        checkSecretRef(ref);
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(VaultError);
      if (ref.length > 0) expect((error as VaultError).message).not.toContain(ref);
    }
  });
});
