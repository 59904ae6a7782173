import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { AP_PATHS } from '../../platform/platformPaths';
import { command, withErrors, writeTo } from '../remoteCommand';
import { input } from '../wizardInputs';
import type { PlanContext, StepContext, WizardDefinition } from '../wizardTypes';
import { AP } from './apCommands';
import { binaryArch, binaryPath, binaryUrl, FIX_BUILD, LABEL_AFTER_FIX, MISMATCH_ERROR, showsMismatch } from './managerMismatchChecks';
import type { ApBinary } from './managerMismatchChecks';
import { exists, serviceIs } from './stepChecks';

const BINARIES: readonly ApBinary[] = ['manager', 'webserver'];
const FILE_INPUT: Record<ApBinary, string> = { manager: 'managerFile', webserver: 'webserverFile' };
/** A manager that does start is stopped again after this long: the diagnosis only needs its first words. */
const DIAGNOSE_SECONDS = '20';
const diagnose = withErrors(command('timeout', DIAGNOSE_SECONDS, AP_PATHS.manager));
const uploadName = (binary: ApBinary) => `${binary}-${FIX_BUILD}`;
const uploaded = (binary: ApBinary) => `/home/admin/${uploadName(binary)}`;

const fromFiles = (p: PlanContext) => p.inputs.source === 'files';
const localFile = (p: PlanContext, binary: ApBinary) => p.inputs[FILE_INPUT[binary]]?.trim() ?? '';

function placeCommands(p: PlanContext) {
  if (fromFiles(p)) return BINARIES.map((b) => ({ command: command('mv', '-f', uploaded(b), binaryPath(b)) }));
  const formFactor = p.status?.formFactor;
  if (!formFactor) return [];
  return BINARIES.map((b) => ({ command: command('wget', '--no-check-certificate', '-O', binaryPath(b), binaryUrl(binaryArch(formFactor), b)) }));
}

function localSha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

async function remoteSha256(ctx: StepContext, path: string): Promise<string | null> {
  const { code, output } = await ctx.exec(command('sha256sum', path), { quiet: true });
  return code === 0 ? (/^[0-9a-f]{64}/.exec(output.trim())?.[0] ?? null) : null;
}

