/**
 * The part of Electron's `safeStorage` the vault uses. electron/main.ts passes `safeStorage`
 * itself; the engine never imports electron.
 */
export interface SafeStorageProtector {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means no keyring was found and the key is a hard-coded one. */
  getSelectedStorageBackend?(): string;
}

/** Seals secrets with the operating system's keychain, binding each to its ref. */
export interface KeychainCipher {
  available(): boolean;
  seal(ref: string, secret: string): string;
  /** The secret, or null when the keychain cannot open it or it belongs to another ref. */
  open(ref: string, sealed: string): string | null;
}

export function createKeychainCipher(protector: SafeStorageProtector | undefined): KeychainCipher {
  return {
    available: () => isProtectorUsable(protector),
    seal(ref, secret) {
      if (!protector) throw new Error('No keychain is available.');
      return protector.encryptString(JSON.stringify({ ref, secret })).toString('base64');
    },
    open(ref, sealed) {
      if (!protector) return null;
      try {
        const inner: unknown = JSON.parse(protector.decryptString(Buffer.from(sealed, 'base64')));
        if (typeof inner !== 'object' || inner === null) return null;
        const { ref: innerRef, secret } = inner as Record<string, unknown>;
        return innerRef === ref && typeof secret === 'string' ? secret : null;
      } catch {
        return null;
      }
    },
  };
}

function isProtectorUsable(protector: SafeStorageProtector | undefined): boolean {
  if (!protector) return false;
  try {
    if (!protector.isEncryptionAvailable()) return false;
    return protector.getSelectedStorageBackend?.() !== 'basic_text';
  } catch {
    return false;
  }
}
