import { input } from '../wizardInputs';
import type { PlanContext, WizardDefinition } from '../wizardTypes';
import { AP } from './apCommands';
import { PGSQL_DU, notStandby, databaseSizes, vacuumRoom } from './databaseChecks';
import { rememberSizes, reindexStep, restartManagerStep, sizesReport, stopManagerStep, vacuumStep } from './databaseCleanup';
import { dataDisk, serviceIs } from './stepChecks';

/** One database, or null for all. */
const target = (p: PlanContext): string | null => (p.inputs.scope === 'one' ? p.inputs.database?.trim() || null : null);

/** P3: shrink the PostgreSQL files of all databases or of one. */
export const shrinkDatabase: WizardDefinition = {
  id: 'shrink-database',
  title: 'Shrink database files',
  summary: 'Gives the space of deleted data back to the disk: reindexdb and vacuumdb -f for all databases or one, with the manager stopped if you like, then compares the sizes before and after (df -h, du -sh /mnt/sda2/pgsql/).',
  reference: 'App Platform wiki: "Shrink PostgreSQL files" (admin-facts P3)',
  alarmKinds: ['disk.usage'],
  inputs: [
    input('scope', 'Databases', 'choice', {
      options: [
        { value: 'all', label: 'All databases (reindexdb -a, vacuumdb -a -f)' },
        { value: 'one', label: 'One database (reindexdb -d, vacuumdb -d -f)' },
      ],
      defaultValue: 'all',
    }),
    input('database', 'Database name', 'text', { required: false, help: 'For one database: <domain>_<instance>, as the Instances tab shows it.' }),
    input('backup', 'I have a backup of the database', 'attest', {
      help: 'Important: you are operating on the database, you have to make a backup of your database before you do this (instance backups in the Apps app).',
    }),
    input('stopManager', 'Stop the manager first', 'choice', {
      options: [
        { value: 'yes', label: 'Yes (recommended in case of database errors; no app is online then)' },
        { value: 'no', label: 'No, keep it running' },
      ],
      defaultValue: 'yes',
    }),
  ],
  checkInputs(p) {
    const database = p.inputs.database?.trim() ?? '';
    if (p.inputs.scope === 'one' && !database) return 'Enter the database name to shrink one database, or choose all databases.';
    if (p.inputs.scope !== 'one' && database) return 'A database name is only used with "One database"; clear it or choose one database.';
    return /[\n\r]/.test(database) ? 'The database name must be on one line.' : null;
  },
  preconditions: [
    { label: 'PostgreSQL runs', check: (ctx) => serviceIs(ctx, 'postgres', true, { waitMs: 0 }) },
    notStandby,
    {
      label: 'The database exists',
      async check(ctx) {
        const database = target(ctx);
        if (!database) return { ok: true, detail: 'All databases.' };
        return (await databaseSizes(ctx)).some((d) => d.name === database)
          ? { ok: true, detail: `"${database}" is there.` }
          : { ok: false, detail: `There is no database "${database}" on this platform. Check the name in the Instances tab (<domain>_<instance>).` };
      },
    },
    { label: 'There is room to write the biggest table anew', check: async (ctx) => vacuumRoom(ctx, target(ctx), (await dataDisk(ctx)).availableBytes) },
  ],
  steps: [
    {
      id: 'sizes-before',
      title: 'Note the sizes',
      explanation: 'df -h, du -sh /mnt/sda2/pgsql/ and the size of the database(s), to compare at the end.',
      kind: 'check',
      commands: () => [{ command: AP.dfHuman }, { command: PGSQL_DU }],
      run: async (ctx) => ctx.say(await rememberSizes(ctx, target(ctx), 'before')),
      verify: async () => ({ ok: true, detail: 'Sizes noted.' }),
      onFailure: 'Check that PostgreSQL runs, then resume.',
    },
    stopManagerStep((p) => p.inputs.stopManager !== 'no'),
    reindexStep(target),
    vacuumStep(target),
    restartManagerStep(false),
    {
      id: 'sizes-after',
      title: 'Compare the sizes',
      explanation: 'df -h and du -sh /mnt/sda2/pgsql/ again, compared with the start.',
      kind: 'check',
      commands: () => [{ command: AP.dfHuman }, { command: PGSQL_DU }],
      run: async (ctx) => ctx.say(await rememberSizes(ctx, target(ctx), 'after')),
      verify: async (ctx) => ({ ok: true, detail: sizesReport(ctx.data, target(ctx)) }),
      onFailure: 'The sizes could not be read; check that PostgreSQL runs.',
    },
  ],
};
