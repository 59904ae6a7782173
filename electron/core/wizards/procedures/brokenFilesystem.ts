import { command, pipeline, withErrors } from '../remoteCommand';
import type { PlanContext, StepContext, WizardDefinition } from '../wizardTypes';
import { blockDevice, e2fsckRepaired, formFactorText, mountedAt, mountsOf, recoveryDevices, sbin, superblock } from './filesystemChecks';
import { serviceIs } from './stepChecks';

const REPLACE = 'If e2fsck cannot repair it, the wiki says: replace the SSD (or the VM disk), re-install the App Platform and any applications and restore your backups.';
const isGateway = (p: PlanContext) => p.status?.formFactor === 'gateway-arm' || p.status?.formFactor === 'gateway-arm64';
const devicesOf = (p: PlanContext) => recoveryDevices(p.status?.formFactor ?? null);
const fsck = (device: string) => withErrors(sbin('e2fsck', '-p', '-f', device));

async function unmounted(ctx: StepContext): Promise<{ ok: boolean; detail: string }> {
  const { data, root } = devicesOf(ctx);
  const busy: string[] = [];
  for (const device of [data, root]) for (const mount of await mountsOf(ctx, device)) busy.push(`${device} on ${mount}`);
  return busy.length === 0
    ? { ok: true, detail: `The console reaches the rescue system and neither ${data} nor ${root} is mounted.` }
    : { ok: false, detail: `Still mounted: ${busy.join(', ')}. This is not the rescue system.` };
}

