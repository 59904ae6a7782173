import { inspect } from 'node:util';
import { DEFAULT_SCRYPT_COST, MIN_MASTER_PASSWORD_LENGTH, deriveMasterKey, keyMatchesVerifier, makeVerifier, newScryptParams } from './masterKey';
import { createKeychainCipher } from './safeStorageProtector';
import type { SafeStorageProtector } from './safeStorageProtector';
import { openSecret, sealSecret } from './secretCipher';
import { checkSecretRef } from './secretRef';
import type { SecretRef } from './secretRef';
import { VaultError, vaultErrors } from './vaultError';
import { readVaultFile, writeVaultFile } from './vaultFile';
import type { MasterPasswordDocument, VaultDocument } from './vaultFile';

export type VaultStatus = 'locked' | 'unlocked' | 'uninitialised';
export type VaultProtection = VaultDocument['protection'];

export interface VaultOptions {
  /** The vault file, normally `<dataDir>/vault.json`. */
  file: string;
  /** Electron's safeStorage when the desktop app runs; without it a master password protects the vault. */
  protector?: SafeStorageProtector;
  /** log2 of scrypt's N for newly derived keys. */
  scryptCost?: number;
}

export interface Vault {
  status(): VaultStatus;
  /** How the file protects its secrets; null while there is no file yet. */
  protection(): VaultProtection | null;
  /** What went wrong reading the file, in words for the user; null when all is well. */
  problem(): string | null;
  /** Creates a vault protected by a master password; only while no vault file exists. */
  initialise(masterPassword: string): Promise<void>;
  unlock(masterPassword: string): Promise<void>;
  /** Forgets the master key. A keychain-protected vault has nothing to forget and stays unlocked. */
  lock(): void;
  set(ref: string, secret: string): Promise<void>;
  get(ref: string): Promise<string | undefined>;
  has(ref: string): boolean;
  delete(ref: string): Promise<boolean>;
  /** The refs, never the values. */
  list(): SecretRef[];
  changeMasterPassword(oldPassword: string, newPassword: string): Promise<void>;
}

const secretContext = (ref: string) => `ap-console secret ${ref}`;

/**
 * Secrets by reference, encrypted at rest. The master key and the file's ciphertexts live only in
 * this closure; the returned object prints its status and count, nothing else.
 */
