import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformStatus } from '../../../electron/core/contract';
import type { WizardPlan, WizardRun } from '../../../electron/core/wizards/wizardWire';
import { setBuild, setManagerVersion } from '../../lab/faults';
import { inPlatform } from '../../lab/platformNamespace';
import { attachStandby, disableReplication, replicationPassword } from '../../lab/replicationFaults';
import { activeAlarms, auditOf, call, expectDone, expectNoSecret, loginToManagers, runToEnd, startWizard, startWizardLab } from './wizardLab';
import type { WizardLab } from './wizardLab';

const PRIMARY = 'pu-primary';
const STANDBYS = [
  { platform: 'pu-sb1', standbyName: 'standby_one' },
  { platform: 'pu-sb2', standbyName: 'standby_two' },
];
const OLD_BUILD = 140029;
const NEW_BUILD = 150012;
/** pu-sb2's AP Manager app lags behind the others. */
const OLDER_MANAGER = '140025';
const LAB_SECRETS = ['ipapps', 'iplinux', 'pwd'];

const sql = async (platform: string, query: string, database = 'postgres') =>
  (await inPlatform(platform, ['runuser', '-u', 'postgres', '--', 'psql', '-X', '-At', '-d', database, '-c', query], { allowFailure: true })).stdout.trim();
const label = async (name: string) => Number((await inPlatform(name, ['cat', '/mnt/sda1/label'])).stdout.trim());
const address = async (name: string) => (await inPlatform(name, ['sh', '-c', "ip -4 -o addr show eth0 | awk '{print $4}' | cut -d/ -f1"])).stdout.trim();
const streaming = () => sql(PRIMARY, "SELECT application_name || ':' || state FROM pg_stat_replication ORDER BY 1");

