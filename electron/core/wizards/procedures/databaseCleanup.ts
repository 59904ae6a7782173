import { byteText } from '../../format/byteText';
import { AP_PATHS } from '../../platform/platformPaths';
import type { PlanContext, StepContext, WizardStep } from '../wizardTypes';
import { AP } from './apCommands';
import { PGSQL_DU, databaseSizes, pgsqlBytes, reindexCommand, sizeChange, vacuumCommand } from './databaseChecks';
import { dataDisk, serviceIs } from './stepChecks';

/** The database a step works on; null for every database. */
export type Target = (p: PlanContext) => string | null;

/** Vacuuming a big database may take hours (admin-facts P2). */
const LONG_MS = 8 * 60 * 60_000;
const numberOf = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const named = (database: string | null) => (database ? `the database "${database}"` : 'every database');

/** Sizes the last step compares with: the data partition, /mnt/sda2/pgsql/ and the database(s). */
export async function rememberSizes(ctx: StepContext, database: string | null, prefix: 'before' | 'after'): Promise<string> {
  await ctx.must(AP.dfHuman);
  await ctx.must(PGSQL_DU);
  const df = await dataDisk(ctx);
  const pgsql = await pgsqlBytes(ctx);
  const sizes = await databaseSizes(ctx);
  const dbBytes = database ? (sizes.find((d) => d.name === database)?.bytes ?? null) : sizes.reduce((sum, d) => sum + d.bytes, 0);
  if (database && dbBytes === null) throw new Error(`There is no database "${database}" on this platform. Check the name in the Instances tab (it is <domain>_<instance>).`);
  ctx.remember(`${prefix}Used`, df.usedBytes);
  ctx.remember(`${prefix}Pgsql`, pgsql);
  ctx.remember(`${prefix}Database`, dbBytes);
  return `/mnt/sda2: ${byteText(df.usedBytes)} used, ${byteText(df.availableBytes)} free; ${AP_PATHS.pgsql}/: ${byteText(pgsql)}; ${named(database)}: ${byteText(dbBytes ?? 0)}.`;
}

/** "before → after" for the partition, /mnt/sda2/pgsql/ and the database(s), from what the run remembered. */
export function sizesReport(data: PlanContext['data'], database: string | null): string {
  const pairs: Array<[string, string]> = [
    ['Used on /mnt/sda2', 'Used'],
    [`${AP_PATHS.pgsql}/`, 'Pgsql'],
    [database ? `Database "${database}"` : 'All databases', 'Database'],
  ];
  return pairs
    .map(([label, key]) => {
      const before = numberOf(data[`before${key}`]);
      const after = numberOf(data[`after${key}`]);
      return before !== null && after !== null ? `${label}: ${sizeChange(before, after)}.` : null;
    })
    .filter(Boolean)
    .join(' ');
}

export function stopManagerStep(wanted: (p: PlanContext) => boolean): WizardStep {
  return {
    id: 'stop-manager',
    title: 'Stop the manager',
    explanation: (p) =>
      wanted(p)
        ? 'Not always needed, but recommended in case of database errors: with the manager all apps stop, so none of them writes to the database while it is cleaned up.'
        : 'You chose to keep the manager running: the database is locked while it is cleaned up, its app cannot use it meanwhile.',
    kind: 'command',
    destructive: true,
    commands: (p) => (wanted(p) ? [{ command: AP.managerStop }] : []),
    skip: async (ctx) => (wanted(ctx) ? null : 'You chose to keep the manager running.'),
    async run(ctx) {
      await ctx.must(AP.managerStop);
      ctx.remember('managerStopped', true);
    },
    verify: (ctx) => serviceIs(ctx, 'manager', false),
    onFailure: 'The manager did not stop. Look at /var/log/apps/manager/ and try again.',
  };
}

export function reindexStep(target: Target): WizardStep {
  return {
    id: 'reindex',
    title: 'Rebuild the indexes',
    explanation: (p) => `reindexdb rebuilds the indexes of ${named(target(p))}, which shrinks bloated indexes. The database is locked meanwhile: CDRs or other data written to it are not received.`,
    kind: 'command',
    destructive: true,
    commands: (p) => [{ command: reindexCommand(target(p)) }],
    run: async (ctx) => void (await ctx.must(reindexCommand(target(ctx)), { timeoutMs: LONG_MS })),
    verify: async (ctx) => ({ ok: true, detail: `reindexdb finished for ${named(target(ctx))}.` }),
    onFailure: 'reindexdb failed: see its output. If PostgreSQL reports errors, stop the manager (start the wizard again with "stop the manager") and retry; make sure you have a backup.',
  };
}

export function vacuumStep(target: Target): WizardStep {
  return {
    id: 'vacuum',
    title: 'Shrink the database files',
    explanation: (p) =>
      `vacuumdb -f (VACUUM FULL) writes every table of ${named(target(p))} anew without the deleted rows and gives the space back to the disk. The database is locked meanwhile. Depending on the hardware and the size, this may take hours.`,
    kind: 'command',
    destructive: true,
    commands: (p) => [{ command: vacuumCommand(target(p)) }],
    run: async (ctx) => void (await ctx.must(vacuumCommand(target(ctx)), { timeoutMs: LONG_MS })),
    async verify(ctx) {
      const database = target(ctx);
      const sizes = await databaseSizes(ctx);
      const now = database ? (sizes.find((d) => d.name === database)?.bytes ?? 0) : sizes.reduce((sum, d) => sum + d.bytes, 0);
      const before = numberOf(ctx.data.beforeDatabase);
      return { ok: true, detail: `vacuumdb finished: ${named(database)} ${before === null ? `is ${byteText(now)}` : sizeChange(before, now)}.` };
    },
    onFailure:
      'vacuumdb failed: see its output. If it ran out of space, free more first (old logs, core dumps, instance data). If it does not work at all, create a backup of the database, delete the database and import it again.',
  };
}

/** The manager restart that starts all apps again; `always` when the apps need it even if this run did not stop the manager. */
export function restartManagerStep(always: boolean): WizardStep {
  return {
    id: 'restart-manager',
    title: always ? 'Start the apps again' : 'Restart the manager',
    explanation: always
      ? 'Apps stopped at the threshold do not start by themselves: restarting the manager starts all apps again (or restart the whole App Platform).'
      : 'Only needed because the manager was stopped above: it starts all apps again.',
    kind: 'command',
    commands: () => [{ command: AP.managerRestart }],
    skip: async (ctx) => (always || ctx.data.managerStopped === true ? null : 'The manager kept running; there is nothing to restart.'),
    async verify(ctx) {
      const manager = await serviceIs(ctx, 'manager', true, { waitMs: 120_000 });
      return manager.ok ? serviceIs(ctx, 'managerHttps', true, { waitMs: 60_000 }) : manager;
    },
    onFailure: 'The manager did not come back. Look at /var/log/apps/manager/, or restart the whole App Platform.',
  };
}
