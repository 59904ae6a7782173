import { create } from 'zustand';
import type { VaultState } from '../../electron/core/contract';
import { api } from '../api/api';
import { describeError } from './describeError';

interface VaultStoreState {
  vault: VaultState | null;
  error: string | null;
  load(): Promise<void>;
  /** Each answers the error sentence, or null when it worked. Passwords and secrets are passed through, never kept. */
  initialise(masterPassword: string): Promise<string | null>;
  unlock(masterPassword: string): Promise<string | null>;
  lock(): Promise<string | null>;
  setSecret(ref: string, secret: string): Promise<string | null>;
}

/** The vault's state as the engine reports it: status, protection and the names of the stored secrets. */
export const useVault = create<VaultStoreState>((set) => {
  const run = async (doing: string, call: () => Promise<VaultState>): Promise<string | null> => {
    try {
      set({ vault: await call(), error: null });
      return null;
    } catch (error) {
      return describeError(error, doing);
    }
  };
  return {
    vault: null,
    error: null,
    async load() {
      const problem = await run('read the vault status', () => api.call('vault.status', {}));
      if (problem) set({ error: problem });
    },
    initialise: (masterPassword) => run('set up the vault', () => api.call('vault.initialise', { masterPassword })),
    unlock: (masterPassword) => run('unlock the vault', () => api.call('vault.unlock', { masterPassword })),
    lock: () => run('lock the vault', () => api.call('vault.lock', {})),
    setSecret: (ref, secret) => run('store the secret in the vault', () => api.call('vault.setSecret', { ref, secret })),
  };
});
