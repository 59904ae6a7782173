import { readFile, rename } from 'node:fs/promises';
import { z } from 'zod';
import { atomicWriteFile } from '../storage/atomicWrite';
import { ScryptParams } from './masterKey';
import { IV_BYTES, TAG_BYTES } from './secretCipher';
import { SecretRef } from './secretRef';
import { VaultError } from './vaultError';

export const VAULT_FILE = 'vault.json';

const base64Of = (bytes: number) => z.base64().refine((value) => Buffer.from(value, 'base64').length === bytes, `must be ${bytes} bytes`);

const SealedSecret = z.strictObject({ iv: base64Of(IV_BYTES), tag: base64Of(TAG_BYTES), data: z.base64() });

const KeychainSecret = z.strictObject({ data: z.base64().min(1) });

/** The vault on disk: refs in the clear, secrets only as ciphertext. */
export const VaultDocument = z.discriminatedUnion('protection', [
  z.strictObject({
    version: z.literal(1),
    protection: z.literal('masterPassword'),
    kdf: ScryptParams,
    verifier: SealedSecret,
    secrets: z.record(SecretRef, SealedSecret),
  }),
  z.strictObject({
    version: z.literal(1),
    protection: z.literal('safeStorage'),
    secrets: z.record(SecretRef, KeychainSecret),
  }),
]);
export type VaultDocument = z.infer<typeof VaultDocument>;
export type MasterPasswordDocument = Extract<VaultDocument, { protection: 'masterPassword' }>;
export type SafeStorageDocument = Extract<VaultDocument, { protection: 'safeStorage' }>;

export interface VaultFileRead {
  document: VaultDocument | null;
  /** Set when the file was unreadable and moved aside, in words for the user. */
  problem: string | null;
}

/** Missing file: no document. Invalid file: moved aside (never deleted) and reported. */
export async function readVaultFile(path: string): Promise<VaultFileRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { document: null, problem: null };
    throw new VaultError('file_unreadable', `The vault file ${path} could not be opened (${code ?? 'unknown error'}). Check its permissions.`, { path });
  }
  const parsed = VaultDocument.safeParse(parseJson(text));
  if (parsed.success) return { document: parsed.data, problem: null };
  const aside = `${path}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  await rename(path, aside);
  return {
    document: null,
    problem: `The vault file ${path} is damaged and was kept as ${aside}; a new, empty vault is in use. Restore that file from a backup or enter the secrets again.`,
  };
}

export async function writeVaultFile(path: string, document: VaultDocument): Promise<void> {
  const checked = VaultDocument.parse(document);
  try {
    await atomicWriteFile(path, `${JSON.stringify(checked, null, 2)}\n`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new VaultError('file_unwritable', `The vault file ${path} could not be saved (${code}). Check free space and permissions of its folder.`, { path });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
