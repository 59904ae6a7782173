export interface EngineLog {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

/** Plain console log; the detail of an error goes to the log, never to a client. */
export function consoleLog(prefix = 'ap-console'): EngineLog {
  return {
    info: (message) => console.log(`[${prefix}] ${message}`),
    error: (message, error) => console.error(`[${prefix}] ${message}`, error instanceof Error ? error.stack ?? error.message : (error ?? '')),
  };
}
