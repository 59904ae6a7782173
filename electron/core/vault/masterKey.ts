import { randomBytes, scrypt } from 'node:crypto';
import { z } from 'zod';
import { KEY_BYTES, openSecret, sealSecret } from './secretCipher';
import type { SealedSecret } from './secretCipher';

export const MIN_SCRYPT_COST = 15;
export const MAX_SCRYPT_COST = 20;
/** log2 of scrypt's N: 2^17 with r=8 costs 128 MiB and a few hundred milliseconds per unlock. */
export const DEFAULT_SCRYPT_COST = 17;
export const SALT_BYTES = 16;
export const MIN_MASTER_PASSWORD_LENGTH = 8;

/** Stored with the vault; bounded so a tampered file cannot weaken the key or exhaust memory. */
export const ScryptParams = z.strictObject({
  algorithm: z.literal('scrypt'),
  cost: z.number().int().min(MIN_SCRYPT_COST).max(MAX_SCRYPT_COST),
  blockSize: z.number().int().min(8).max(16),
  parallelism: z.number().int().min(1).max(4),
  salt: z.base64().refine((salt) => Buffer.from(salt, 'base64').length === SALT_BYTES, 'salt must be 16 bytes'),
});
export type ScryptParams = z.infer<typeof ScryptParams>;

const VERIFIER_CONTEXT = 'ap-console vault verifier';
const VERIFIER_TEXT = 'ap-console vault v1';

export function newScryptParams(cost = DEFAULT_SCRYPT_COST): ScryptParams {
  return ScryptParams.parse({ algorithm: 'scrypt', cost, blockSize: 8, parallelism: 1, salt: randomBytes(SALT_BYTES).toString('base64') });
}

/** Derives the 256-bit vault key; runs on the libuv pool so the main process stays responsive. */
export function deriveMasterKey(password: string, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.cost;
  const r = params.blockSize;
  const p = params.parallelism;
  const options = { N, r, p, maxmem: 256 * N * r * p };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), Buffer.from(params.salt, 'base64'), KEY_BYTES, options, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

/** A known text sealed with the key: opening it proves the master password without revealing it. */
export function makeVerifier(key: Buffer): SealedSecret {
  return sealSecret(key, VERIFIER_TEXT, VERIFIER_CONTEXT);
}

export function keyMatchesVerifier(key: Buffer, verifier: SealedSecret): boolean {
  return openSecret(key, verifier, VERIFIER_CONTEXT) === VERIFIER_TEXT;
}
