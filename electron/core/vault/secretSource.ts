import type { Vault } from './vault';

/** Asks for a secret by ref at connect time; undefined when none is stored. */
export type SecretSource = (ref: string) => Promise<string | undefined>;

/** A source that reads from the vault and can do nothing else with it. */
export function secretSourceFromVault(vault: Pick<Vault, 'get'>): SecretSource {
  return (ref) => vault.get(ref);
}
