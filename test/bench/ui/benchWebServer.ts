import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createEngine } from '../../../electron/core/engine';
import { consoleLog } from '../../../electron/core/engineLog';
import { startWebServer } from '../../../electron/core/server/webServer';

/**
 * The web mode of `npm run web` (same engine, same server, same renderer build) without polling on a schedule:
 * the benchmark fleet's addresses lead nowhere, and polls failing meanwhile would replace the statuses under test.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, 'renderer-dir': { type: 'string' } }, strict: true });
  const dataDir = values['data-dir'];
  if (!dataDir) throw new Error('--data-dir is needed');
  const rendererDir = resolve(values['renderer-dir'] ?? resolve(__dirname, '../../../.vite/renderer/main_window'));
  const log = consoleLog('bench-web');
  const engine = createEngine({ mode: 'web', dataDir: resolve(dataDir), log, pollOnSchedule: false });
  const server = await startWebServer({ engine, rendererDir, log });
  console.log(`Open: ${server.url}`);
  const stop = () => void Promise.allSettled([server.close(), engine.close()]).then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('The benchmark web mode could not start:', error);
  process.exit(1);
});
