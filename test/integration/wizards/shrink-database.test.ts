import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WizardPlan, WizardRun } from '../../../electron/core/wizards/wizardWire';
import { fillDisk } from '../../lab/faults';
import { instanceDatabase } from '../../lab/labSpec';
import { inPlatform } from '../../lab/platformNamespace';
import { psqlAsPostgres, quoteLiteral } from '../../lab/postgres';
import { activeAlarms, auditOf, call, expectDone, expectNoSecret, runToEnd, startWizard, startWizardLab } from './wizardLab';
import type { WizardLab } from './wizardLab';

const NAME = 'shrink1';
const CDRS = { domain: 'example.com', name: 'reports', sizeMiB: 150 };
const CHAT = { domain: 'example.com', name: 'messages', sizeMiB: 60 };
const LAB_SECRETS = ['ipapps', 'iplinux', 'pwd'];
const MiB = 1024 * 1024;

const sh = async (script: string) => (await inPlatform(NAME, ['sh', '-c', script])).stdout.trim();
const databaseBytes = async (db: string) => Number(await sh(`sudo -u postgres psql -X -At -c "SELECT pg_database_size(${quoteLiteral(db)})"`));
const pgsqlBytes = async () => Number((await sh('du -sk /mnt/sda2/pgsql/')).split(/\s/)[0]) * 1024;
const managerPid = () => sh('kill -0 "$(cat /run/manager.pid)" 2>/dev/null && cat /run/manager.pid || echo stopped');
const sizes = async () => ({ cdrs: await databaseBytes(instanceDatabase(CDRS)), chat: await databaseBytes(instanceDatabase(CHAT)), pgsql: await pgsqlBytes(), manager: await managerPid() });

/** Deleted data as apps leave it: dead rows that still take their space (autovacuum kept out so the files stay as they are). */
async function deleteMostRows(db: string): Promise<void> {
  await psqlAsPostgres(NAME, db, 'ALTER TABLE data SET (autovacuum_enabled = false, toast.autovacuum_enabled = false);\nDELETE FROM data WHERE id % 10 <> 0;\nCHECKPOINT;\n');
}

describe('shrink-database wizard (P3) against a lab platform whose databases hold deleted rows', () => {
  let lab: WizardLab;
  let id: string;

  beforeAll(async () => {
    lab = await startWizardLab({ platforms: [{ name: NAME, diskMiB: 640, instances: [CDRS, CHAT] }] });
    id = lab.ids[NAME] as string;
    for (const instance of [CDRS, CHAT]) await deleteMostRows(instanceDatabase(instance));
  });

  afterAll(async () => {
    await lab?.stop();
  });

  it('checks its inputs and refuses to start without room for VACUUM FULL', async () => {
    const plan = await call<WizardPlan>(lab.engine, 'wizards.plan', { wizardId: 'shrink-database', platformId: id, inputs: { scope: 'one', backup: 'yes', stopManager: 'no' } });
    expect(plan.ok).toBe(false);
    expect(plan.error?.message).toMatch(/database name/);
    await fillDisk(NAME, 99);
    const run = await startWizard(lab.engine, 'shrink-database', id, { scope: 'all', backup: 'yes', stopManager: 'yes' });
    expect(run.state).toBe('blocked');
    expect(run.preconditions.find((p) => p.label.startsWith('There is room'))?.detail).toMatch(/Only .* free/);
    expect((await auditOf(lab.engine, run.runId)).filter((e) => /reindexdb|vacuumdb|S92manager/.test(e.command))).toEqual([]);
    await fillDisk(NAME, 81);
    await call(lab.engine, 'monitor.pollNow', { platformIds: [id] });
    expect((await activeAlarms(lab.engine, id)).map((a) => a.kind)).toContain('disk.usage');
  });

  it('shrinks one database while the manager keeps running', async () => {
    const cdrs = instanceDatabase(CDRS);
    const before = await sizes();
    let run: WizardRun = await startWizard(lab.engine, 'shrink-database', id, { scope: 'one', database: cdrs, backup: 'yes', stopManager: 'no' });
    expect(run.state, run.message ?? '').toBe('ready');
    run = await runToEnd(lab.engine, run);
    expectDone(run);
    expect(run.steps.filter((s) => s.state === 'skipped').map((s) => s.id)).toEqual(['stop-manager', 'restart-manager']);

    const after = await sizes();
    expect(before.cdrs - after.cdrs).toBeGreaterThan(100 * MiB);
    expect(Math.abs(after.chat - before.chat)).toBeLessThan(MiB);
    expect(before.pgsql - after.pgsql).toBeGreaterThan(100 * MiB);
    expect(after.manager).toBe(before.manager);
    expect(run.steps.find((s) => s.id === 'sizes-after')?.outcome).toContain(`Database "${cdrs}"`);
    await call(lab.engine, 'monitor.pollNow', { platformIds: [id] });
    expect((await activeAlarms(lab.engine, id)).filter((a) => a.kind === 'disk.usage')).toEqual([]);

    const entries = await auditOf(lab.engine, run.runId);
    const codes = (text: string) => entries.filter((e) => e.command === text).map((e) => e.exitCode);
    expect(codes(`sudo -u postgres reindexdb -d ${cdrs} 2>&1`)).toEqual([0]);
    expect(codes(`sudo -u postgres vacuumdb -d ${cdrs} -f 2>&1`)).toEqual([0]);
    expect(entries.some((e) => /S92manager/.test(e.command))).toBe(false);
    expect(entries.filter((e) => e.command !== '').every((e) => e.asRoot && e.exitCode === 0)).toBe(true);
    expectNoSecret(entries, LAB_SECRETS);
  });

  it('shrinks all databases with the manager stopped, and starts it again', async () => {
    const before = await sizes();
    let run: WizardRun = await startWizard(lab.engine, 'shrink-database', id, { scope: 'all', backup: 'yes', stopManager: 'yes' });
    expect(run.state, run.message ?? '').toBe('ready');
    run = await runToEnd(lab.engine, run);
    expectDone(run);

    const after = await sizes();
    expect(before.chat - after.chat).toBeGreaterThan(40 * MiB);
    expect(before.pgsql - after.pgsql).toBeGreaterThan(40 * MiB);
    expect(after.manager).toMatch(/^\d+$/);
    expect(after.manager).not.toBe(before.manager);
    expect(Number(await sh(`sudo -u postgres psql -X -At -d ${instanceDatabase(CHAT)} -c "SELECT count(*) FROM data"`))).toBeGreaterThan(0);
    await call(lab.engine, 'monitor.pollNow', { platformIds: [id] });
    expect((await activeAlarms(lab.engine, id)).filter((a) => a.kind === 'disk.usage')).toEqual([]);

    const entries = await auditOf(lab.engine, run.runId);
    // audit.list gives the newest first.
    const commands = entries.filter((e) => e.command !== '').reverse();
    const order = ['/etc/init.d/S92manager stop', 'sudo -u postgres reindexdb -a 2>&1', 'sudo -u postgres vacuumdb -a -f 2>&1', '/etc/init.d/S92manager restart'];
    const at = order.map((text) => commands.findIndex((e) => e.command === text && e.exitCode === 0));
    expect(at.every((i) => i >= 0), JSON.stringify(at)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(commands.every((e) => e.asRoot && e.exitCode === 0)).toBe(true);
    expect(entries.map((e) => e.confirmation).filter(Boolean)).toEqual(expect.arrayContaining([expect.stringContaining('Stop the manager'), expect.stringContaining('Rebuild the indexes')]));
    expectNoSecret(entries, LAB_SECRETS);
  });
});
