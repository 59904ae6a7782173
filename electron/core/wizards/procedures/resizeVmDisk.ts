import { byteText } from '../../format/byteText';
import { BUILDS, dangerousResizeBuild } from '../../platform/buildGates';
import { AP_PATHS } from '../../platform/platformPaths';
import { andThen, command } from '../remoteCommand';
import type { WizardDefinition } from '../wizardTypes';
import { AP } from './apCommands';
import { formFactorText, mountedAt, mountsOf, superblock } from './filesystemChecks';
import { dataDisk, diskText, serviceIs } from './stepChecks';

/** The wiki's warning, word for word (admin-facts 1e). */
export const RESIZE_WARNING =
  "Do NOT resize if you're running an App Platform version higher than 110000 and lower than 110027 or 130007 and lower than 130015 or your data will be lost! Please update your App Platform to version 130015 or higher before you start resizing your disk.";

const DATA_DEVICE = '/dev/sda2';
const RESIZE = andThen(command('cd', '/home/root'), command('/home/root/install_step1.sh', 'log.txt', 'resize'));
const numberOr = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback);

/** P4: resize the VM disk (VM only; gateways cannot). */
export const resizeVmDisk: WizardDefinition = {
  id: 'resize-vm-disk',
  title: 'Resize the VM disk',
  summary: 'Stop the VM, expand its disk in the hypervisor, boot the rescue system and run install_step1.sh log.txt resize, so /dev/sda2 grows onto the new space. VMs only, and never on the image builds the wiki warns about.',
  reference: 'App Platform wiki: "Resize the VM disk" (admin-facts P4)',
  alarmKinds: ['disk.usage', 'disk.timeToFull'],
  inputs: [],
  preconditions: [
    {
      label: 'The platform is a VM',
      async check(ctx) {
        const { status } = await ctx.poll();
        const form = status?.formFactor ?? null;
        if (form === 'vm') return { ok: true, detail: 'This is a VM.' };
        if (form === null) return { ok: false, detail: 'The console could not tell whether this is a VM. Poll the platform again once it answers over SSH.' };
        return { ok: false, detail: `This is ${formFactorText(form)}: a gateway's disk cannot be resized. Free space instead (wizard "Free disk space").` };
      },
    },
    {
      label: 'The image build is safe to resize',
      async check(ctx) {
        const { output, code } = await ctx.exec(command('cat', AP_PATHS.label), { quiet: true });
        const build = Number(output.trim());
        if (code !== 0 || !Number.isInteger(build)) return { ok: false, detail: `${AP_PATHS.label} gives no image build, so the console cannot rule out the builds that lose data. ${RESIZE_WARNING}` };
        return dangerousResizeBuild(build) ? { ok: false, detail: `Image build ${build}. ${RESIZE_WARNING}` } : { ok: true, detail: `Image build ${build} is safe to resize (${BUILDS.resizeSafeFrom} or later, or outside the ranges the wiki warns about).` };
      },
    },
  ],
  steps: [
    {
      id: 'size-before',
      title: 'Note the size of /dev/sda2',
      explanation: 'df -h shows the data partition now; the last step checks that it has grown.',
      kind: 'check',
      commands: () => [{ command: AP.dfHuman }],
      async run(ctx) {
        await ctx.must(AP.dfHuman);
        ctx.remember('sizeBefore', (await dataDisk(ctx)).sizeBytes);
        ctx.remember('fsBytesBefore', (await superblock(ctx, DATA_DEVICE)).bytes);
      },
      verify: async (ctx) => ({ ok: true, detail: `/mnt/sda2: ${diskText(await dataDisk(ctx))}.` }),
      onFailure: 'df did not answer: check that you can log in over SSH.',
    },
    {
      id: 'expand-disk',
      title: 'Stop the VM and expand its disk',
      explanation: 'The disk grows in the hypervisor (VMware, Hyper-V, Proxmox); the App Platform then grows /dev/sda2 onto the new space. Make a snapshot or a backup first.',
      kind: 'manual',
      destructive: true,
      commands: () => [],
      manual: (p) => ({
        instructions: ['Shut down the VM in the hypervisor.', 'Make a snapshot or a backup of the VM.', 'Expand its virtual disk to the new size.'],
        values: [
          { label: 'VM', value: p.platform.name },
          { label: 'Data partition now', value: typeof p.data.sizeBefore === 'number' ? byteText(p.data.sizeBefore) : 'see the first step' },
        ],
      }),
      verify: async () => ({ ok: true, detail: 'You expanded the disk in the hypervisor; the console sees the result after the resize.' }),
      onFailure: 'Expand the disk in the hypervisor, then confirm again.',
    },
    {
      id: 'rescue-boot',
      title: 'Boot the rescue system',
      explanation: 'The resize runs in the rescue/setup system, where /dev/sda2 is not in use.',
      kind: 'manual',
      commands: () => [],
      manual: () => ({
        instructions: ['Start the VM.', 'In the hypervisor console, pick the first boot entry (rescue/setup).', 'Log in as root.', 'Confirm once it has started; the console runs the resize over SSH.'],
        values: [
          { label: 'Boot entry', value: 'the first one (rescue/setup)' },
          { label: 'User', value: 'root' },
          { label: 'Password', value: 'iplinux' },
        ],
      }),
      async verify(ctx) {
        const mounts = await mountsOf(ctx, DATA_DEVICE);
        return mounts.length === 0 ? { ok: true, detail: `The console reaches the rescue system; ${DATA_DEVICE} is not mounted.` } : { ok: false, detail: `${DATA_DEVICE} is mounted on ${mounts.join(', ')}: this is not the rescue system.` };
      },
      onFailure: 'Start the first boot entry (rescue/setup) and wait until the console reaches it over SSH, then confirm again.',
    },
    {
      id: 'resize',
      title: 'Resize /dev/sda2',
      explanation: 'The image\'s own script grows the partition and its file system: /home/root/install_step1.sh log.txt resize. Its log is /home/root/log.txt.',
      kind: 'command',
      destructive: true,
      idempotent: false,
      commands: () => [{ command: RESIZE }],
      async verify(ctx) {
        const { bytes } = await superblock(ctx, DATA_DEVICE);
        const before = numberOr(ctx.data.fsBytesBefore, 0);
        return bytes !== null && bytes > before
          ? { ok: true, detail: `The file system on ${DATA_DEVICE} has grown from ${byteText(before)} to ${byteText(bytes)}.` }
          : { ok: false, detail: `The file system on ${DATA_DEVICE} has not grown (${bytes === null ? 'unreadable' : byteText(bytes)}). Did the disk grow in the hypervisor?` };
      },
      onFailure: 'Read /home/root/log.txt. If the disk did not grow, expand it in the hypervisor and run the resize again.',
    },
    {
      id: 'reboot',
      title: 'Let the VM reboot',
      explanation: 'The VM reboots automatically after a successful resize and starts normally.',
      kind: 'manual',
      commands: () => [],
      manual: () => ({
        instructions: ['Wait until the VM has rebooted. If it stays in the rescue system, reboot it and let it start the normal (default) boot entry.'],
        values: [{ label: 'Boot entry', value: 'the normal (default) one' }],
      }),
      async verify(ctx) {
        if (!(await mountedAt(ctx, AP_PATHS.dataMount))) return { ok: false, detail: 'The data partition is not mounted at /mnt/sda2: the VM has not booted normally yet.' };
        const postgres = await serviceIs(ctx, 'postgres', true, { waitMs: 120_000 });
        return postgres.ok ? serviceIs(ctx, 'manager', true, { waitMs: 120_000 }) : postgres;
      },
      onFailure: 'Reboot the VM and start the normal boot entry; if it keeps starting the rescue system, see "VM always boots into rescue".',
    },
    {
      id: 'size-after',
      title: 'Check the new size',
      explanation: 'df -h must show a larger /dev/sda2 than before.',
      kind: 'check',
      commands: () => [{ command: AP.dfHuman }],
      run: async (ctx) => void (await ctx.must(AP.dfHuman)),
      async verify(ctx) {
        const df = await dataDisk(ctx);
        const before = numberOr(ctx.data.sizeBefore, Infinity);
        if (!(df.sizeBytes > before)) return { ok: false, detail: `/mnt/sda2 is ${byteText(df.sizeBytes)}, not larger than the ${byteText(before)} before.` };
        const https = await serviceIs(ctx, 'managerHttps', true, { waitMs: 60_000 });
        return https.ok ? { ok: true, detail: `/mnt/sda2 has grown from ${byteText(before)} to ${byteText(df.sizeBytes)} (${diskText(df)}), and the AP Manager answers.` } : https;
      },
      onFailure: 'Read /home/root/log.txt; run the resize again from the rescue system if it did not finish.',
    },
  ],
};
