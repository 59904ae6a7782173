import type { RootSession } from '../connect/root/rootSession';
import type { PlatformAccess } from '../retrieval/platformAccess';

/** The root shells one wizard run holds, one per platform, opened when first needed and opened anew after a cut. */
export interface RunSessions {
  get(platformId: string, signal: AbortSignal): Promise<RootSession>;
  close(): void;
}

export function createRunSessions(access: Pick<PlatformAccess, 'dedicated'>, purpose: string): RunSessions {
  const open = new Map<string, RootSession>();
  return {
    async get(platformId, signal) {
      const held = open.get(platformId);
      if (held && !held.closed) return held;
      const { session } = await access.dedicated(platformId, purpose, signal);
      open.set(platformId, session);
      return session;
    },
    close() {
      for (const session of open.values()) session.close();
      open.clear();
    },
  };
}
