import { command, glob, withErrors } from '../remoteCommand';
import { input } from '../wizardInputs';
import type { PlanContext, StepContext, WizardDefinition } from '../wizardTypes';
import { AP } from './apCommands';
import { exists, serviceIs } from './stepChecks';

/** The folder the wiki's P10 names, and the one P1 names (usually the same folder seen through /var/log). */
const WIKI_DUMPS = '/mnt/sda2/log/core_dumps';
const VAR_LOG_DUMPS = '/var/log/core_dumps';

/** The folders to clear: the wiki's, and /var/log/core_dumps when it is another folder (known after the first step). */
const dumpFolders = (p: PlanContext) => (p.data.separateVarLog === true ? [WIKI_DUMPS, VAR_LOG_DUMPS] : [WIKI_DUMPS]);
const removeCommand = (folder: string) => withErrors(command('rm', '-f', glob(`${folder}/*/*`)));
const listCommand = (folders: readonly string[]) => command('find', ...folders, '-mindepth', '2', '-maxdepth', '2', '-type', 'f');

async function dumpFiles(ctx: StepContext, folders: readonly string[]): Promise<string[]> {
  const present: string[] = [];
  for (const folder of folders) if (await exists(ctx, folder)) present.push(folder);
  if (present.length === 0) return [];
  const { output } = await ctx.exec(listCommand(present), { quiet: true });
  return output.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('/'));
}

/** Device and inode: the same folder seen through a symlink or a bind mount gives the same. */
async function folderId(ctx: StepContext, path: string): Promise<string | null> {
  const { code, output } = await ctx.exec(command('stat', '-L', '-c', '%d:%i', path), { quiet: true });
  return code === 0 && /^\d+:\d+$/.test(output.trim()) ? output.trim() : null;
}