/** P5: a broken ext4 file system, repaired with e2fsck from the rescue system (VM) or the ramdisk (gateway). */
export const brokenFilesystem: WizardDefinition = {
  id: 'broken-filesystem',
  title: 'Repair a broken file system',
  summary: 'Boot the rescue system (VM: first grub entry; gateway: ramdisk from the gateway web UI), run e2fsck -p -f on the data and root partitions, then boot normally again.',
  reference: 'App Platform wiki: "Broken file system" (admin-facts P5)',
  alarmKinds: [],
  inputs: [],
  preconditions: [
    {
      label: 'The form factor is known',
      async check(ctx) {
        const { status } = await ctx.poll();
        const form = status?.formFactor ?? null;
        if (form === null) return { ok: false, detail: 'The console could not tell whether this is a VM or a gateway, so it cannot name the partitions. Poll the platform again once it answers over SSH.' };
        const { data, root } = recoveryDevices(form);
        return { ok: true, detail: `This is ${formFactorText(form)}: the data partition is ${data}, the root partition ${root}.` };
      },
    },
  ],
  steps: [
    {
      id: 'look',
      title: 'Look at the file system',
      explanation: (p) => `Reads the state of ${devicesOf(p).data} and the ext4 errors in /var/log/messages (e.g. "initial error at … ext4_journal_start_sb").`,
      kind: 'check',
      commands: (p) => [{ command: withErrors(sbin('dumpe2fs', '-h', devicesOf(p).data)) }, { command: pipeline(command('grep', '-i', 'ext4', '/var/log/messages'), command('tail', '-n', '20')) }],
      async run(ctx) {
        const { data } = devicesOf(ctx);
        const { state } = await superblock(ctx, data);
        ctx.remember('stateBefore', state);
        ctx.say(`${data}: file system state "${state ?? 'unknown'}".`);
        await ctx.exec(pipeline(command('grep', '-i', 'ext4', '/var/log/messages'), command('tail', '-n', '20')));
      },
      verify: async (ctx) => ({ ok: true, detail: `${devicesOf(ctx).data} reports "${String(ctx.data.stateBefore ?? 'unknown')}".` }),
      onFailure: 'The file system could not be read; continue with the rescue boot.',
    },
    {
      id: 'rescue',
      title: 'Boot the rescue system',
      explanation: (p) =>
        isGateway(p)
          ? 'The gateway starts the App Platform from its ramdisk, so the partitions are not in use and e2fsck may repair them. This is done in the gateway web UI, App Platform/General.'
          : 'The VM starts its rescue system (the first grub entry), so the partitions are not in use and e2fsck may repair them. This is done in the hypervisor console.',
      kind: 'manual',
      destructive: true,
      commands: () => [],
      manual(p) {
        const { root } = devicesOf(p);
        if (isGateway(p)) {
          return {
            instructions: [
              'Open the gateway web UI, App Platform/General.',
              'Terminate Linux: press Stop.',
              `Kernel command line: change root=${root} to root=/dev/ram0.`,
              'Initrd file: ramdisk.ext2.xz.',
              'Ramdisk size: 100000.',
              'Press Start and wait until the App Platform answers over SSH (user root, password iplinux, or user admin, password ipapps).',
            ],
            values: [
              { label: 'Kernel command line', value: 'root=/dev/ram0' },
              { label: 'Initrd file', value: 'ramdisk.ext2.xz' },
              { label: 'Ramdisk size', value: '100000' },
            ],
          };
        }
        return {
          instructions: ['Restart the VM from the hypervisor.', 'In the hypervisor console, pick the first grub entry (rescue).', 'Wait until it answers over SSH, then confirm.'],
          values: [{ label: 'Grub entry', value: 'the first one (rescue)' }],
        };
      },
      verify: unmounted,
      onFailure: 'The console must reach the rescue system over SSH with both partitions unmounted. Check the values you entered and that it has started, then resume.',
    },
    {
      id: 'fsck',
      title: 'Repair the partitions with e2fsck',
      explanation: (p) => `Runs e2fsck -p -f on ${devicesOf(p).data} (data) and ${devicesOf(p).root} (root), as the wiki says. A partition that is not there is left out, and one that is mounted is refused: e2fsck on a mounted file system damages it.`,
      kind: 'command',
      destructive: true,
      commands: (p) => [{ command: fsck(devicesOf(p).data) }, { command: fsck(devicesOf(p).root) }],
      async run(ctx) {
        const checked: string[] = [];
        for (const device of [devicesOf(ctx).data, devicesOf(ctx).root]) {
          if (!(await blockDevice(ctx, device))) {
            ctx.say(`${device} does not exist on this platform, so there is nothing to check there.`);
            continue;
          }
          const mounts = await mountsOf(ctx, device);
          if (mounts.length > 0) throw new Error(`${device} is mounted on ${mounts.join(', ')}; e2fsck would damage it. Boot the rescue system first.`);
          const { code } = await ctx.exec(fsck(device));
          if (!e2fsckRepaired(code)) throw new Error(`e2fsck could not repair ${device} (exit code ${code}).`);
          checked.push(device);
        }
        if (checked.length === 0) throw new Error('Neither partition exists on this platform.');
        ctx.remember('checked', checked);
      },
      async verify(ctx) {
        const checked = Array.isArray(ctx.data.checked) ? ctx.data.checked : [];
        const states = await Promise.all(checked.map(async (device) => ({ device, state: (await superblock(ctx, device)).state })));
        const dirty = states.filter((s) => s.state !== 'clean');
        const missing = [devicesOf(ctx).data, devicesOf(ctx).root].filter((d) => !checked.includes(d));
        const note = missing.length > 0 ? ` ${missing.join(' and ')} ${missing.length === 1 ? 'does' : 'do'} not exist here and ${missing.length === 1 ? 'was' : 'were'} not checked.` : '';
        return dirty.length === 0 && checked.length > 0
          ? { ok: true, detail: `${checked.join(' and ')} ${checked.length === 1 ? 'is' : 'are'} clean.${note}` }
          : { ok: false, detail: `Not clean after e2fsck: ${dirty.map((s) => `${s.device} (${s.state ?? 'unreadable'})`).join(', ')}.` };
      },
      onFailure: `Run e2fsck -f on the device by hand in the rescue system to answer its questions. ${REPLACE}`,
    },
    {
      id: 'boot-normally',
      title: 'Boot normally',
      explanation: (p) => (isGateway(p) ? 'The gateway starts the App Platform from its root partition again; this is done in the gateway web UI.' : 'The VM boots its normal system again.'),
      kind: 'manual',
      commands: () => [],
      manual(p) {
        const { root } = devicesOf(p);
        if (isGateway(p)) {
          return {
            instructions: ['Open the gateway web UI, App Platform/General.', 'Press Stop.', `Kernel command line: root=${root}.`, 'Initrd file: clear it.', 'Ramdisk size: clear it.', 'Press Start.'],
            values: [
              { label: 'Kernel command line', value: `root=${root}` },
              { label: 'Initrd file', value: '(empty)' },
              { label: 'Ramdisk size', value: '(empty)' },
            ],
          };
        }
        return { instructions: ['Reboot the VM and let it start the normal (default) grub entry.'], values: [{ label: 'Grub entry', value: 'the normal (default) one' }] };
      },
      async verify(ctx) {
        if (!(await mountedAt(ctx, '/mnt/sda2'))) return { ok: false, detail: 'The data partition is not mounted at /mnt/sda2: the platform has not booted normally.' };
        const postgres = await serviceIs(ctx, 'postgres', true, { waitMs: 120_000 });
        return postgres.ok ? serviceIs(ctx, 'manager', true, { waitMs: 120_000 }) : postgres;
      },
      onFailure: 'Check the Kernel command line (or the grub entry) and start it again. If it keeps booting into the rescue system, see "VM always boots into rescue".',
    },
    {
      id: 'verify',
      title: 'Check the file system and the services',
      explanation: 'The data partition must be clean and PostgreSQL, the manager and its HTTPS must be up again.',
      kind: 'check',
      commands: (p) => [{ command: withErrors(sbin('dumpe2fs', '-h', devicesOf(p).data)) }],
      async verify(ctx) {
        const { data } = devicesOf(ctx);
        const { state } = await superblock(ctx, data);
        if (state !== 'clean') return { ok: false, detail: `${data} reports "${state ?? 'unreadable'}".` };
        const https = await serviceIs(ctx, 'managerHttps', true, { waitMs: 60_000 });
        if (!https.ok) return https;
        const { alarms } = await ctx.poll();
        const service = alarms.filter((a) => a.kind.startsWith('service.'));
        return service.length === 0
          ? { ok: true, detail: `${data} is clean and the services are up.` }
          : { ok: false, detail: `${data} is clean, but: ${service.map((a) => a.cause).join(' ')}` };
      },
      onFailure: `If errors come back, ${REPLACE.charAt(0).toLowerCase()}${REPLACE.slice(1)}`,
    },
  ],
};
