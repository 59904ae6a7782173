import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WizardPlan, WizardRun } from '../../../electron/core/wizards/wizardWire';
import { setBuild } from '../../lab/faults';
import { writeInstallScript } from '../../lab/installScript';
import { inPlatform } from '../../lab/platformNamespace';
import { growDataDisk, normalBoot, rescueBoot } from '../../lab/rescueBoot';
import { FleetSpec } from '../../lab/labSpec';
import { isRoot } from '../connect/connectLab';
import { activeAlarms, auditOf, call, expectDone, expectNoSecret, runToEnd, startWizard, startWizardLab } from './wizardLab';
import type { WizardLab } from './wizardLab';

const VM = 'rz-vm';
const GW = 'rz-gw';

const dataBytes = async (name: string) => {
  const { stdout } = await inPlatform(name, ['df', '-B1', '--output=size', '/mnt/sda2']);
  return Number(stdout.trim().split('\n')[1]);
};

describe.skipIf(!isRoot)('resize-vm-disk against the lab', () => {
  let lab: WizardLab;

  beforeAll(async () => {
    lab = await startWizardLab(
      FleetSpec.parse({
        platforms: [
          { name: VM, kind: 'full', diskMiB: 128, build: 130016, instances: [{ domain: 'example.com', name: 'app1', sizeMiB: 2 }] },
          { name: GW, kind: 'light', diskMiB: 32, formFactor: 'gateway-arm64' },
        ],
      }),
    );
    await writeInstallScript(VM);
  }, 300_000);
  afterAll(async () => lab?.stop());

  it('refuses inside the dangerous build range with the wiki warning, and on a gateway', async () => {
    await setBuild(VM, 130010);
    await call(lab.engine, 'monitor.pollNow', { platformIds: [lab.ids[VM]] });
    expect((await activeAlarms(lab.engine, lab.ids[VM] as string)).map((a) => a.kind)).toContain('build.dangerousResize');
    const sizeBefore = await dataBytes(VM);
    const blocked = await startWizard(lab.engine, 'resize-vm-disk', lab.ids[VM] as string);
    expect(blocked.state).toBe('blocked');
    expect(blocked.message).toContain('Image build 130010');
    expect(blocked.message).toContain("Do NOT resize if you're running an App Platform version higher than 110000 and lower than 110027 or 130007 and lower than 130015 or your data will be lost!");
    const stepped = await call<WizardRun>(lab.engine, 'wizards.step', { runId: blocked.runId });
    expect(stepped.ok).toBe(false);
    expect(await dataBytes(VM)).toBe(sizeBefore);
    expect((await auditOf(lab.engine, blocked.runId)).every((e) => !e.command.includes('install_step1'))).toBe(true);

    const gateway = await startWizard(lab.engine, 'resize-vm-disk', lab.ids[GW] as string);
    expect(gateway.state).toBe('blocked');
    expect(gateway.preconditions.find((p) => p.label === 'The platform is a VM')?.detail).toContain("a gateway's disk cannot be resized");
    await setBuild(VM, 130016);
  });

  it('a dry run executes nothing', async () => {
    const sizeBefore = await dataBytes(VM);
    const plan = await call<WizardPlan>(lab.engine, 'wizards.plan', { wizardId: 'resize-vm-disk', platformId: lab.ids[VM] });
    expect(plan.ok).toBe(true);
    expect(plan.result.steps.flatMap((s) => s.commands.map((c) => c.text))).toContain('cd /home/root && /home/root/install_step1.sh log.txt resize');
    expect(plan.result.steps.find((s) => s.id === 'expand-disk')?.kind).toBe('manual');
    expect(await dataBytes(VM)).toBe(sizeBefore);
    const entries = await call<{ entries: unknown[] }>(lab.engine, 'audit.list', { platformId: lab.ids[VM] });
    expect(entries.result.entries.filter((e) => JSON.stringify(e).includes('install_step1'))).toHaveLength(0);
  });

  it('grows /dev/sda2 through the rescue system and the platform ends healthy', async () => {
    await call(lab.engine, 'monitor.pollNow', { platformIds: [lab.ids[VM]] });
    const sizeBefore = await dataBytes(VM);
    const rowsBefore = (await inPlatform(VM, ['runuser', '-u', 'postgres', '--', 'psql', '-X', '-A', '-t', '-d', 'example.com_app1', '-c', 'SELECT count(*) FROM data'])).stdout.trim();
    const start = await startWizard(lab.engine, 'resize-vm-disk', lab.ids[VM] as string);
    expect(start.state, start.message ?? '').toBe('ready');
    const run = await runToEnd(lab.engine, start, async (stepId) => {
      if (stepId === 'expand-disk') await growDataDisk(VM, 64);
      if (stepId === 'rescue-boot') await rescueBoot(VM, 'sda2');
      if (stepId === 'reboot') await normalBoot(VM, 'sda2');
    });
    expectDone(run);
    const sizeAfter = await dataBytes(VM);
    expect(sizeAfter).toBeGreaterThan(sizeBefore + 50 * 1024 * 1024);
    expect((await inPlatform(VM, ['cat', '/home/root/log.txt'])).stdout).toContain('finished');
    expect((await inPlatform(VM, ['runuser', '-u', 'postgres', '--', 'psql', '-X', '-A', '-t', '-d', 'example.com_app1', '-c', 'SELECT count(*) FROM data'])).stdout.trim()).toBe(rowsBefore);
    await call(lab.engine, 'monitor.pollNow', { platformIds: [lab.ids[VM]] });
    expect((await activeAlarms(lab.engine, lab.ids[VM] as string)).map((a) => a.kind)).toEqual([]);
    const audit = await auditOf(lab.engine, run.runId);
    const resize = audit.find((e) => e.command.includes('install_step1.sh log.txt resize'));
    expect(resize?.exitCode).toBe(0);
    expect(audit.filter((e) => e.command).every((e) => e.exitCode !== null)).toBe(true);
    expect(audit.some((e) => e.confirmation?.includes('Manual step done: Stop the VM and expand its disk'))).toBe(true);
    expectNoSecret(audit, ['ipapps', 'iplinux', 'pwd']);
  });
});