/** P9: a manager built for a newer image cannot load libcrypto.so.3; put the 14r1 build 1410593 back. */
export const managerMismatch: WizardDefinition = {
  id: 'manager-mismatch',
  title: 'Manager does not start after an update',
  summary: `Finds the libcrypto.so.3 error of a manager that cannot run on the current image, puts the manager and webserver of build ${FIX_BUILD} in place (downloaded on the platform or from files you provide), lets the manager update the image again and starts it.`,
  reference: 'App Platform wiki 14r2: "It still doesn\'t start" (admin-facts P9)',
  alarmKinds: ['service.manager'],
  inputs: [
    input('source', 'Where the manager and webserver come from', 'choice', {
      options: [
        { value: 'download', label: `The platform downloads build ${FIX_BUILD} from webbuild.innovaphone.com` },
        { value: 'files', label: 'Files I provide from this computer' },
      ],
      required: false,
      defaultValue: 'download',
      help: 'The download needs the platform to reach https://webbuild.innovaphone.com. Without it, get the two files for the right architecture (VM x86_64, IPx10/IPx11 arm, IPx13 arm64) and pick them here.',
    }),
    input('managerFile', `The manager of build ${FIX_BUILD} (file on this computer)`, 'localFile', { required: false }),
    input('webserverFile', `The webserver of build ${FIX_BUILD} (file on this computer)`, 'localFile', { required: false }),
  ],
  checkInputs(p) {
    if (!fromFiles(p)) {
      return p.status?.formFactor ? null : `The form factor of ${p.platform.name} is not known yet, so the download cannot be chosen. Wait for the platform to be polled, or provide the files yourself.`;
    }
    for (const binary of BINARIES) {
      const path = localFile(p, binary);
      if (!path) return `Pick the ${binary} file on this computer.`;
      try {
        if (!statSync(path).isFile()) return `${path} is not a file; pick the ${binary} file.`;
      } catch {
        return `${path} cannot be read on this computer; pick the ${binary} file again.`;
      }
    }
    return null;
  },
  preconditions: [
    {
      label: 'The manager program is installed',
      check: async (ctx) => ((await exists(ctx, AP_PATHS.manager)) ? { ok: true, detail: `${AP_PATHS.manager} is there.` } : { ok: false, detail: `${AP_PATHS.manager} is missing. Boot the ramdisk to repeat the image update (wizard steps of "AP doesn't start after an update").` }),
    },
  ],
  steps: [
    {
      id: 'stop-manager',
      title: 'Stop the manager',
      explanation: 'The manager is stopped before it is started by hand to see its error. Every app stops with it; they are down already when the manager does not start.',
      kind: 'command',
      destructive: true,
      commands: () => [{ command: AP.managerStop }],
      verify: (ctx) => serviceIs(ctx, 'manager', false),
      onFailure: 'The manager did not stop. Look at /var/log/apps/manager/ and try again.',
    },
    {
      id: 'diagnose',
      title: 'Run the manager by hand',
      explanation: `Starts ${AP_PATHS.manager} in the foreground. If it prints "${MISMATCH_ERROR}", the manager cannot run on the current image: the update was incomplete or done in the wrong order. A manager that does start is stopped again after ${DIAGNOSE_SECONDS} s.`,
      kind: 'check',
      commands: () => [{ command: diagnose }],
      async run(ctx) {
        const { output } = await ctx.exec(diagnose);
        ctx.remember('mismatch', showsMismatch(output));
      },
      verify: async (ctx) =>
        ctx.data.mismatch === true
          ? { ok: true, detail: `The manager reports "${MISMATCH_ERROR}": it does not fit the image.` }
          : { ok: false, detail: `The manager does not report "${MISMATCH_ERROR}", so this is not the manager/image mismatch.` },
      onFailure: 'Start the manager again (/etc/init.d/S92manager start) and read /var/log/apps/manager/. If the platform does not start after an update, boot it into the ramdisk to apply the image update again; if the webserver does not answer, run "Webserver does not respond after an image update".',
    },
    {
      id: 'replace-binaries',
      title: `Put the manager and webserver of build ${FIX_BUILD} in place`,
      explanation: (p) => {
        if (fromFiles(p)) return `Your files are copied to /home/admin (checked with sha256) and moved over ${binaryPath('manager')} and ${binaryPath('webserver')} as root.`;
        const formFactor = p.status?.formFactor;
        const arch = formFactor ? binaryArch(formFactor) : null;
        return arch
          ? `The platform downloads the ${arch} build (${formFactor === 'vm' ? 'VM' : formFactor === 'gateway-arm64' ? 'IPx13 gateway' : 'IPx10/IPx11 gateway'}) with wget over ${binaryPath('manager')} and ${binaryPath('webserver')}. It needs to reach webbuild.innovaphone.com.`
          : 'The form factor is not known yet, so the download cannot be chosen.';
      },
      kind: 'command',
      destructive: true,
      commands: placeCommands,
      async run(ctx) {
        if (fromFiles(ctx)) {
          for (const binary of BINARIES) {
            const remote = await ctx.upload(localFile(ctx, binary), uploadName(binary));
            ctx.say(`Copied ${localFile(ctx, binary)} to ${remote}.`);
          }
        }
        const commands = placeCommands(ctx);
        if (commands.length === 0) throw new Error(`The form factor of ${ctx.platform.name} is not known, so the right build cannot be chosen.`);
        for (const { command: c } of commands) await ctx.must(c, { timeoutMs: 5 * 60_000 });
      },
      async verify(ctx) {
        for (const binary of BINARIES) {
          if (fromFiles(ctx)) {
            const want = localSha256(localFile(ctx, binary));
            const got = await remoteSha256(ctx, binaryPath(binary));
            if (got !== want) return { ok: false, detail: `${binaryPath(binary)} is not your file (sha256 ${got ?? 'unreadable'}, expected ${want}).` };
          } else if ((await ctx.exec(command('test', '-s', binaryPath(binary)), { quiet: true })).code !== 0) {
            return { ok: false, detail: `${binaryPath(binary)} is empty or missing after the download.` };
          }
        }
        return { ok: true, detail: `The manager and webserver of build ${FIX_BUILD} are in place.` };
      },
      onFailure: 'If wget fails, the platform cannot reach webbuild.innovaphone.com: download the two files on a computer that can and run this wizard again with "Files I provide". The old programs are no use on this image either way.',
    },
    {
      id: 'permissions',
      title: 'Make them root-owned and executable',
      explanation: 'chown root:root and chmod +x on both programs, as the wiki says.',
      kind: 'command',
      commands: () => [
        ...BINARIES.map((b) => ({ command: command('chown', 'root:root', binaryPath(b)) })),
        ...BINARIES.map((b) => ({ command: command('chmod', '+x', binaryPath(b)) })),
      ],
      async verify(ctx) {
        for (const binary of BINARIES) {
          const { output } = await ctx.exec(command('stat', '-c', '%U:%G %A', binaryPath(binary)), { quiet: true });
          const [owner = '', mode = ''] = output.trim().split(' ');
          if (owner !== 'root:root' || mode[3] !== 'x') return { ok: false, detail: `${binaryPath(binary)} is ${output.trim() || 'unreadable'}; it must be root:root and executable.` };
        }
        return { ok: true, detail: 'Both programs are root:root and executable.' };
      },
      onFailure: 'Check that you are root (su root) and run the step again.',
    },
    {
      id: 'label',
      title: `Set the image label to ${LABEL_AFTER_FIX}`,
      explanation: `Writes ${LABEL_AFTER_FIX} into ${AP_PATHS.label}: this allows the manager to perform an image update again.`,
      kind: 'command',
      commands: () => [{ command: writeTo(command('echo', LABEL_AFTER_FIX), AP_PATHS.label) }],
      async run(ctx) {
        const before = await ctx.exec(command('cat', AP_PATHS.label), { quiet: true });
        if (ctx.data.labelBefore === undefined) ctx.remember('labelBefore', before.output.trim());
        await ctx.must(writeTo(command('echo', LABEL_AFTER_FIX), AP_PATHS.label));
      },
      async verify(ctx) {
        const { output } = await ctx.exec(command('cat', AP_PATHS.label), { quiet: true });
        return output.trim() === LABEL_AFTER_FIX
          ? { ok: true, detail: `${AP_PATHS.label} reads ${LABEL_AFTER_FIX}${typeof ctx.data.labelBefore === 'string' ? ` (it was ${ctx.data.labelBefore})` : ''}.` }
          : { ok: false, detail: `${AP_PATHS.label} reads "${output.trim()}".` };
      },
      onFailure: `Check that ${AP_PATHS.label} can be written (on an IPx13, see where the first partition is mounted with mount).`,
    },
    {
      id: 'start-manager',
      title: 'Start the manager',
      explanation: 'The manager starts with the matching build and starts the apps; this takes a while on a loaded platform.',
      kind: 'command',
      commands: () => [{ command: AP.managerStart }],
      async verify(ctx) {
        const manager = await serviceIs(ctx, 'manager', true, { waitMs: 120_000 });
        return manager.ok ? serviceIs(ctx, 'managerHttps', true, { waitMs: 60_000 }) : manager;
      },
      onFailure: 'The manager did not start. Run it by hand again (/apps/manager/manager) to see its error, and read /var/log/apps/manager/.',
    },
    {
      id: 'update-order',
      title: 'Update the image, then the apps',
      explanation: 'The mismatch comes from an incomplete update or the wrong order. Next, in the AP Manager: perform an image update first (Settings, Update), and only afterwards update your apps again.',
      kind: 'check',
      commands: () => [],
      async verify(ctx) {
        const { status, alarms } = await ctx.poll();
        const left = alarms.filter((a) => a.kind === 'service.manager' || a.kind === 'service.managerHttps');
        if (left.length > 0) return { ok: false, detail: left.map((a) => a.cause).join(' ') };
        return { ok: true, detail: `The AP Manager answers${status?.build ? ` on image ${status.build}` : ''}. Now perform the image update, and afterwards update your apps again.` };
      },
      onFailure: 'The manager stopped again: read /var/log/apps/manager/ and run this wizard again.',
    },
  ],
};
