import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WizardRun } from '../../../electron/core/wizards/wizardWire';
import { stopManager, stopPostgres } from '../../lab/faults';
import { inPlatform } from '../../lab/platformNamespace';
import { disableReplication } from '../../lab/replicationFaults';
import { SSH_PORT } from '../../lab/sshServer';
import { activeAlarms, auditOf, call, expectDone, expectNoSecret, runToEnd, startWizard, startWizardLab } from './wizardLab';
import type { WizardLab } from './wizardLab';

const PRIMARY = 'p1-primary';
const STANDBY = 'p1-sb';
const LAB_SECRETS = ['ipapps', 'iplinux', 'pwd'];

const sql = async (platform: string, query: string, database = 'postgres') =>
  (await inPlatform(platform, ['runuser', '-u', 'postgres', '--', 'psql', '-X', '-At', '-d', database, '-c', query], { allowFailure: true })).stdout.trim();
/** The primary hangs for SSH (connections are reset) while its PostgreSQL still serves the standby. */
const cutSsh = (name: string) => inPlatform(name, ['iptables', '-I', 'INPUT', '-p', 'tcp', '--dport', String(SSH_PORT), '-j', 'REJECT', '--reject-with', 'tcp-reset']);

describe('primary-down wizard (P14 "Primary down, one standby") against a lab primary that SSH cannot reach', () => {
  let lab: WizardLab;
  const id = (name: string) => lab.ids[name] as string;

  beforeAll(async () => {
    lab = await startWizardLab({
      platforms: [{ name: PRIMARY, instances: [{ domain: 'example.com', name: 'users', sizeMiB: 1 }] }, { name: STANDBY }],
      replication: [{ primary: PRIMARY, standbys: [{ platform: STANDBY, standbyName: 'standby_one' }] }],
    });
    await inPlatform(PRIMARY, ['psql', '-X', '-d', 'manager', '-c', "INSERT INTO config (name, value) VALUES ('lastWrite', 'before the crash')"]);
    for (let i = 0; i < 60 && (await sql(STANDBY, "SELECT value FROM config WHERE name = 'lastWrite'", 'manager')) !== 'before the crash'; i++) await new Promise((r) => setTimeout(r, 250));
    await cutSsh(PRIMARY);
    await call(lab.engine, 'monitor.pollNow', { platformIds: [id(PRIMARY), id(STANDBY)] });
  });

  afterAll(async () => {
    await lab?.stop();
  });

  it('refuses to promote while the old primary still answers on 5432, then disables replication on the only standby once it is off', async () => {
    expect((await activeAlarms(lab.engine, id(PRIMARY))).map((a) => a.kind)).toContain('access.unreachable');
    let run: WizardRun = await startWizard(lab.engine, 'primary-down', id(STANDBY), { oldPrimary: id(PRIMARY), primaryIsLost: 'yes' });
    expect(run.state, run.message ?? '').toBe('ready');
    expect(run.steps.find((s) => s.id === 'promote')?.manual?.values).toEqual([
      { label: 'Platform', value: STANDBY },
      { label: 'Mode', value: 'Off' },
    ]);

    // "Done" on the power-off step without switching anything off: the check from the standby still finds PostgreSQL.
    run = await runToEnd(lab.engine, run);
    expect(run.state).toBe('failed');
    expect(run.steps.find((s) => s.id === 'choose')?.outcome).toContain(`New primary: ${STANDBY} (the only standby)`);
    expect(run.steps.find((s) => s.id === 'fence')?.state).toBe('skipped');
    expect(run.steps.find((s) => s.id === 'power-off')?.state).toBe('failed');
    expect(run.message).toContain('port 5432: the old primary is not off');
    expect(await sql(STANDBY, 'SELECT pg_is_in_recovery()')).toBe('t');

    // The partner switches the old primary off in the hypervisor and resumes.
    await stopManager(PRIMARY);
    await stopPostgres(PRIMARY);
    const resumed = await call<WizardRun>(lab.engine, 'wizards.resume', { runId: run.runId });
    expect(resumed.ok, resumed.error?.message).toBe(true);
    expect(resumed.result.steps[resumed.result.current]?.id).toBe('power-off');
    run = await runToEnd(lab.engine, resumed.result, async (stepId) => {
      if (stepId === 'promote') await disableReplication(STANDBY);
      if (stepId === 'configuration') {
        for (const name of [STANDBY, PRIMARY]) {
          const updated = await call(lab.engine, 'fleet.updatePlatform', { id: id(name), expectedRole: 'standalone', expectedPrimaryId: null });
          expect(updated.ok, updated.error?.message).toBe(true);
        }
      }
    });
    expectDone(run);
    expect(run.steps.find((s) => s.id === 'power-off')?.outcome).toContain('cannot be reached');
    expect(run.steps.find((s) => s.id === 'repoint')?.state).toBe('skipped');

    expect(await sql(STANDBY, 'SELECT pg_is_in_recovery()')).toBe('f');
    expect(await sql(STANDBY, "SELECT value FROM config WHERE name = 'lastWrite'", 'manager')).toBe('before the crash');
    expect((await inPlatform(STANDBY, ['sh', '-c', 'test -e /home/root/standby.conf && echo yes || echo no'])).stdout.trim()).toBe('no');
    await call(lab.engine, 'monitor.pollNow', { platformIds: [id(STANDBY)] });
    expect((await activeAlarms(lab.engine, id(STANDBY))).map((a) => a.kind)).toEqual([]);

    const audit = await auditOf(lab.engine, run.runId);
    expect(audit.filter((e) => e.command && e.platformId === id(PRIMARY))).toEqual([]);
    // The audit lists the newest first.
    const probes = audit.filter((e) => e.command.startsWith('pg_isready')).map((e) => [e.platformId, e.exitCode]).reverse();
    expect(probes[0]).toEqual([id(STANDBY), 0]);
    expect(probes.at(-1)).toEqual([id(STANDBY), 2]);
    expect(audit.filter((e) => e.command).every((e) => typeof e.exitCode === 'number')).toBe(true);
    const manualDone = audit.filter((e) => e.confirmation?.startsWith('Manual step done')).map((e) => e.confirmation ?? '');
    for (const title of ['Switch the old primary off', 'Make the chosen standby the primary', 'Tell the PBXes and apps about the new primary']) expect(manualDone.some((c) => c.includes(title))).toBe(true);
    expectNoSecret(audit, LAB_SECRETS);
  });
});
