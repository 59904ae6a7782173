import { randomBytes } from 'node:crypto';
import type { Client } from 'ssh2';
import type { EventPayload } from '../contract';
import { ConnectError, cancelled, isConnectError } from '../connect/connectError';
import type { SecretLookup } from '../connect/sshAuth';
import { ContractError } from '../rpc/contractError';
import { TerminalSession } from './terminalSession';

/** The platform's pooled connection and what a terminal needs to know of the platform. */
export interface TerminalPlatform {
  client: Client;
  rootPasswordRef: string | null;
  /** The platform's name, for messages. */
  label: string;
}

export type TerminalEvent = 'terminal.output' | 'terminal.exit';

export interface TerminalDeps {
  /** The platform's connection (host keys verified, as every connection of the pool), read anew for each terminal and each Become root. */
  acquire(platformId: string, signal: AbortSignal): Promise<TerminalPlatform>;
  secrets: SecretLookup;
  emit<E extends TerminalEvent>(event: E, payload: EventPayload<E>): void;
  /** Terminals open at once, over all platforms. */
  maxSessions?: number;
}

export interface TerminalSessions {
  open(platformId: string, cols: number, rows: number): Promise<string>;
  write(terminalId: string, data: string): void;
  resize(terminalId: string, cols: number, rows: number): void;
  becomeRoot(terminalId: string): Promise<void>;
  /** Ends the terminal; an unknown or ended one is left as it is. */
  close(terminalId: string): void;
  /** Ends every terminal and cancels those still opening (engine close). */
  closeAll(): void;
  readonly size: number;
}

export const MAX_TERMINALS = 16;

interface Entry {
  platformId: string;
  session: TerminalSession;
}

const newTerminalId = () => `term-${randomBytes(16).toString('hex')}`;
/** How long a terminal that found its connection ended waits before it tries once more. */
const RETRY_AFTER_MS = 500;

export function createTerminalSessions(deps: TerminalDeps): TerminalSessions {
  const max = deps.maxSessions ?? MAX_TERMINALS;
  const open = new Map<string, Entry>();
  let opening = 0;
  let shutdown = new AbortController();

  const entryOf = (terminalId: string): Entry => {
    const entry = open.get(terminalId);
    if (!entry || entry.session.closed) throw new ContractError('failed', 'This terminal has ended. Choose Reconnect to open a new one.');
    return entry;
  };

  return {
    get size() {
      return open.size + opening;
    },

    async open(platformId, cols, rows) {
      if (open.size + opening >= max) {
        throw new ContractError('unavailable', `${max} terminals are open already, the most the console keeps at once. Close one, then try again.`);
      }
      opening++;
      const { signal } = shutdown;
      try {
        const terminalId = newTerminalId();
        const start = async () => {
          const platform = await deps.acquire(platformId, signal);
          if (signal.aborted) throw cancelled('Opening the terminal');
          return TerminalSession.open({
            client: platform.client,
            label: platform.label,
            cols,
            rows,
            onOutput: (data) => deps.emit('terminal.output', { terminalId, data }),
            onExit: (message) => {
              open.delete(terminalId);
              deps.emit('terminal.exit', { terminalId, message });
            },
          });
        };
        // A kept connection can end just as the terminal opens on it (the server dropped it); one more try gets a fresh one.
        const session = await start().catch(async (error: unknown) => {
          if (!isConnectError(error, 'disconnected') || signal.aborted) throw error;
          await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS));
          return start();
        });
        if (signal.aborted) {
          session.close();
          throw cancelled('Opening the terminal');
        }
        open.set(terminalId, { platformId, session });
        return terminalId;
      } finally {
        opening--;
      }
    },

    write(terminalId, data) {
      entryOf(terminalId).session.write(data);
    },

    resize(terminalId, cols, rows) {
      entryOf(terminalId).session.resize(cols, rows);
    },

    async becomeRoot(terminalId) {
      const { platformId, session } = entryOf(terminalId);
      // The inventory as it is now: a root password may have been stored since the terminal opened.
      const platform = await deps.acquire(platformId, shutdown.signal);
      const password = platform.rootPasswordRef === null ? undefined : await deps.secrets(platform.rootPasswordRef);
      if (password === undefined) {
        throw new ConnectError('root_auth_failed', `No root password is stored for ${platform.label}, so nothing was typed. Store it with the platform's credentials, then choose Become root again.`, { platform: platform.label });
      }
      await session.becomeRoot(password);
    },

    close(terminalId) {
      const entry = open.get(terminalId);
      open.delete(terminalId);
      entry?.session.close();
    },

    closeAll() {
      shutdown.abort();
      shutdown = new AbortController();
      for (const entry of open.values()) entry.session.close();
      open.clear();
    },
  };
}
