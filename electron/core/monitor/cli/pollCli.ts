import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { createEngine } from '../../engine';
import type { Engine } from '../../engine';
import { defaultDataDir } from '../../storage/dataDir';
import { pollReport, reportTable } from './pollReport';
import type { CallResult } from './pollReport';

const USAGE = `Usage: npm run poll -- [--data-dir DIR] [--fleet FILE] [--accept-new-host-keys] [--json]
Polls every platform once and prints the fleet's status and alarms.
  --data-dir DIR           the console's data (inventory, host keys, vault); default: ${defaultDataDir()}
                           a vault protected by a master password is unlocked with AP_CONSOLE_MASTER_PASSWORD
  --fleet FILE             poll the platforms of a lab fleet file (npm run lab -- up writes one) instead, with the
                           passwords of fleet-secrets.json beside it, in a scratch folder (DIR is not changed); its
                           platforms are new to the console, so their host keys need --accept-new-host-keys
  --accept-new-host-keys   pin keys of platforms seen for the first time (as ssh's accept-new); changed keys still stop
  --json                   print JSON instead of a table`;

class UsageError extends Error {}

async function call<T>(engine: Engine, method: string, params: unknown = {}): Promise<T> {
  const answer = (await engine.dispatch({ id: 1, method, params })) as CallResult<T>;
  if (!answer.ok) throw new UsageError(answer.error.message);
  return answer.result;
}

/** A scratch data folder with a copy of DIR's host keys, for polling a fleet file without touching DIR. */
async function scratchFor(dataDir: string): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), 'apc-poll-'));
  await copyFile(join(dataDir, 'host-keys.json'), join(scratch, 'host-keys.json')).catch(() => undefined);
  return scratch;
}

async function acceptNewHostKeys(engine: Engine): Promise<void> {
  const { statuses } = await call<{ statuses: Array<{ status: { reach: { state: string; hostKey: { id: string; host: string; port: number; key: string } | null } } }> }>(engine, 'monitor.statuses');
  for (const { status } of statuses) {
    const key = status.reach.hostKey;
    if (status.reach.state === 'host_key_unknown' && key) await call(engine, 'hostKeys.accept', { id: key.id, host: key.host, port: key.port, key: key.key });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'data-dir': { type: 'string' }, fleet: { type: 'string' }, 'accept-new-host-keys': { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) return void console.log(USAGE);
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const scratch = values.fleet ? await scratchFor(dataDir) : null;
  const quiet = { info: () => undefined, error: (message: string) => console.error(`[poll] ${message}`) };
  const engine = createEngine({ mode: 'web', dataDir: scratch ?? dataDir, log: quiet });
  try {
    if (values.fleet) {
      await call(engine, 'vault.initialise', { masterPassword: randomBytes(24).toString('base64url') });
      await call(engine, 'fleet.importApply', { source: { kind: 'labFleet', path: resolve(values.fleet) }, secrets: true });
    } else if (process.env.AP_CONSOLE_MASTER_PASSWORD) {
      await call(engine, 'vault.unlock', { masterPassword: process.env.AP_CONSOLE_MASTER_PASSWORD });
    }
    await call(engine, 'monitor.pollNow');
    if (values['accept-new-host-keys']) {
      await acceptNewHostKeys(engine);
      await call(engine, 'monitor.pollNow');
    }
    const report = await pollReport((method) => call(engine, method));
    console.log(values.json ? JSON.stringify(report, null, 2) : reportTable(report));
    if (report.platforms.some((p) => p.reach !== 'ok')) process.exitCode = 2;
  } finally {
    await engine.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof UsageError ? `${error.message}\n\n${USAGE}` : error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
