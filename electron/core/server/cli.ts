import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createEngine } from '../engine';
import { consoleLog } from '../engineLog';
import { defaultDataDir } from '../storage/dataDir';
import { startWebServer } from './webServer';

export const DEFAULT_RENDERER_DIR = resolve(__dirname, '../../../.vite/renderer/main_window');

const USAGE = `Usage: npm run web -- [--port N] [--data-dir DIR] [--no-poll]
  --port N        listen on 127.0.0.1:N (default: a free port)
  --data-dir DIR  keep the console's data in DIR (default: ${defaultDataDir()})
  --no-poll       poll platforms only when asked (Poll now), not on the schedule;
                  the last known states are shown as they were saved`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'renderer-dir': { type: 'string' },
      'no-poll': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = parsePort(values.port ?? process.env.AP_CONSOLE_PORT);
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const rendererDir = resolve(values['renderer-dir'] ?? DEFAULT_RENDERER_DIR);
  if (!existsSync(resolve(rendererDir, 'index.html'))) {
    throw new UsageError(`The user interface is not built in ${rendererDir}. Run "npm run build:renderer" first, or start with "npm run web".`);
  }

  const log = consoleLog('web');
  const engine = createEngine({ mode: 'web', dataDir, log, pollOnSchedule: values['no-poll'] !== true });
  const server = await startWebServer({ engine, rendererDir, log, ...(port === undefined ? {} : { port }) });
  console.log(
    [
      'AP Console is running in web mode.',
      `Open: ${server.url}`,
      `Data folder: ${dataDir}`,
      'Only this machine can connect (127.0.0.1), and only with the token in the address. Press Ctrl+C to stop.',
    ].join('\n'),
  );

  const stop = () => {
    void Promise.allSettled([server.close(), engine.close()]).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

class UsageError extends Error {}

function parsePort(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`"${text}" is not a TCP port; give a number from 1 to 65535, or 0 for any free port.`);
  return port;
}

main().catch((error: unknown) => {
  const known = error instanceof UsageError || (error instanceof TypeError && 'code' in error);
  const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
  if (inUse) console.error('That port is already in use on 127.0.0.1. Choose another with --port, or leave it out to use a free one.');
  else if (known) console.error(`${(error as Error).message}\n\n${USAGE}`);
  else console.error('The console could not start:', error);
  process.exit(1);
});
