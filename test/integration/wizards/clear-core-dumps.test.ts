import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../electron/core/audit/auditLog';
import type { WizardPlan, WizardRun } from '../../../electron/core/wizards/wizardWire';
import { blockingCoreDumps, healCoreDumps, startManager, stopManager } from '../../lab/faults';
import { inPlatform } from '../../lab/platformNamespace';
import { isRoot } from '../connect/connectLab';
import { activeAlarms, auditOf, call, expectDone, expectNoSecret, restartDuringStep, runToEnd, startWizard, startWizardLab, step } from './wizardLab';
import type { WizardLab } from './wizardLab';

const NAME = 'dumps1';
const LAB_SECRETS = ['ipapps', 'iplinux', 'pwd'];
const SERVICE_ALARMS = ['service.manager', 'service.webserver', 'service.managerHttps', 'disk.coreDumps'];

/** What the wizard changes, read on the platform itself. */
async function platformState() {
  const sh = (script: string) => inPlatform(NAME, ['sh', '-c', script], { allowFailure: true }).then((r) => r.stdout.trim());
  return {
    dumps: (await sh('find /mnt/sda2/log/core_dumps -mindepth 2 -maxdepth 2 -type f | sort')).split('\n').filter(Boolean),
    sha256: (await sh('find /mnt/sda2/log/core_dumps -mindepth 2 -maxdepth 2 -type f -exec sha256sum {} + | cut -c1-64 | sort')).split('\n').filter(Boolean),
    manager: await sh('kill -0 "$(cat /run/manager.pid)" 2>/dev/null && echo running || echo stopped'),
    https: await sh('curl -sk -o /dev/null -w "%{http_code}" https://127.0.0.1/manager/ramdisk.log'),
  };
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

const wizardEntries = async (lab: WizardLab, platformId: string) =>
  (await call<{ entries: AuditEntry[] }>(lab.engine, 'audit.list', { platformId })).result.entries.filter((e) => e.runId !== null || e.purpose.startsWith('wizard'));

describe.skipIf(!isRoot)('clear-core-dumps wizard (P10) against a lab platform whose manager is blocked by old core dumps', () => {
  let lab: WizardLab;
  let id: string;

  beforeAll(async () => {
    lab = await startWizardLab({ platforms: [{ name: NAME, diskMiB: 128 }] });
    id = lab.ids[NAME] as string;
    await blockingCoreDumps(NAME, 'manager', 3, 8192);
    await stopManager(NAME);
    expect((await startManager(NAME)).code).not.toBe(0);
    await call(lab.engine, 'monitor.pollNow', { platformIds: [id] });
  }, 300_000);

  afterAll(async () => {
    if (lab) await healCoreDumps(NAME).catch(() => undefined);
    await lab?.stop();
  });

  it('raises the service alarms that suggest it, and plans without touching the platform', async () => {
    const alarms = await activeAlarms(lab.engine, id);
    expect(alarms.map((a) => a.kind)).toEqual(expect.arrayContaining(['service.manager', 'service.managerHttps']));
    expect(alarms.find((a) => a.kind === 'service.managerHttps')?.wizard).toBe('clear-core-dumps');
    const catalog = await call<{ wizards: Array<{ id: string; alarmKinds: string[] }> }>(lab.engine, 'wizards.catalog');
    expect(catalog.result.wizards.find((w) => w.id === 'clear-core-dumps')?.alarmKinds).toEqual(expect.arrayContaining(['service.managerHttps', 'disk.coreDumps']));

    const before = await platformState();
    expect(before.dumps).toHaveLength(3);
    expect(before.manager).toBe('stopped');
    const plan = await call<WizardPlan>(lab.engine, 'wizards.plan', { wizardId: 'clear-core-dumps', platformId: id });
    expect(plan.ok, plan.error?.message).toBe(true);
    const commands = plan.result.steps.flatMap((s) => s.commands.map((c) => c.text));
    expect(commands).toEqual(expect.arrayContaining(['rm -f /mnt/sda2/log/core_dumps/*/* 2>&1', '/etc/init.d/S92manager restart']));
    expect(plan.result.steps.filter((s) => s.destructive).map((s) => s.id)).toEqual(['delete']);
    expect(await platformState()).toEqual(before);
    expect(await wizardEntries(lab, id)).toEqual([]);
  });

  it('archives and deletes the dumps, restarts the manager and the platform answers again, also when the console dies during the download', async () => {
    const before = await platformState();
    let run: WizardRun = await startWizard(lab.engine, 'clear-core-dumps', id);
    expect(run.state, run.message ?? '').toBe('ready');
    run = await step(lab.engine, run);
    expect(run.steps[0]?.outcome).toContain('3 core dumps found');
    expect(run.steps[run.current]?.id).toBe('download');

    // The console dies while the dumps download; a new one on the same data resumes the run.
    run = await restartDuringStep(lab, run, { afterMs: 300 });
    run = await runToEnd(lab.engine, run);
    expectDone(run);

    const after = await platformState();
    expect(after.dumps).toEqual([]);
    expect(after.manager).toBe('running');
    expect(after.https).toMatch(/^[1-5]\d\d$/);
    expect(run.steps.find((s) => s.id === 'download')?.outcome).toContain('Saved in');
    const local = (await filesUnder(join(lab.dataDir, 'downloads'))).filter((f) => /\/core_dumps\/manager\/core\.\d+$/.test(f));
    const localSha = (await Promise.all(local.map(async (f) => createHash('sha256').update(await readFile(f)).digest('hex')))).sort();
    expect(localSha).toEqual(before.sha256);

    await call(lab.engine, 'monitor.pollNow', { platformIds: [id] });
    expect((await activeAlarms(lab.engine, id)).filter((a) => SERVICE_ALARMS.includes(a.kind))).toEqual([]);

    const entries = await auditOf(lab.engine, run.runId);
    expect(entries.filter((e) => e.command === 'rm -f /mnt/sda2/log/core_dumps/*/* 2>&1').map((e) => e.exitCode)).toContain(0);
    expect(entries.filter((e) => e.command === '/etc/init.d/S92manager restart').map((e) => e.exitCode)).toContain(0);
    expect(entries.filter((e) => e.command !== '').every((e) => e.asRoot && e.exitCode !== null)).toBe(true);
    expect(entries.some((e) => e.confirmation?.includes('Delete the core dumps'))).toBe(true);
    expectNoSecret(entries, LAB_SECRETS);
  });
});
