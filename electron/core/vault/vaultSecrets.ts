import { ConnectError } from '../connect/connectError';
import type { SecretLookup } from '../connect/sshAuth';
import type { Vault } from './vault';

/** Secrets for logging in to platforms, read from the vault when a connection needs them; a locked vault says so. */
export function vaultSecrets(openVault: () => Promise<Vault>): SecretLookup {
  return async (ref) => {
    const vault = await openVault();
    if (vault.status() !== 'unlocked') {
      throw new ConnectError('auth_failed', 'The vault is locked, so the console cannot log in to platforms. Unlock it in Settings; polling goes on by itself.');
    }
    return vault.get(ref);
  };
}