describe('postgres-major-update wizard (P15) across a lab primary with two standbys', () => {
  let lab: WizardLab;
  const id = (name: string) => lab.ids[name] as string;
  const inputs = () => ({ standbys: STANDBYS.map((s) => id(s.platform)).join(','), targetBuild: String(NEW_BUILD), backup: 'yes' });

  beforeAll(async () => {
    lab = await startWizardLab({
      platforms: [{ name: PRIMARY, build: OLD_BUILD, instances: [{ domain: 'example.com', name: 'users', sizeMiB: 1 }] }, ...STANDBYS.map((s) => ({ name: s.platform, build: OLD_BUILD }))],
      replication: [{ primary: PRIMARY, standbys: STANDBYS }],
    });
    await setManagerVersion('pu-sb2', OLDER_MANAGER);
    await loginToManagers(lab, [PRIMARY, ...STANDBYS.map((s) => s.platform)]);
  });

  const managerVersion = async (name: string) => {
    await call(lab.engine, 'monitor.pollNow', { platformIds: [id(name)] });
    const statuses = await call<{ statuses: Array<{ status: PlatformStatus }> }>(lab.engine, 'monitor.statuses');
    return statuses.result.statuses.find((s) => s.status.platformId === id(name))?.status.managerVersion ?? null;
  };

  afterAll(async () => {
    await lab?.stop();
  });

  it('plans the update without touching the group', async () => {
    const plan = await call<WizardPlan>(lab.engine, 'wizards.plan', { wizardId: 'postgres-major-update', platformId: id(PRIMARY), inputs: inputs() });
    expect(plan.ok, plan.error?.message).toBe(true);
    expect(plan.result.steps.map((s) => s.id)).toEqual(['check-group', 'deactivate-replication', 'same-manager', 'update-primary', 'update-standbys', 'reactivate-replication', 'verify']);
    expect(plan.result.steps.find((s) => s.id === 'reactivate-replication')?.manual?.values).toEqual(expect.arrayContaining([{ label: 'Mode', value: 'Standby' }, { label: 'Port', value: '5432' }]));
    expect(plan.result.steps.find((s) => s.id === 'same-manager')?.manual?.values).toEqual([
      { label: PRIMARY, value: String(OLD_BUILD) },
      { label: 'pu-sb1', value: String(OLD_BUILD) },
      { label: 'pu-sb2', value: OLDER_MANAGER },
    ]);
    expect(await streaming()).toBe('standby_one:streaming\nstandby_two:streaming');
    for (const name of [PRIMARY, ...STANDBYS.map((s) => s.platform)]) expect(await label(name)).toBe(OLD_BUILD);
    const entries = (await call<{ entries: Array<{ runId: string | null; purpose: string }> }>(lab.engine, 'audit.list', {})).result.entries;
    expect(entries.filter((e) => e.runId !== null || e.purpose.startsWith('wizard'))).toEqual([]);
  });

  it('runs the wiki\'s order: replication off, same manager (read from each AP Manager), primary, standbys, replication on, each verified', async () => {
    const password = await replicationPassword(STANDBYS[0]?.platform as string);
    const primaryAddress = await address(PRIMARY);
    const order: string[] = [];
    const labDoes = async (stepId: string) => {
      order.push(stepId);
      if (stepId === 'deactivate-replication') for (const s of STANDBYS) await disableReplication(s.platform);
      if (stepId === 'update-primary') {
        // The standbys run standalone while the primary is updated.
        for (const s of STANDBYS) expect(await sql(s.platform, 'SELECT pg_is_in_recovery()')).toBe('f');
        await setBuild(PRIMARY, NEW_BUILD);
      }
      if (stepId === 'update-standbys') {
        expect(await label(PRIMARY)).toBe(NEW_BUILD);
        for (const s of STANDBYS) await setBuild(s.platform, NEW_BUILD);
      }
      if (stepId === 'reactivate-replication') for (const s of STANDBYS) await attachStandby(s.platform, primaryAddress, s.standbyName, password);
    };
    // "Done" on the manager step while pu-sb2's manager is older: the versions the console reads stop the update.
    let run: WizardRun = await runToEnd(lab.engine, await startWizard(lab.engine, 'postgres-major-update', id(PRIMARY), inputs()), labDoes);
    expect(run.state).toBe('failed');
    expect(run.steps[run.current]?.id).toBe('same-manager');
    expect(run.message).toContain(`The AP Manager versions differ: ${PRIMARY} ${OLD_BUILD}, pu-sb1 ${OLD_BUILD}, pu-sb2 ${OLDER_MANAGER}`);
    expect(await label(PRIMARY)).toBe(OLD_BUILD);

    // The partner updates pu-sb2's manager and resumes.
    await setManagerVersion('pu-sb2', null);
    await expect.poll(() => managerVersion('pu-sb2'), { timeout: 30_000 }).toBe(String(OLD_BUILD));
    const resumed = await call<WizardRun>(lab.engine, 'wizards.resume', { runId: run.runId });
    expect(resumed.ok, resumed.error?.message).toBe(true);
    run = await runToEnd(lab.engine, resumed.result, labDoes);
    expectDone(run);
    expect(order).toEqual(['check-group', 'deactivate-replication', 'same-manager', 'same-manager', 'update-primary', 'update-standbys', 'reactivate-replication', 'verify']);
    expect(run.steps.find((s) => s.id === 'same-manager')?.outcome).toContain(`Every platform runs AP Manager ${OLD_BUILD}`);

    for (const name of [PRIMARY, ...STANDBYS.map((s) => s.platform)]) expect(await label(name)).toBe(NEW_BUILD);
    expect(await streaming()).toBe('standby_one:streaming\nstandby_two:streaming');
    for (const s of STANDBYS) {
      expect(await sql(s.platform, 'SELECT pg_is_in_recovery()')).toBe('t');
      expect(await sql(s.platform, 'SELECT database FROM instances', 'manager')).toBe('example.com_users');
    }
    await call(lab.engine, 'monitor.pollNow', { platformIds: [PRIMARY, ...STANDBYS.map((s) => s.platform)].map(id) });
    for (const name of [PRIMARY, ...STANDBYS.map((s) => s.platform)]) expect((await activeAlarms(lab.engine, id(name))).filter((a) => a.kind.startsWith('replication.'))).toEqual([]);
    const audit = await auditOf(lab.engine, run.runId);
    expect(audit.filter((e) => e.command).every((e) => typeof e.exitCode === 'number')).toBe(true);
    expect(audit.filter((e) => e.command.includes('primary_slot_name')).length).toBe(STANDBYS.length);
    expect(audit.filter((e) => e.confirmation?.startsWith('Manual step done')).length).toBeGreaterThanOrEqual(4);
    expectNoSecret(audit, [...LAB_SECRETS, password]);
  });
});
