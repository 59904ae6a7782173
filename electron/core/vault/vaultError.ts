import { ConnectError } from '../connect/connectError';

/** Why the vault refused or failed; the message says what to do and never holds a secret. */
export type VaultErrorReason =
  | 'locked'
  | 'uninitialised'
  | 'already_initialised'
  | 'wrong_master_password'
  | 'weak_master_password'
  | 'needs_safe_storage'
  | 'keychain_failed'
  | 'no_master_password'
  | 'invalid_ref'
  | 'invalid_secret'
  | 'secret_unreadable'
  | 'file_unreadable'
  | 'file_unwritable';

export class VaultError extends ConnectError {
  readonly reason: VaultErrorReason;

  constructor(reason: VaultErrorReason, message: string, details: Record<string, unknown> = {}) {
    super('local_failed', message, { ...details, reason });
    this.name = 'VaultError';
    this.reason = reason;
  }
}

export const isVaultError = (error: unknown, reason?: VaultErrorReason): error is VaultError =>
  error instanceof VaultError && (reason === undefined || error.reason === reason);

/** The vault's refusals, worded once. */
export const vaultErrors = {
  locked: () => new VaultError('locked', 'The vault is locked. Unlock it with the master password, then try again.'),
  uninitialised: () => new VaultError('uninitialised', 'The vault has no master password yet. Set a master password for the vault, then try again.'),
  wrongMasterPassword: () =>
    new VaultError('wrong_master_password', 'The master password is wrong. Enter it again; without it the stored secrets cannot be recovered.'),
  needsKeychain: () =>
    new VaultError(
      'needs_safe_storage',
      'The vault is protected by the operating system keychain, which is not available here (web mode, or no keyring on this Linux desktop). Open AP Console as the desktop app to use the stored secrets.',
    ),
  noMasterPassword: () => new VaultError('no_master_password', 'The vault is protected by the operating system keychain and has no master password.'),
  keychainFailed: () =>
    new VaultError('keychain_failed', 'The operating system keychain refused to encrypt the secret. Unlock the keychain (or log in again) and retry.'),
  damagedSecret: (ref: string) => new VaultError('secret_unreadable', `The stored secret ${ref} is damaged and could not be decrypted. Enter it again.`, { ref }),
  foreignSecret: (ref: string) =>
    new VaultError(
      'secret_unreadable',
      `The stored secret ${ref} could not be decrypted by the operating system keychain (it may come from another user account or computer). Enter it again.`,
      { ref },
    ),
};