/** P10: old core dumps keep the manager from starting after an image update. */
export const clearCoreDumps: WizardDefinition = {
  id: 'clear-core-dumps',
  title: 'Webserver does not respond after an image update',
  summary: 'Old core dumps may keep the AP Manager from starting correctly after an image update: download them (checked with sha256), delete them and restart the manager, then check that the platform answers over HTTPS again.',
  reference: 'App Platform wiki: "Webserver doesn\'t respond after an image update" (admin-facts P10)',
  alarmKinds: ['service.webserver', 'service.managerHttps', 'disk.coreDumps'],
  inputs: [
    input('downloadFirst', 'Download the core dumps before they are deleted', 'choice', {
      options: [{ value: 'yes', label: 'Yes, download them first' }, { value: 'no', label: 'No, delete them' }],
      required: false,
      defaultValue: 'yes',
      help: 'Core dumps explain crashes; innovaphone support may ask for them. They are saved on this computer under downloads/.',
    }),
  ],
  preconditions: [
    {
      label: 'The core dump folder is there',
      async check(ctx) {
        if (await exists(ctx, WIKI_DUMPS)) return { ok: true, detail: `${WIKI_DUMPS} is there.` };
        return (await exists(ctx, VAR_LOG_DUMPS))
          ? { ok: true, detail: `${VAR_LOG_DUMPS} is there.` }
          : { ok: false, detail: `Neither ${WIKI_DUMPS} nor ${VAR_LOG_DUMPS} exists, so core dumps cannot be what blocks the manager. Read /var/log/apps/manager/ instead.` };
      },
    },
  ],
  steps: [
    {
      id: 'find',
      title: 'Find the core dumps',
      explanation: `Lists the core dumps in ${WIKI_DUMPS}, and in ${VAR_LOG_DUMPS} when /var/log is not /mnt/sda2/log.`,
      kind: 'check',
      commands: (p) => [{ command: listCommand(dumpFolders(p)) }],
      async run(ctx) {
        const varLog = await folderId(ctx, VAR_LOG_DUMPS);
        const separate = varLog !== null && varLog !== (await folderId(ctx, WIKI_DUMPS));
        ctx.remember('separateVarLog', separate);
        const files = await dumpFiles(ctx, separate ? [WIKI_DUMPS, VAR_LOG_DUMPS] : [WIKI_DUMPS]);
        ctx.remember('dumpsFound', files.length);
        for (const file of files.slice(0, 50)) ctx.say(file);
        if (files.length > 50) ctx.say(`… and ${files.length - 50} more.`);
      },
      verify: async (ctx) => ({
        ok: true,
        detail: ctx.data.dumpsFound === 0 ? 'There are no core dumps; the manager restart may still help.' : `${String(ctx.data.dumpsFound)} core dumps found${ctx.data.separateVarLog === true ? ` in ${WIKI_DUMPS} and ${VAR_LOG_DUMPS}` : ''}.`,
      }),
      onFailure: 'The folders could not be read. Check that you can log in over SSH and become root.',
    },
    {
      id: 'download',
      title: 'Download the core dumps',
      explanation: (p) => (p.inputs.downloadFirst === 'no' ? 'You chose to delete them without a copy.' : 'Copies the core dump folders to this computer, checked with sha256, before the next step deletes them.'),
      kind: 'check',
      commands: () => [],
      skip: async (ctx) => (ctx.inputs.downloadFirst === 'no' ? 'You chose to delete them without a copy.' : ctx.data.dumpsFound === 0 ? 'There are no core dumps to download.' : null),
      async run(ctx) {
        const saved = await ctx.download(dumpFolders(ctx));
        ctx.remember('downloadedTo', saved);
        ctx.say(`Saved in ${saved.join(', ')}.`);
      },
      verify: async (ctx) => (Array.isArray(ctx.data.downloadedTo) && ctx.data.downloadedTo.length > 0 ? { ok: true, detail: `Saved in ${ctx.data.downloadedTo.join(', ')}.` } : { ok: false, detail: 'Nothing was saved.' }),
      onFailure: 'The download failed; nothing was deleted. Resume to try again, or start the wizard anew and choose to delete them without a copy.',
    },
    {
      id: 'delete',
      title: 'Delete the core dumps',
      explanation: (p) => `Deletes the old core dumps as the wiki says (rm -f ${WIKI_DUMPS}/*/*${p.data.separateVarLog === true ? `, and the same in ${VAR_LOG_DUMPS}` : ''}). They may prevent the manager from starting correctly.`,
      kind: 'command',
      destructive: true,
      commands: (p) => dumpFolders(p).map((f) => ({ command: removeCommand(f) })),
      skip: async (ctx) => (ctx.data.dumpsFound === 0 ? 'There are no core dumps to delete.' : null),
      async run(ctx) {
        // rm reports the sub-folders it leaves alone; only the files go, as on the wiki.
        for (const folder of dumpFolders(ctx)) await ctx.exec(removeCommand(folder));
      },
      async verify(ctx) {
        const left = await dumpFiles(ctx, dumpFolders(ctx));
        return left.length === 0 ? { ok: true, detail: 'The core dumps are deleted.' } : { ok: false, detail: `${left.length} core dumps are still there (${left.slice(0, 3).join(', ')}).` };
      },
      onFailure: 'Some files could not be deleted. Check the output, and that /mnt/sda2 is not read-only (dmesg shows if ext4 remounted it).',
    },
    {
      id: 'restart-manager',
      title: 'Restart the manager',
      explanation: 'The manager starts the webserver and the apps again; this takes a while on a loaded platform.',
      kind: 'command',
      commands: () => [{ command: AP.managerRestart }],
      verify: (ctx) => serviceIs(ctx, 'manager', true, { waitMs: 120_000 }),
      onFailure: 'The manager did not start. Read /var/log/apps/manager/; if it reports "libcrypto.so.3", run "Manager does not start after an update".',
    },
    {
      id: 'reach',
      title: 'Check that the App Platform answers',
      explanation: 'The wiki: "Check if you can now reach the App Platform again." The console asks the AP Manager over HTTPS.',
      kind: 'check',
      commands: () => [],
      async verify(ctx) {
        const https = await serviceIs(ctx, 'managerHttps', true, { waitMs: 90_000 });
        if (!https.ok) return https;
        const webserver = await serviceIs(ctx, 'webserver', true, { waitMs: 30_000 });
        if (!webserver.ok) return webserver;
        const { alarms } = await ctx.poll();
        const left = alarms.filter((a) => ['service.manager', 'service.webserver', 'service.managerHttps', 'disk.coreDumps'].includes(a.kind));
        return left.length === 0 ? { ok: true, detail: 'The AP Manager answers over HTTPS again and the webserver runs.' } : { ok: false, detail: left.map((a) => a.cause).join(' ') };
      },
      onFailure: 'The platform still does not answer over HTTPS. Read /var/log/apps/manager/ and /var/log/apps/webserver/; if the manager reports "libcrypto.so.3", run "Manager does not start after an update".',
    },
  ],
};
