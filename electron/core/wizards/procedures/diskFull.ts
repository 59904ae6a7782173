import { byteText } from '../../format/byteText';
import { AP_PATHS } from '../../platform/platformPaths';
import { command, glob, withErrors, writeTo } from '../remoteCommand';
import { input } from '../wizardInputs';
import type { WizardDefinition } from '../wizardTypes';
import { AP } from './apCommands';
import { dataDisk, diskText, exists, serviceIs } from './stepChecks';

/** The manager recreates its reserve file only with this much free (admin-facts P1 step 9). */
export const RESERVE_NEEDS_FREE_BYTES = 500 * 1000 * 1000;
const FULL_PERCENT = 95;
const LOGS = '/var/log/apps/*/*';
const DUMPS = '/var/log/core_dumps/*/*';
/** The wiki's warning beside this procedure. */
const LOCAL_BACKUP_WARNING = 'Make sure that you do not have backups configured to a local files instance while this files instance is not excluded from backups.';

/** P1: apps offline because the disk is full. */
export const diskFull: WizardDefinition = {
  id: 'disk-full',
  title: 'Recover a full disk',
  summary:
    'Apps are offline because /dev/sda2 is full: stop the manager, empty the reserve file, remove old logs and core dumps (downloaded first if you like), restart PostgreSQL and the manager, make 500 MB free, then restore the reserve file.',
  reference: 'App Platform wiki: "Apps offline because the disk is full" (admin-facts P1)',
  alarmKinds: ['disk.usage', 'disk.reserveMissing'],
  inputs: [
    input('downloadFirst', 'Download the logs and core dumps before they are removed', 'choice', {
      options: [{ value: 'yes', label: 'Yes, download them first' }, { value: 'no', label: 'No, remove them' }],
      defaultValue: 'yes',
      help: 'Core dumps explain crashes; support may ask for them. They are saved on this computer under downloads/.',
    }),
  ],
  preconditions: [
    {
      label: 'The data partition is full',
      async check(ctx) {
        const df = await dataDisk(ctx);
        return df.percent >= FULL_PERCENT
          ? { ok: true, detail: `/mnt/sda2: ${diskText(df)}.` }
          : { ok: false, detail: `/mnt/sda2 is only ${df.percent} % used (${diskText(df)}); this wizard is for a full disk. Use "Free disk space" instead.` };
      },
    },
  ],
  steps: [
    {
      id: 'look',
      title: 'See the disk usage',
      explanation: 'df -h shows how full /dev/sda2 is; at 100 % the apps go offline.',
      kind: 'check',
      commands: () => [{ command: AP.dfHuman }],
      async run(ctx) {
        await ctx.must(AP.dfHuman);
        const df = await dataDisk(ctx);
        ctx.remember('usedBefore', df.usedBytes);
      },
      verify: async (ctx) => ({ ok: true, detail: `/mnt/sda2: ${diskText(await dataDisk(ctx))}.` }),
      onFailure: 'df did not answer: check that you can log in over SSH and that the platform is not hanging.',
    },
    {
      id: 'stop-manager',
      title: 'Stop the manager',
      explanation: 'Every app stops with the manager; they are offline already because the disk is full.',
      kind: 'command',
      destructive: true,
      commands: () => [{ command: AP.managerStop }],
      verify: (ctx) => serviceIs(ctx, 'manager', false),
      onFailure: 'The manager did not stop. Look at /var/log/apps/manager and try again.',
    },
    {
      id: 'empty-reserve',
      title: 'Empty the reserve file',
      explanation: `The manager keeps ${AP_PATHS.reserveFile} (500 MB) for exactly this moment; emptying it gives PostgreSQL room to start. The manager must be 13r1 SR9 or later to have this file.`,
      kind: 'command',
      destructive: true,
      commands: () => [{ command: writeTo(command('echo', ''), AP_PATHS.reserveFile) }],
      async skip(ctx) {
        const there = await exists(ctx, AP_PATHS.reserveFile);
        if (ctx.data.hadReserve === undefined) ctx.remember('hadReserve', there);
        return there ? null : `There is no ${AP_PATHS.reserveFile} (a manager before 13r1 SR9, or it was emptied and removed already).`;
      },
      async verify(ctx) {
        const { output, code } = await ctx.exec(command('stat', '-c', '%s', AP_PATHS.reserveFile), { quiet: true });
        const size = Number(output.trim());
        return code === 0 && size <= 1 ? { ok: true, detail: 'The reserve file is empty.' } : { ok: false, detail: `The reserve file still holds ${byteText(size)}.` };
      },
      onFailure: 'Check that you are root and that /mnt/sda2 is mounted read-write (dmesg shows if ext4 remounted it read-only).',
    },
    {
      id: 'download-old',
      title: 'Download the logs and core dumps',
      explanation: (p) => (p.inputs.downloadFirst === 'no' ? 'You chose to remove them without a copy.' : 'Copies /var/log/apps and /var/log/core_dumps to this computer, checked with sha256, before the next step removes them.'),
      kind: 'check',
      commands: () => [],
      skip: async (ctx) => (ctx.inputs.downloadFirst === 'no' ? 'You chose to remove them without a copy.' : null),
      async run(ctx) {
        const folders = ['/var/log/apps', '/var/log/core_dumps'];
        const present: string[] = [];
        for (const folder of folders) if (await exists(ctx, folder)) present.push(folder);
        if (present.length === 0) return ctx.say('There are no logs or core dumps to download.');
        const saved = await ctx.download(present);
        ctx.remember('downloadedTo', saved);
        ctx.say(`Saved in ${saved.join(', ')}.`);
      },
      verify: async (ctx) => ({ ok: true, detail: Array.isArray(ctx.data.downloadedTo) ? `Saved in ${ctx.data.downloadedTo.join(', ')}.` : 'Nothing to download.' }),
      onFailure: 'The download failed; nothing was removed. Resume to try again, or choose to remove them without a copy by starting the wizard anew.',
    },
    {
      id: 'remove-old',
      title: 'Remove old logs and core dumps',
      explanation: 'Deletes the app logs and core dumps, as the wiki says (rm /var/log/apps/*/* and rm /var/log/core_dumps/*/*). Services write new logs when they start.',
      kind: 'command',
      destructive: true,
      commands: () => [{ command: withErrors(command('rm', '-f', glob(LOGS))) }, { command: withErrors(command('rm', '-f', glob(DUMPS))) }],
      async run(ctx) {
        // rm reports sub-folders it leaves alone; only files are removed here, as on the wiki.
        for (const pattern of [LOGS, DUMPS]) await ctx.exec(withErrors(command('rm', '-f', glob(pattern))));
      },
      async verify(ctx) {
        const { output } = await ctx.exec(command('find', '/var/log/apps', '/var/log/core_dumps', '-mindepth', '2', '-maxdepth', '2', '-type', 'f'), { quiet: true });
        const left = output.split('\n').filter((l) => l.startsWith('/')).length;
        return left === 0 ? { ok: true, detail: `Removed; /mnt/sda2 is now ${diskText(await dataDisk(ctx))}.` } : { ok: false, detail: `${left} files are still there.` };
      },
      onFailure: 'Some files could not be removed. Check the output, and that /mnt/sda2 is not read-only.',
    },
    {
      id: 'restart-postgres',
      title: 'Restart PostgreSQL',
      explanation: 'PostgreSQL stopped working when the disk filled up; a restart lets it recover with the space now free. Watch the output to see whether it worked.',
      kind: 'command',
      commands: () => [{ command: AP.postgresRestart }],
      verify: (ctx) => serviceIs(ctx, 'postgres', true),
      onFailure: 'PostgreSQL did not start. Its log is /var/log/apps/postgresql; if the disk is still full, free more space (delete instance data) and try again.',
    },
    {
      id: 'restart-manager',
      title: 'Restart the manager',
      explanation: 'The manager starts the apps again; this takes a while on a loaded platform.',
      kind: 'command',
      commands: () => [{ command: AP.managerRestart }],
      async verify(ctx) {
        const manager = await serviceIs(ctx, 'manager', true, { waitMs: 120_000 });
        return manager.ok ? serviceIs(ctx, 'managerHttps', true, { waitMs: 60_000 }) : manager;
      },
      onFailure: 'The manager did not come back. Look at /var/log/apps/manager/; if core dumps block it, run "Webserver does not respond after an update".',
    },
    {
      id: 'biggest-instances',
      title: 'Find the instances using the most space',
      explanation: `In the Apps app, delete content in the biggest instances (you may want to stop all app services first); deleting an instance is the last resort and loses its data. Then shrink the database to give the space back. ${LOCAL_BACKUP_WARNING}`,
      kind: 'check',
      commands: () => [],
      async run(ctx) {
        const { status } = await ctx.poll();
        const top = [...(status?.instances ?? [])].sort((a, b) => b.bytes - a.bytes).slice(0, 5);
        if (top.length === 0) return ctx.say('No instance sizes could be read.');
        for (const i of top) ctx.say(`${i.database}: ${byteText(i.bytes)}`);
        ctx.remember('biggest', top.map((i) => i.database));
      },
      verify: async (ctx) => ({ ok: true, detail: Array.isArray(ctx.data.biggest) && ctx.data.biggest.length > 0 ? `Biggest: ${ctx.data.biggest.join(', ')}.` : 'No instance sizes could be read.' }),
      onFailure: 'The instance sizes could not be read; see them in the Instances tab.',
    },
    {
      id: 'enough-free',
      title: 'Check that 500 MB are free',
      explanation: 'The manager recreates its 500 MB reserve file only when there is room for it. If less is free, delete instance content (then shrink the database) or grow the disk (VMs), and run this step again.',
      kind: 'check',
      commands: () => [{ command: AP.dfHuman }],
      run: async (ctx) => void (await ctx.must(AP.dfHuman)),
      async verify(ctx) {
        const df = await dataDisk(ctx);
        return df.availableBytes >= RESERVE_NEEDS_FREE_BYTES
          ? { ok: true, detail: `${byteText(df.availableBytes)} free.` }
          : { ok: false, detail: `Only ${byteText(df.availableBytes)} free; the manager needs 500 MB for its reserve file.` };
      },
      onFailure:
        'Free more space: delete content in the biggest instances and shrink the database (wizard "Shrink database files"). If shrinking does not help, create a backup of the database, delete the database and import it again; or resize the VM disk. Then resume and run this step again.',
    },
    {
      id: 'restore-reserve',
      title: 'Restore the reserve file',
      explanation: 'Removing the emptied file and restarting the manager makes the manager create the 500 MB reserve file again.',
      kind: 'command',
      commands: () => [{ command: command('rm', '-f', AP_PATHS.reserveFile) }, { command: AP.managerRestart }],
      async verify(ctx) {
        // A manager before 13r1 SR9 never had the file and does not create it.
        const legacy = ctx.data.hadReserve === false;
        const until = Date.now() + (legacy ? 20_000 : 60_000);
        for (;;) {
          const { output, code } = await ctx.exec(command('stat', '-c', '%s', AP_PATHS.reserveFile), { quiet: true });
          if (code === 0 && Number(output.trim()) > 1) {
            const https = await serviceIs(ctx, 'managerHttps', true, { waitMs: 60_000 });
            if (!https.ok) return https;
            const { alarms } = await ctx.poll();
            const disk = alarms.filter((a) => a.kind === 'disk.usage' || a.kind === 'disk.reserveMissing');
            return disk.length === 0
              ? { ok: true, detail: `The reserve file is back (${byteText(Number(output.trim()))}), the apps are online and the disk alarm has cleared.` }
              : { ok: false, detail: `The reserve file is back, but ${disk.map((a) => a.cause).join(' ')}` };
          }
          if (Date.now() > until) {
            if (!legacy) return { ok: false, detail: 'The manager has not recreated the reserve file within a minute.' };
            const { alarms } = await ctx.poll();
            const disk = alarms.filter((a) => a.kind === 'disk.usage' || a.kind === 'disk.reserveMissing');
            return disk.length === 0
              ? { ok: true, detail: 'This platform had no reserve file before (a manager before 13r1 SR9 does not keep one); the disk alarm has cleared.' }
              : { ok: false, detail: `No reserve file, and ${disk.map((a) => a.cause).join(' ')}` };
          }
          await ctx.sleep(2_000);
        }
      },
      onFailure: 'If the file does not come back, less than 500 MB are free or the manager is older than 13r1 SR9. If the disk stays full, resize the VM disk.',
    },
  ],
};