export async function createVault(options: VaultOptions): Promise<Vault> {
  const { file } = options;
  const keychain = createKeychainCipher(options.protector);
  const scryptCost = options.scryptCost ?? DEFAULT_SCRYPT_COST;
  const initial = await readVaultFile(file);
  let document = initial.document;
  const problem = initial.problem;
  let key: Buffer | null = null;
  let epoch = 0;
  let queue: Promise<unknown> = Promise.resolve();

  function serialized<R>(work: () => Promise<R>): Promise<R> {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  }

  function status(): VaultStatus {
    if (document === null) return keychain.available() ? 'unlocked' : 'uninitialised';
    if (document.protection === 'safeStorage') return keychain.available() ? 'unlocked' : 'locked';
    return key ? 'unlocked' : 'locked';
  }

  function requireUnlocked(): void {
    const current = status();
    if (current === 'unlocked') return;
    if (current === 'uninitialised') throw vaultErrors.uninitialised();
    throw document?.protection === 'safeStorage' ? vaultErrors.needsKeychain() : vaultErrors.locked();
  }

  /** Takes a freshly derived key unless lock() was called after the request that derived it. */
  function adoptKey(next: Buffer, startEpoch: number): void {
    if (epoch !== startEpoch) {
      next.fill(0);
      return;
    }
    key?.fill(0);
    key = next;
  }

  function forgetKey(): void {
    key?.fill(0);
    key = null;
    epoch += 1;
  }

  function sealed(ref: SecretRef, secret: string): VaultDocument {
    if (document?.protection === 'masterPassword') {
      if (!key) throw vaultErrors.locked();
      return { ...document, secrets: { ...document.secrets, [ref]: sealSecret(key, secret, secretContext(ref)) } };
    }
    let data: string;
    try {
      data = keychain.seal(ref, secret);
    } catch {
      throw vaultErrors.keychainFailed();
    }
    const secrets = document?.secrets ?? {};
    return { version: 1, protection: 'safeStorage', secrets: { ...secrets, [ref]: { data } } };
  }

  function opened(ref: SecretRef): string | undefined {
    if (!document || !Object.hasOwn(document.secrets, ref)) return undefined;
    if (document.protection === 'safeStorage') {
      const entry = document.secrets[ref];
      const secret = entry ? keychain.open(ref, entry.data) : null;
      if (secret === null) throw vaultErrors.foreignSecret(ref);
      return secret;
    }
    const entry = document.secrets[ref];
    const secret = entry && key ? openSecret(key, entry, secretContext(ref)) : null;
    if (secret === null) throw vaultErrors.damagedSecret(ref);
    return secret;
  }

  async function verifiedKey(doc: MasterPasswordDocument, password: string): Promise<Buffer> {
    const derived = await deriveMasterKey(requirePassword(password), doc.kdf);
    if (keyMatchesVerifier(derived, doc.verifier)) return derived;
    derived.fill(0);
    throw vaultErrors.wrongMasterPassword();
  }

  function masterDocument(): MasterPasswordDocument {
    if (document === null) throw vaultErrors.uninitialised();
    if (document.protection === 'safeStorage') throw vaultErrors.noMasterPassword();
    return document;
  }

  const vault: Vault & { toJSON(): object; toString(): string; [inspect.custom](): string } = {
    status,
    protection: () => document?.protection ?? null,
    problem: () => problem,

    initialise: (masterPassword) => {
      const startEpoch = epoch;
      return serialized(async () => {
        if (document !== null) {
          const how = document.protection === 'safeStorage' ? 'is protected by the operating system keychain and needs no master password' : 'is already set up; unlock it with its master password instead';
          throw new VaultError('already_initialised', `The vault ${how}.`);
        }
        checkNewPassword(masterPassword);
        const kdf = newScryptParams(scryptCost);
        const derived = await deriveMasterKey(masterPassword, kdf);
        const next: MasterPasswordDocument = { version: 1, protection: 'masterPassword', kdf, verifier: makeVerifier(derived), secrets: {} };
        try {
          await writeVaultFile(file, next);
        } catch (error) {
          derived.fill(0);
          throw error;
        }
        document = next;
        adoptKey(derived, startEpoch);
      });
    },

    unlock: (masterPassword) => {
      const startEpoch = epoch;
      return serialized(async () => {
        if (document?.protection === 'safeStorage') {
          if (keychain.available()) return;
          throw vaultErrors.needsKeychain();
        }
        const doc = masterDocument();
        if (key) return;
        adoptKey(await verifiedKey(doc, masterPassword), startEpoch);
      });
    },

    lock: forgetKey,

    set: async (ref, secret) => {
      const checked = checkSecretRef(ref);
      if (typeof secret !== 'string') throw new VaultError('invalid_secret', 'A secret must be text. This is a bug in the caller; report it.');
      return serialized(async () => {
        requireUnlocked();
        const next = sealed(checked, secret);
        await writeVaultFile(file, next);
        document = next;
      });
    },

    get: async (ref) => {
      const checked = checkSecretRef(ref);
      requireUnlocked();
      return opened(checked);
    },

    has: (ref) => document !== null && Object.hasOwn(document.secrets, checkSecretRef(ref)),

    delete: async (ref) => {
      const checked = checkSecretRef(ref);
      return serialized(async () => {
        requireUnlocked();
        if (!document || !Object.hasOwn(document.secrets, checked)) return false;
        const secrets = { ...document.secrets };
        delete secrets[checked];
        const next = { ...document, secrets } as VaultDocument;
        await writeVaultFile(file, next);
        document = next;
        return true;
      });
    },

    list: () => (document ? Object.keys(document.secrets).sort() : []),

    changeMasterPassword: (oldPassword, newPassword) => {
      const startEpoch = epoch;
      return serialized(async () => {
        const doc = masterDocument();
        checkNewPassword(newPassword);
        const wasUnlocked = key !== null;
        const oldKey = await verifiedKey(doc, oldPassword);
        const kdf = newScryptParams(scryptCost);
        const newKey = await deriveMasterKey(newPassword, kdf);
        try {
          const secrets: MasterPasswordDocument['secrets'] = {};
          for (const [ref, entry] of Object.entries(doc.secrets)) {
            const secret = openSecret(oldKey, entry, secretContext(ref));
            if (secret === null) throw vaultErrors.damagedSecret(ref);
            secrets[ref] = sealSecret(newKey, secret, secretContext(ref));
          }
          const next: MasterPasswordDocument = { version: 1, protection: 'masterPassword', kdf, verifier: makeVerifier(newKey), secrets };
          await writeVaultFile(file, next);
          document = next;
        } catch (error) {
          newKey.fill(0);
          throw error;
        } finally {
          oldKey.fill(0);
        }
        if (wasUnlocked) adoptKey(newKey, startEpoch);
        else newKey.fill(0);
      });
    },

    toJSON: () => ({ status: status(), protection: document?.protection ?? null, secrets: document ? Object.keys(document.secrets).length : 0 }),
    toString: () => `[Vault ${status()}, ${document ? Object.keys(document.secrets).length : 0} secrets]`,
    [inspect.custom]: () => `Vault { status: '${status()}', secrets: ${document ? Object.keys(document.secrets).length : 0} }`,
  };
  return Object.freeze(vault);
}

function requirePassword(password: string): string {
  if (typeof password !== 'string' || password.length === 0) {
    throw new VaultError('wrong_master_password', 'No master password was given. Enter the master password.');
  }
  return password;
}

function checkNewPassword(password: string): void {
  if (typeof password !== 'string' || [...password].length < MIN_MASTER_PASSWORD_LENGTH) {
    throw new VaultError('weak_master_password', `The master password must be at least ${MIN_MASTER_PASSWORD_LENGTH} characters long. Choose a longer one.`);
  }
}
