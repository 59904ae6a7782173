import type { VaultState } from '../contract';
import type { Handlers } from '../rpc/handlers';
import type { Vault } from './vault';

type VaultMethods = Pick<Handlers, 'vault.status' | 'vault.initialise' | 'vault.unlock' | 'vault.lock' | 'vault.changeMasterPassword' | 'vault.setSecret' | 'vault.deleteSecret'>;

function stateOf(vault: Vault): VaultState {
  return { status: vault.status(), protection: vault.protection(), refs: vault.list(), problem: vault.problem() };
}

/** The contract's vault methods: secrets go in, only their names come out. */
export function vaultHandlers(open: () => Promise<Vault>): VaultMethods {
  const after = (work: (vault: Vault) => Promise<unknown> | void) => async (): Promise<VaultState> => {
    const vault = await open();
    await work(vault);
    return stateOf(vault);
  };
  return {
    'vault.status': after(() => undefined),
    'vault.initialise': ({ masterPassword }) => after((v) => v.initialise(masterPassword))(),
    'vault.unlock': ({ masterPassword }) => after((v) => v.unlock(masterPassword))(),
    'vault.lock': after((v) => v.lock()),
    'vault.changeMasterPassword': ({ oldPassword, newPassword }) => after((v) => v.changeMasterPassword(oldPassword, newPassword))(),
    'vault.setSecret': ({ ref, secret }) => after((v) => v.set(ref, secret))(),
    'vault.deleteSecret': ({ ref }) => after((v) => v.delete(ref))(),
  };
}
