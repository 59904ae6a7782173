import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WizardPlan, WizardRun } from '../../../electron/core/wizards/wizardWire';
import { startPostgres, stopPostgres } from '../../lab/faults';
import { inPlatform } from '../../lab/platformNamespace';
import { attachStandby, promoteToPrimary, replicationPassword } from '../../lab/replicationFaults';
import { activeAlarms, auditOf, call, crashDuringStep, expectDone, expectNoSecret, runToEnd, startWizard, startWizardLab, step } from './wizardLab';
import type { WizardLab } from './wizardLab';

const PRIMARY = 'pd-primary';
const SB1 = 'pd-sb1';
const SB2 = 'pd-sb2';
const LAB_SECRETS = ['ipapps', 'iplinux', 'pwd'];

const sql = async (platform: string, query: string, database = 'postgres') =>
  (await inPlatform(platform, ['runuser', '-u', 'postgres', '--', 'psql', '-X', '-At', '-d', database, '-c', query], { allowFailure: true })).stdout.trim();
const address = async (name: string) => (await inPlatform(name, ['sh', '-c', "ip -4 -o addr show eth0 | awk '{print $4}' | cut -d/ -f1"])).stdout.trim();
const managerRuns = async (name: string) => (await inPlatform(name, ['sh', '-c', 'kill -0 "$(cat /run/manager.pid)" 2>/dev/null && echo yes || echo no'])).stdout.trim();

