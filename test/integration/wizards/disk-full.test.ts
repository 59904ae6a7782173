import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../electron/core/audit/auditLog';
import type { WizardPlan, WizardRun } from '../../../electron/core/wizards/wizardWire';
import { fillDiskWithLogs } from '../../lab/faults';
import { reserveBytes } from '../../lab/lab';
import { inPlatform } from '../../lab/platformNamespace';
import { activeAlarms, auditOf, call, crashDuringStep, expectDone, expectNoSecret, runToEnd, startWizard, startWizardLab, step } from './wizardLab';
import type { WizardLab } from './wizardLab';

const NAME = 'full1';
const DISK_MIB = 1024;
const RESERVE = '/mnt/sda2/empty_if_no_space';
const LAB_SECRETS = ['ipapps', 'iplinux', 'pwd'];
const DISK_ALARMS = ['disk.usage', 'disk.reserveMissing'];

/** What the wizard changes, read on the platform itself. */
async function platformState() {
  const sh = (script: string) => inPlatform(NAME, ['sh', '-c', script], { allowFailure: true }).then((r) => r.stdout.trim());
  return {
    reserveBytes: Number(await sh(`stat -c %s ${RESERVE} 2>/dev/null || echo -1`)),
    availBytes: Number((await sh('df -B1 --output=avail /mnt/sda2')).split('\n')[1]),
    files: (await sh('find /var/log/apps /var/log/core_dumps -mindepth 2 -maxdepth 2 -type f | sort')).split('\n').filter(Boolean),
    manager: await sh('kill -0 "$(cat /run/manager.pid)" 2>/dev/null && cat /run/manager.pid || echo stopped'),
    postgres: await sh('runuser -u postgres -- psql -X -At -c "SELECT 1" 2>&1'),
  };
}

const wizardEntries = async (lab: WizardLab, platformId: string) =>
  (await call<{ entries: AuditEntry[] }>(lab.engine, 'audit.list', { platformId })).result.entries.filter((e) => e.runId !== null || e.purpose.startsWith('wizard'));

describe('disk-full wizard (P1) against a lab platform whose disk filled up with logs and core dumps', () => {
  let lab: WizardLab;
  let id: string;
  let fault: { coreDump: string; log: string };

  beforeAll(async () => {
    lab = await startWizardLab({ platforms: [{ name: NAME, diskMiB: DISK_MIB, instances: [{ domain: 'example.com', name: 'users', sizeMiB: 4 }] }] });
    id = lab.ids[NAME] as string;
    fault = await fillDiskWithLogs(NAME);
    await call(lab.engine, 'monitor.pollNow', { platformIds: [id] });
  });

  afterAll(async () => {
    await lab?.stop();
  });

  it('plans without touching the platform', async () => {
    const before = await platformState();
    expect(before.availBytes).toBeLessThan(1024 * 1024);
    expect(before.files).toEqual(expect.arrayContaining([fault.coreDump, fault.log]));
    const plan = await call<WizardPlan>(lab.engine, 'wizards.plan', { wizardId: 'disk-full', platformId: id, inputs: { downloadFirst: 'no' } });
    expect(plan.ok, plan.error?.message).toBe(true);
    const commands = plan.result.steps.flatMap((s) => s.commands.map((c) => c.text));
    expect(commands).toEqual(expect.arrayContaining(['/etc/init.d/S92manager stop', `echo '' > ${RESERVE}`, 'rm -f /var/log/apps/*/* 2>&1', 'rm -f /var/log/core_dumps/*/* 2>&1', '/etc/init.d/S50postgresql restart', `rm -f ${RESERVE}`]));
    expect(plan.result.steps.filter((s) => s.destructive).map((s) => s.id)).toEqual(['stop-manager', 'empty-reserve', 'remove-old']);
    expect(await platformState()).toEqual(before);
    expect(await wizardEntries(lab, id)).toEqual([]);
  });

  it('recovers the platform, also when the console dies in the middle of a step', async () => {
    let run: WizardRun = await startWizard(lab.engine, 'disk-full', id, { downloadFirst: 'no' });
    expect(run.state, run.message ?? '').toBe('ready');
    while (run.state === 'ready' && run.steps[run.current]?.id !== 'restart-postgres') run = await step(lab.engine, run);
    expect(run.steps.find((s) => s.id === 'remove-old')?.state).toBe('done');
    expect((await platformState()).files).toEqual([]);

    // The console process is killed while PostgreSQL restarts; a new one on the same data resumes the run.
    expect(run.steps[run.current]?.id).toBe('restart-postgres');
    run = await crashDuringStep(lab, run, { platform: NAME, command: '/etc/init.d/S50postgresql restart' });
    run = await runToEnd(lab.engine, run);
    expectDone(run);

    const after = await platformState();
    expect(after.reserveBytes).toBe(reserveBytes(DISK_MIB));
    expect(after.availBytes).toBeGreaterThan(500 * 1000 * 1000 - reserveBytes(DISK_MIB));
    expect(after.files.filter((f) => f === fault.coreDump || f === fault.log)).toEqual([]);
    expect(after.manager).toMatch(/^\d+$/);
    expect(after.postgres).toBe('1');
    await call(lab.engine, 'monitor.pollNow', { platformIds: [id] });
    expect((await activeAlarms(lab.engine, id)).filter((a) => DISK_ALARMS.includes(a.kind))).toEqual([]);

    const entries = await auditOf(lab.engine, run.runId);
    const ran = (text: string) => entries.filter((e) => e.command === text);
    for (const text of ['/etc/init.d/S92manager stop', `echo '' > ${RESERVE}`, 'rm -f /var/log/apps/*/* 2>&1', 'rm -f /var/log/core_dumps/*/* 2>&1', '/etc/init.d/S92manager restart', `rm -f ${RESERVE}`]) {
      expect(ran(text).map((e) => e.exitCode), text).toContain(0);
    }
    // The restart cut off by the crash is in the audit without an exit code; resumed, it ran again only if PostgreSQL was not up.
    const restarts = ran('/etc/init.d/S50postgresql restart').map((e) => e.exitCode);
    expect(restarts).toContain(null);
    const restartStep = run.steps.find((s) => s.id === 'restart-postgres');
    expect(restartStep?.state).toBe('done');
    if (!restartStep?.outcome?.startsWith('Already done')) expect(restarts).toContain(0);
    expect(entries.filter((e) => e.command !== '').every((e) => e.asRoot && (e.exitCode !== null || e.command === '/etc/init.d/S50postgresql restart'))).toBe(true);
    expect(entries.filter((e) => e.confirmation).map((e) => e.confirmation)).toEqual(expect.arrayContaining([expect.stringContaining('Stop the manager'), expect.stringContaining('Empty the reserve file'), expect.stringContaining('Remove old logs')]));
    expectNoSecret(entries, LAB_SECRETS);
  });
});
