import { createHash, randomBytes } from 'node:crypto';
import type { Client } from 'ssh2';
import { isConnectError } from '../connect/connectError';
import { openRootSession } from '../connect/root/rootSession';
import type { RootSession } from '../connect/root/rootSession';

export type RootOutcome = { session: RootSession } | { session: null; problem: string };

interface Held {
  client: Client;
  session: RootSession;
}

/**
 * One root shell per platform connection, kept between polls like the connection itself, and opened anew
 * when the connection or the shell has gone. A refused password is not retried until it changes.
 */
export class RootSessions {
  private readonly held = new Map<string, Held>();
  /** A salted hash of each refused password: enough to tell a new one, and no copy of the secret. */
  private readonly refused = new Map<string, string>();
  private readonly salt = randomBytes(16);

  private fingerprint(password: string): string {
    return createHash('sha256').update(this.salt).update(password).digest('hex');
  }

  async get(platformId: string, client: Client, password: string | undefined, signal?: AbortSignal, name = platformId): Promise<RootOutcome> {
    if (password === undefined) return { session: null, problem: 'No root password is stored, so root-only figures (PostgreSQL sizes, standby.conf) are unknown.' };
    const current = this.held.get(platformId);
    if (current && current.client === client && !current.session.closed) return { session: current.session };
    current?.session.close();
    this.held.delete(platformId);
    const refusal = this.refused.get(platformId);
    if (refusal !== undefined && refusal === this.fingerprint(password)) return { session: null, problem: 'su root refused the stored root password. Update it in Settings.' };
    try {
      const session = await openRootSession(client, password, { platformId: name, signal });
      this.refused.delete(platformId);
      this.held.set(platformId, { client, session });
      return { session };
    } catch (error) {
      if (isConnectError(error, 'root_auth_failed')) this.refused.set(platformId, this.fingerprint(password));
      return { session: null, problem: isConnectError(error) ? error.message : 'su root failed unexpectedly; the engine log has the details.' };
    }
  }

  close(platformId?: string): void {
    for (const [id, held] of this.held) {
      if (platformId !== undefined && id !== platformId) continue;
      held.session.close();
      this.held.delete(id);
    }
  }
}
