import { byteText } from '../../format/byteText';
import { input } from '../wizardInputs';
import type { PlanContext, StepContext, WizardDefinition } from '../wizardTypes';
import { AP } from './apCommands';
import { PGSQL_DU, notStandby, biggestInstanceDatabase, databaseSizes, vacuumRoom } from './databaseChecks';
import { rememberSizes, reindexStep, restartManagerStep, sizesReport, stopManagerStep, vacuumStep } from './databaseCleanup';
import { dataDisk, diskText, serviceIs } from './stepChecks';

const FULL_PERCENT = 99;
const SHOWN = 5;
const P2_NEXT =
  'If that is not enough: stop the app, download the instance backup (it holds the whole instance data and the instance password), delete the instance and restore the backup; or resize the disk (VMs only, wizard "Resize the VM disk"); or delete the instance and create it again with the same values and a new random password, which must then also be set in the PBX App objects.';

/** The database this run cleans up: the one found in the first step, else the one asked for, else the biggest the monitor saw. */
const target = (p: PlanContext): string => (typeof p.data.database === 'string' ? p.data.database : p.inputs.database?.trim() || biggestInstanceDatabase(p.status) || 'the biggest instance database');

/** P2 with P3 for one database: the disk space warning of 13r2 and later. */
export const diskWarning: WizardDefinition = {
  id: 'disk-warning',
  title: 'Free disk space',
  summary:
    'The disk space warning (13r2+): find the instances using the most space, delete data in one of them, clean up its database (reindexdb, vacuumdb -f) so the space really comes back, then start the apps again, which do not restart by themselves.',
  reference: 'App Platform wiki: "Disk space warning" and "Shrink PostgreSQL files" (admin-facts P2, P3)',
  alarmKinds: ['disk.usage', 'disk.timeToFull', 'disk.logs'],
  inputs: [
    input('database', 'Instance database to clean up', 'text', {
      required: false,
      help: 'Its name is <domain>_<instance>, as the Instances tab shows it. Leave it empty to take the biggest instance.',
    }),
    input('backup', 'I have a backup of this database (instance backup in the Apps app)', 'attest', {
      help: 'You are operating on the database: make a backup before you do this. The instance backup holds the whole instance data, also the instance password.',
    }),
    input('stopManager', 'Stop the manager while the database is cleaned up', 'choice', {
      options: [
        { value: 'yes', label: 'Yes, stop it (recommended in case of database errors)' },
        { value: 'no', label: 'No, keep the other apps running' },
      ],
      defaultValue: 'no',
      help: 'Not always needed. The database being cleaned up is locked either way.',
    }),
  ],
  checkInputs: (p) => (/[\n\r]/.test(p.inputs.database ?? '') ? 'The database name must be on one line.' : null),
  preconditions: [
    {
      label: 'The disk is not completely full',
      async check(ctx) {
        const df = await dataDisk(ctx);
        return df.percent < FULL_PERCENT
          ? { ok: true, detail: `/mnt/sda2: ${diskText(df)}.` }
          : { ok: false, detail: `/mnt/sda2 is ${df.percent} % used: the database cannot be cleaned up without room. Run "Recover a full disk" first.` };
      },
    },
    {
      label: 'PostgreSQL runs',
      check: (ctx) => serviceIs(ctx, 'postgres', true, { waitMs: 0 }),
    },
    notStandby,
  ],
  steps: [
    {
      id: 'find-large',
      title: 'Find the instances using the most space',
      explanation: 'Reads the size of every database (one per instance, <domain>_<instance>), df -h and du -sh /mnt/sda2/pgsql/, and picks the database to clean up.',
      kind: 'check',
      commands: () => [{ command: AP.dfHuman }, { command: PGSQL_DU }],
      async run(ctx) {
        const sizes = await databaseSizes(ctx, { quiet: false });
        const instances = sizes.filter((d) => !['manager', 'postgres'].includes(d.name));
        for (const d of instances.slice(0, SHOWN)) ctx.say(`${d.name}: ${byteText(d.bytes)}`);
        const asked = ctx.inputs.database?.trim();
        const chosen = asked || instances[0]?.name;
        if (!chosen) throw new Error('There is no instance database on this platform. Free space by removing old logs and core dumps, or resize the VM disk.');
        if (!sizes.some((d) => d.name === chosen)) throw new Error(`There is no database "${chosen}" on this platform; the biggest are ${instances.slice(0, SHOWN).map((d) => d.name).join(', ')}.`);
        ctx.remember('database', chosen);
        ctx.say(await rememberSizes(ctx, chosen, 'before'));
      },
      verify: async (ctx) => ({ ok: typeof ctx.data.database === 'string', detail: `Cleaning up "${target(ctx)}" (${byteText(Number(ctx.data.beforeDatabase ?? 0))}).` }),
      onFailure: 'Check that PostgreSQL runs and the database name is right (Instances tab), then resume.',
    },
    {
      id: 'delete-data',
      title: 'Delete data in the instance',
      explanation: 'Start the app and delete the data you no longer need. Deleting alone does not give disk space back; the next steps do.',
      kind: 'manual',
      commands: () => [],
      manual: (p) => ({
        instructions: [
          'In the Apps app (or the AP Manager), start the app of this instance if it is stopped.',
          'Open the app and delete the data you no longer need (for example old CDRs, recordings or messages).',
          'Confirm here when you are done.',
        ],
        values: [
          { label: 'Database', value: target(p) },
          { label: 'Size now', value: typeof p.data.beforeDatabase === 'number' ? byteText(p.data.beforeDatabase) : 'see the first step' },
        ],
      }),
      verify: async () => ({ ok: true, detail: 'You deleted data in the instance.' }),
      onFailure: 'Delete data in the instance, then confirm again.',
    },
    {
      id: 'check-room',
      title: 'Check the room for the cleanup',
      explanation: 'VACUUM FULL writes each table anew beside the old one, so the disk needs room for the biggest table while it runs (the Clean up button needs the same).',
      kind: 'check',
      commands: () => [],
      run: async () => undefined,
      verify: async (ctx: StepContext) => vacuumRoom(ctx, target(ctx), (await dataDisk(ctx)).availableBytes),
      onFailure: 'Then resume to check again.',
    },
    stopManagerStep((p) => p.inputs.stopManager === 'yes'),
    reindexStep(target),
    vacuumStep(target),
    restartManagerStep(true),
    {
      id: 'sizes-after',
      title: 'Compare the sizes',
      explanation: 'df -h and du -sh /mnt/sda2/pgsql/ again, compared with the start, and the disk alarm checked.',
      kind: 'check',
      commands: () => [{ command: AP.dfHuman }, { command: PGSQL_DU }],
      run: async (ctx) => ctx.say(await rememberSizes(ctx, target(ctx), 'after')),
      async verify(ctx) {
        const report = sizesReport(ctx.data, target(ctx));
        const { alarms } = await ctx.poll();
        const disk = alarms.filter((a) => a.kind === 'disk.usage');
        return disk.length === 0 ? { ok: true, detail: `${report} The disk alarm has cleared.` } : { ok: false, detail: `${report} Still: ${disk.map((a) => a.cause).join(' ')}` };
      },
      onFailure: `Clean up the next biggest instance (run this wizard again). ${P2_NEXT}`,
    },
  ],
};
