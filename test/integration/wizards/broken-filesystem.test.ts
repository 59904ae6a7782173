import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WizardRun } from '../../../electron/core/wizards/wizardWire';
import { dirtyFilesystem, filesystemState } from '../../lab/faults';
import { inPlatform } from '../../lab/platformNamespace';
import { normalBoot, rescueBoot, rootDeviceOf, rootPartitionState } from '../../lab/rescueBoot';
import { FleetSpec } from '../../lab/labSpec';
import { isRoot } from '../connect/connectLab';
import { activeAlarms, auditOf, call, expectDone, expectNoSecret, runToEnd, startWizard, startWizardLab, step } from './wizardLab';
import type { WizardLab } from './wizardLab';

const VM = 'fs-vm';
const GW = 'fs-gw';
const GW32 = 'fs-gw32';
const withInstance = { instances: [{ domain: 'example.com', name: 'app1', sizeMiB: 1 }] };

describe.skipIf(!isRoot)('broken-filesystem against the lab', () => {
  let lab: WizardLab;

  beforeAll(async () => {
    lab = await startWizardLab(
      FleetSpec.parse({
        platforms: [
          { name: VM, kind: 'full', diskMiB: 128, ...withInstance },
          { name: GW, kind: 'full', diskMiB: 128, formFactor: 'gateway-arm64', sshServer: 'dropbear' },
          { name: GW32, kind: 'full', diskMiB: 128, formFactor: 'gateway-arm', sshServer: 'dropbear' },
        ],
      }),
    );
  }, 300_000);
  afterAll(async () => lab?.stop());

  /** The rescue boot, with errors on the root partition too, and the normal boot. */
  const labBoot = (name: string, device: string) => async (stepId: string) => {
    if (stepId === 'rescue') {
      await rescueBoot(name, device);
      await dirtyFilesystem(name, rootDeviceOf(device));
    }
    if (stepId === 'boot-normally') await normalBoot(name, device);
  };

  it('VM: rescue boot, e2fsck on the data and root partitions, boot normally, and it survives a console restart in between', async () => {
    await dirtyFilesystem(VM, 'sda2');
    expect(await filesystemState(VM, 'sda2')).not.toBe('clean');
    const id = lab.ids[VM] as string;
    const start = await startWizard(lab.engine, 'broken-filesystem', id);
    expect(start.state, start.message ?? '').toBe('ready');
    const rescue = start.steps.find((s) => s.id === 'rescue');
    expect(rescue?.kind).toBe('manual');
    expect(rescue?.manual?.instructions.join(' ')).toContain('first grub entry (rescue)');
    expect(start.steps.find((s) => s.id === 'fsck')?.commands.map((c) => c.text)).toEqual([
      "env 'PATH=/usr/sbin:/usr/bin:/sbin:/bin' e2fsck -p -f /dev/sda2 2>&1",
      "env 'PATH=/usr/sbin:/usr/bin:/sbin:/bin' e2fsck -p -f /dev/sda3 2>&1",
    ]);

    let run = await step(lab.engine, start);
    await labBoot(VM, 'sda2')('rescue');
    expect(await filesystemState(VM, 'sda3')).not.toBe('clean');
    run = await step(lab.engine, run);
    expect(run.steps[1]?.state, run.steps[1]?.outcome ?? '').toBe('done');

    // The console stops here and starts again: the run is read back and resumed.
    const engine = await lab.restart();
    const resumed = await call<WizardRun>(engine, 'wizards.resume', { runId: run.runId });
    expect(resumed.ok, resumed.error?.message).toBe(true);
    expect(resumed.result.state).toBe('ready');
    expect(resumed.result.steps[resumed.result.current]?.id).toBe('fsck');
    run = await runToEnd(engine, resumed.result, labBoot(VM, 'sda2'));
    expectDone(run);
    expect(run.steps.find((s) => s.id === 'fsck')?.outcome).toContain('/dev/sda2 and /dev/sda3 are clean');

    expect(await filesystemState(VM, 'sda2')).toBe('clean');
    expect(await rootPartitionState(VM)).toBe('clean');
    expect((await inPlatform(VM, ['findmnt', '-n', '-o', 'SOURCE', '/mnt/sda2'])).stdout.trim()).toBe('/dev/sda2');
    expect((await inPlatform(VM, ['runuser', '-u', 'postgres', '--', 'psql', '-X', '-A', '-t', '-d', 'example.com_app1', '-c', 'SELECT count(*) > 0 FROM data'])).stdout.trim()).toBe('t');
    await call(engine, 'monitor.pollNow', { platformIds: [id] });
    expect((await activeAlarms(engine, id)).map((a) => a.kind)).toEqual([]);

    const audit = await auditOf(engine, run.runId);
    for (const device of ['sda2', 'sda3']) expect([0, 1]).toContain(audit.find((e) => e.command.includes(`e2fsck -p -f /dev/${device}`))?.exitCode);
    expect(audit.filter((e) => e.command).every((e) => e.exitCode !== null)).toBe(true);
    expect(audit.filter((e) => e.confirmation).map((e) => e.confirmation).reverse()).toEqual([
      'Manual step done: Boot the rescue system (typed "fs-vm")',
      expect.stringContaining('Confirmed: Repair the partitions with e2fsck'),
      expect.stringContaining('Manual step done: Boot normally'),
    ]);
    expectNoSecret(audit, ['ipapps', 'iplinux', 'pwd']);
  });

  it('refuses e2fsck while the partition is mounted', async () => {
    const id = lab.ids[VM] as string;
    await dirtyFilesystem(VM, 'sda2');
    const start = await startWizard(lab.engine, 'broken-filesystem', id);
    let run = await step(lab.engine, start);
    run = await step(lab.engine, run);
    expect(run.state).toBe('failed');
    expect(run.message).toContain('Still mounted: /dev/sda2 on /mnt/sda2');
    await call(lab.engine, 'wizards.cancel', { runId: run.runId });
    expect(await filesystemState(VM, 'sda2')).not.toBe('clean');
  });

  it.each([
    { name: GW, hardware: 'arm64 (IPx13)', data: 'nvme0n1p2', root: 'nvme0n1p3' },
    { name: GW32, hardware: 'ARM (IPx10/IPx11)', data: 'sda2', root: 'sda3' },
  ])('gateway $hardware: the gateway web UI values and e2fsck on $data and $root', async ({ name, data, root }) => {
    const id = lab.ids[name] as string;
    await dirtyFilesystem(name, data);
    const start = await startWizard(lab.engine, 'broken-filesystem', id);
    expect(start.state, start.message ?? '').toBe('ready');
    const rescue = start.steps.find((s) => s.id === 'rescue');
    expect(rescue?.manual?.values).toEqual([
      { label: 'Kernel command line', value: 'root=/dev/ram0' },
      { label: 'Initrd file', value: 'ramdisk.ext2.xz' },
      { label: 'Ramdisk size', value: '100000' },
    ]);
    expect(rescue?.manual?.instructions.join(' ')).toContain(`change root=/dev/${root} to root=/dev/ram0`);
    expect(start.steps.find((s) => s.id === 'boot-normally')?.manual?.values[0]).toEqual({ label: 'Kernel command line', value: `root=/dev/${root}` });
    const run = await runToEnd(lab.engine, start, labBoot(name, data));
    expectDone(run);
    expect(await filesystemState(name, data)).toBe('clean');
    expect(await rootPartitionState(name)).toBe('clean');
    await call(lab.engine, 'monitor.pollNow', { platformIds: [id] });
    expect((await activeAlarms(lab.engine, id)).map((a) => a.kind)).toEqual([]);
    const audit = await auditOf(lab.engine, run.runId);
    for (const device of [data, root]) expect([0, 1]).toContain(audit.find((e) => e.command.includes(`e2fsck -p -f /dev/${device}`))?.exitCode);
    expectNoSecret(audit, ['ipapps', 'iplinux', 'pwd']);
  });
});
