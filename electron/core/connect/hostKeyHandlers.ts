import type { Handlers } from '../rpc/handlers';
import type { HostKeyStore } from './hostKeyStore';
import { formatKnownHosts, importPins, parseKnownHosts } from './knownHosts';

type HostKeyMethods = Pick<Handlers, 'hostKeys.list' | 'hostKeys.accept' | 'hostKeys.replace' | 'hostKeys.remove' | 'hostKeys.importKnownHosts' | 'hostKeys.exportKnownHosts'>;

/** The contract's host key methods over the engine's pin store. */
export function hostKeyHandlers(store: HostKeyStore): HostKeyMethods {
  const list = async () => ({ pins: await store.list(), problem: store.problem() });
  return {
    'hostKeys.list': list,
    'hostKeys.accept': (offer) => store.accept(offer),
    'hostKeys.replace': ({ expectedFingerprint, ...offer }) => store.replace(offer, expectedFingerprint),
    'hostKeys.remove': async ({ id }) => {
      await store.remove(id);
      return list();
    },
    'hostKeys.importKnownHosts': async ({ text, endpoints }) => {
      const parsed = parseKnownHosts(text);
      const added = await store.add(importPins(parsed.entries, endpoints, new Date()));
      return { added, skipped: parsed.skipped.map(({ line, reason }) => ({ line, reason })) };
    },
    'hostKeys.exportKnownHosts': async ({ hashed }) => ({ text: formatKnownHosts(await store.list(), { hashed }) }),
  };
}
