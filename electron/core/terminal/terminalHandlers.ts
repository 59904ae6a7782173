import type { Handler } from '../rpc/handlers';
import type { TerminalSessions } from './terminalSessions';

type TerminalMethod = 'terminal.open' | 'terminal.write' | 'terminal.resize' | 'terminal.becomeRoot' | 'terminal.close';
export type TerminalHandlers = { [M in TerminalMethod]: Handler<M> };

/** The contract's terminal methods; output and exits go out as events through the sessions' emit. */
export function terminalHandlers(sessions: TerminalSessions): TerminalHandlers {
  return {
    'terminal.open': async ({ platformId, cols, rows }) => ({ terminalId: await sessions.open(platformId, cols, rows) }),
    'terminal.write': async ({ terminalId, data }) => {
      sessions.write(terminalId, data);
      return {};
    },
    'terminal.resize': async ({ terminalId, cols, rows }) => {
      sessions.resize(terminalId, cols, rows);
      return {};
    },
    'terminal.becomeRoot': async ({ terminalId }) => {
      await sessions.becomeRoot(terminalId);
      return {};
    },
    'terminal.close': async ({ terminalId }) => {
      sessions.close(terminalId);
      return {};
    },
  };
}