describe('primary-down wizard (P14 "Primary down, multiple standbys") against a dead lab primary with two standbys', () => {
  let lab: WizardLab;
  const id = (name: string) => lab.ids[name] as string;
  const pollAll = () => call(lab.engine, 'monitor.pollNow', { platformIds: [PRIMARY, SB1, SB2].map(id) });
  const replicationAlarms = async (name: string) => (await activeAlarms(lab.engine, id(name))).filter((a) => a.kind.startsWith('replication.'));

  beforeAll(async () => {
    lab = await startWizardLab({
      platforms: [{ name: PRIMARY, instances: [{ domain: 'example.com', name: 'users', sizeMiB: 1 }] }, { name: SB1, sshServer: 'dropbear' }, { name: SB2 }],
      replication: [{ primary: PRIMARY, standbys: [{ platform: SB1, standbyName: 'standby_one' }, { platform: SB2, standbyName: 'standby_two' }] }],
    });
    // SB2 misses the last writes: SB1 has the most data when the primary dies.
    await stopPostgres(SB2);
    await inPlatform(PRIMARY, ['psql', '-X', '-d', 'manager', '-c', "INSERT INTO config (name, value) VALUES ('lastWrite', 'before the crash')"]);
    for (let i = 0; i < 60 && (await sql(SB1, "SELECT value FROM config WHERE name = 'lastWrite'", 'manager')) !== 'before the crash'; i++) await new Promise((r) => setTimeout(r, 250));
    // The primary's PostgreSQL is dead; its manager still runs and must be fenced.
    await stopPostgres(PRIMARY);
    await startPostgres(SB2);
    await pollAll();
  });

  afterAll(async () => {
    await lab?.stop();
  });

  it('plans the failover without touching the platforms', async () => {
    expect((await replicationAlarms(SB2)).map((a) => a.kind)).toContain('replication.primaryUnreachable');
    const inputs = { oldPrimary: id(PRIMARY), standbys: id(SB1), primaryIsLost: 'yes' };
    const plan = await call<WizardPlan>(lab.engine, 'wizards.plan', { wizardId: 'primary-down', platformId: id(SB2), inputs });
    expect(plan.ok, plan.error?.message).toBe(true);
    expect(plan.result.steps.flatMap((s) => s.commands.map((c) => `${c.platformName}# ${c.text}`))).toEqual([`${PRIMARY}# /etc/init.d/S92manager stop`, `${PRIMARY}# /etc/init.d/S50postgresql stop`]);
    expect(plan.result.steps.filter((s) => s.kind === 'manual').map((s) => s.id)).toEqual(['power-off', 'promote', 'repoint', 'configuration']);
    expect(await sql(SB1, 'SELECT pg_is_in_recovery()')).toBe('t');
    expect(await sql(SB2, 'SELECT pg_is_in_recovery()')).toBe('t');
    const entries = (await call<{ entries: Array<{ runId: string | null; purpose: string }> }>(lab.engine, 'audit.list', {})).result.entries;
    expect(entries.filter((e) => e.runId !== null || e.purpose.startsWith('wizard'))).toEqual([]);
  });

  it('fences the old primary, promotes the standby furthest ahead, re-points the other, and resumes after the console is killed mid-promotion', async () => {
    const password = await replicationPassword(SB2);
    const sb1Address = await address(SB1);
    // Started from the standby behind; the wizard must still choose SB1.
    let run: WizardRun = await startWizard(lab.engine, 'primary-down', id(SB2), { oldPrimary: id(PRIMARY), standbys: id(SB1), primaryIsLost: 'yes' });
    expect(run.state, run.message ?? '').toBe('ready');
    const labDoes = async (stepId: string) => {
      if (stepId === 'promote') await promoteToPrimary(SB1, ['standby_two']);
      if (stepId === 'repoint') await attachStandby(SB2, sb1Address, 'standby_two', password);
      if (stepId === 'configuration') {
        for (const [name, patch] of [
          [SB1, { expectedRole: 'primary', expectedPrimaryId: null }],
          [SB2, { expectedRole: 'standby', expectedPrimaryId: id(SB1) }],
          [PRIMARY, { expectedRole: 'standalone', expectedPrimaryId: null }],
        ] as const) {
          const updated = await call(lab.engine, 'fleet.updatePlatform', { id: id(name), ...patch });
          expect(updated.ok, updated.error?.message).toBe(true);
        }
      }
    };
    while (run.state === 'ready' && run.steps[run.current]?.id !== 'promote') {
      await labDoes(run.steps[run.current]?.id ?? '');
      run = await step(lab.engine, run);
    }
    expect(run.steps.find((s) => s.id === 'choose')?.outcome).toContain(`New primary: ${SB1}`);
    expect(run.steps.find((s) => s.id === 'fence')?.state).toBe('done');
    expect(run.steps.find((s) => s.id === 'power-off')?.state).toBe('skipped');
    expect(run.steps.find((s) => s.id === 'no-second-primary')?.state).toBe('done');
    expect(await managerRuns(PRIMARY)).toBe('no');
    expect(await sql(PRIMARY, 'SELECT 1')).toBe('');

    // "Done" on the promotion before it is done: the console process is killed while it waits for the standby to take writes,
    // and a new one on the same data resumes at the promotion, checking first what it finds.
    run = await crashDuringStep(lab, run, { afterMs: 2_000 });
    expect(run.steps[run.current]?.id).toBe('promote');
    const engine = lab.engine;
    run = await runToEnd(engine, run, labDoes);
    expectDone(run);

    expect(await sql(SB1, 'SELECT pg_is_in_recovery()')).toBe('f');
    expect(await sql(SB1, "SELECT value FROM config WHERE name = 'lastWrite'", 'manager')).toBe('before the crash');
    expect(await sql(SB1, "SELECT application_name || ':' || state FROM pg_stat_replication")).toBe('standby_two:streaming');
    expect(await sql(SB2, 'SELECT pg_is_in_recovery()')).toBe('t');
    await inPlatform(SB1, ['psql', '-X', '-d', 'manager', '-c', "INSERT INTO config (name, value) VALUES ('afterFailover', 'on the new primary')"]);
    await expect.poll(() => sql(SB2, "SELECT value FROM config WHERE name = 'afterFailover'", 'manager'), { timeout: 15_000 }).toBe('on the new primary');
    expect(await sql(PRIMARY, 'SELECT 1')).toBe('');

    await call(engine, 'monitor.pollNow', { platformIds: [SB1, SB2].map(id) });
    expect(await replicationAlarms(SB1)).toEqual([]);
    expect(await replicationAlarms(SB2)).toEqual([]);
    const audit = await auditOf(engine, run.runId);
    const commands = audit.filter((e) => e.command).map((e) => [e.platformId, e.command, e.exitCode]);
    expect(commands).toContainEqual([id(PRIMARY), '/etc/init.d/S92manager stop', 0]);
    expect(audit.filter((e) => e.command).every((e) => typeof e.exitCode === 'number')).toBe(true);
    const manualDone = audit.filter((e) => e.confirmation?.startsWith('Manual step done')).map((e) => e.confirmation ?? '');
    for (const title of ['Make the chosen standby the primary', 'Point the other standbys to the new primary', 'Tell the PBXes and apps about the new primary']) expect(manualDone.some((c) => c.includes(title))).toBe(true);
    expectNoSecret(audit, [...LAB_SECRETS, password]);
  });
});
