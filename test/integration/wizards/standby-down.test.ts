import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WizardPlan } from '../../../electron/core/wizards/wizardWire';
import { healPartition, partition, startPostgres, stopPostgres } from '../../lab/faults';
import { PGDATA } from '../../lab/initScripts';
import { attachStandby, replicationPassword } from '../../lab/replicationFaults';
import { inPlatform } from '../../lab/platformNamespace';
import { activeAlarms, auditOf, call, expectDone, expectNoSecret, runToEnd, startWizard, startWizardLab } from './wizardLab';
import type { WizardLab } from './wizardLab';

const PRIMARY = 'sd-primary';
const STANDBY = 'sd-standby';
const LAB_SECRETS = ['ipapps', 'iplinux', 'pwd'];

const sql = async (platform: string, query: string) => (await inPlatform(platform, ['runuser', '-u', 'postgres', '--', 'psql', '-X', '-At', '-c', query], { allowFailure: true })).stdout.trim();
const streaming = () => sql(PRIMARY, "SELECT application_name || ':' || state FROM pg_stat_replication");
const replicationAlarms = async (lab: WizardLab, name: string) => (await activeAlarms(lab.engine, lab.ids[name] as string)).filter((a) => a.kind.startsWith('replication.'));

describe('standby-down wizard (P14 "Standby down") against a lab primary with one standby', () => {
  let lab: WizardLab;
  const id = (name: string) => lab.ids[name] as string;
  const poll = () => call(lab.engine, 'monitor.pollNow', { platformIds: [id(PRIMARY), id(STANDBY)] });
  const address = async (name: string) => (await inPlatform(name, ['sh', '-c', "ip -4 -o addr show eth0 | awk '{print $4}' | cut -d/ -f1"])).stdout.trim();

  beforeAll(async () => {
    lab = await startWizardLab({
      platforms: [{ name: PRIMARY, instances: [{ domain: 'example.com', name: 'users', sizeMiB: 1 }] }, { name: STANDBY, sshServer: 'dropbear' }],
      replication: [{ primary: PRIMARY, standbys: [{ platform: STANDBY, standbyName: 'standby_one' }] }],
    });
  });

  afterAll(async () => {
    await lab?.stop();
  });

  it('plans a stopped standby without touching either platform', async () => {
    await stopPostgres(STANDBY);
    await expect.poll(streaming, { timeout: 20_000 }).toBe('');
    await poll();
    expect((await replicationAlarms(lab, PRIMARY)).map((a) => a.kind)).toContain('replication.slotInactive');
    const plan = await call<WizardPlan>(lab.engine, 'wizards.plan', { wizardId: 'standby-down', platformId: id(PRIMARY), inputs: { peer: id(STANDBY) } });
    expect(plan.ok, plan.error?.message).toBe(true);
    const commands = plan.result.steps.flatMap((s) => s.commands.map((c) => `${c.platformName}# ${c.text}`));
    const primaryAddress = await address(PRIMARY);
    expect(commands).toEqual([`${STANDBY}# /etc/init.d/S50postgresql start`, `${STANDBY}# /etc/init.d/S92manager start`, `${STANDBY}# pg_isready -h ${primaryAddress} -p 5432 -t 5`]);
    expect(plan.result.steps.find((s) => s.id === 'rebuild-standby')?.kind).toBe('manual');
    expect(await sql(STANDBY, 'SELECT 1')).toBe('');
    const entries = (await call<{ entries: Array<{ runId: string | null; purpose: string }> }>(lab.engine, 'audit.list', {})).result.entries;
    expect(entries.filter((e) => e.runId !== null || e.purpose.startsWith('wizard'))).toEqual([]);
  });

  it('starts PostgreSQL on the stopped standby, sees it stream again and the primary\'s alarms clear', async () => {
    const run = await runToEnd(lab.engine, await startWizard(lab.engine, 'standby-down', id(PRIMARY), { peer: id(STANDBY) }));
    expectDone(run);
    const states = Object.fromEntries(run.steps.map((s) => [s.id, s.state]));
    expect(states).toMatchObject({ 'start-postgres': 'done', 'check-network': 'done', 'start-manager': 'skipped', 'restore-network': 'skipped', 'rebuild-standby': 'skipped', verify: 'done' });
    expect(run.steps[0]?.output).toContain('PostgreSQL on the standby: stopped');
    expect(await streaming()).toBe('standby_one:streaming');
    expect(await sql(STANDBY, 'SELECT pg_is_in_recovery()')).toBe('t');
    await poll();
    expect(await replicationAlarms(lab, PRIMARY)).toEqual([]);
    expect(await replicationAlarms(lab, STANDBY)).toEqual([]);
    const audit = await auditOf(lab.engine, run.runId);
    const commands = audit.filter((e) => e.command).map((e) => [e.platformId === id(STANDBY) ? STANDBY : PRIMARY, e.command, e.exitCode]);
    expect(commands).toContainEqual([STANDBY, '/etc/init.d/S50postgresql start', 0]);
    expect(audit.filter((e) => e.command).every((e) => typeof e.exitCode === 'number')).toBe(true);
    expectNoSecret(audit, LAB_SECRETS);
  });

  it('started on the standby cut off by a firewall: the network is restored by hand, then it streams again', async () => {
    const primaryAddress = await address(PRIMARY);
    await partition(STANDBY, primaryAddress);
    await expect.poll(streaming, { timeout: 30_000, interval: 500 }).toBe('');
    await poll();
    expect((await replicationAlarms(lab, PRIMARY)).length).toBeGreaterThan(0);
    let healed = false;
    const run = await runToEnd(lab.engine, await startWizard(lab.engine, 'standby-down', id(STANDBY), { peer: id(PRIMARY) }), async (stepId) => {
      if (stepId === 'restore-network') {
        await healPartition(STANDBY, primaryAddress);
        healed = true;
      }
    });
    expectDone(run);
    expect(healed).toBe(true);
    const network = run.steps.find((s) => s.id === 'restore-network');
    expect(network?.state).toBe('done');
    expect(network?.manual?.values).toContainEqual({ label: 'To (primary)', value: primaryAddress });
    expect(run.steps.find((s) => s.id === 'start-postgres')?.state).toBe('skipped');
    expect(await streaming()).toBe('standby_one:streaming');
    await poll();
    expect(await replicationAlarms(lab, PRIMARY)).toEqual([]);
    expect(await replicationAlarms(lab, STANDBY)).toEqual([]);
    const audit = await auditOf(lab.engine, run.runId);
    expect(audit.some((e) => e.command.startsWith('pg_isready -h') && e.exitCode !== null)).toBe(true);
    expectNoSecret(audit, LAB_SECRETS);
  });

  it('sets the standby up again (full resync) when its replication does not return by itself', async () => {
    const password = await replicationPassword(STANDBY);
    const primaryAddress = await address(PRIMARY);
    // The standby came up out of recovery: its copy has left the primary's timeline and cannot stream again.
    await stopPostgres(STANDBY);
    await inPlatform(STANDBY, ['rm', '-f', `${PGDATA}/standby.signal`]);
    await startPostgres(STANDBY);
    await inPlatform(PRIMARY, ['psql', '-X', '-d', 'manager', '-c', "INSERT INTO config (name, value) VALUES ('afterSplit', 'only on the primary')"]);
    await expect.poll(streaming, { timeout: 20_000 }).toBe('');
    await poll();
    let rebuilt = false;
    const run = await runToEnd(lab.engine, await startWizard(lab.engine, 'standby-down', id(PRIMARY), { peer: id(STANDBY) }), async (stepId, current) => {
      if (stepId !== 'rebuild-standby') return;
      const values = current.steps.find((s) => s.id === stepId)?.manual?.values ?? [];
      expect(values).toEqual(expect.arrayContaining([{ label: 'Mode', value: 'Standby' }, { label: 'Host', value: primaryAddress }, { label: 'Standby name', value: 'standby_one' }]));
      await attachStandby(STANDBY, primaryAddress, 'standby_one', password);
      rebuilt = true;
    });
    expectDone(run);
    expect(rebuilt).toBe(true);
    expect(run.steps.find((s) => s.id === 'wait-replication')?.outcome).toContain('full resync');
    expect(run.steps.find((s) => s.id === 'rebuild-standby')?.state).toBe('done');
    expect(await streaming()).toBe('standby_one:streaming');
    expect(await sql(STANDBY, 'SELECT pg_is_in_recovery()')).toBe('t');
    expect((await inPlatform(STANDBY, ['runuser', '-u', 'postgres', '--', 'psql', '-X', '-At', '-d', 'manager', '-c', "SELECT value FROM config WHERE name = 'afterSplit'"])).stdout.trim()).toBe('only on the primary');
    await poll();
    expect(await replicationAlarms(lab, PRIMARY)).toEqual([]);
    expect(await replicationAlarms(lab, STANDBY)).toEqual([]);
    expectNoSecret(await auditOf(lab.engine, run.runId), [...LAB_SECRETS, password]);
  }, 400_000);
});
