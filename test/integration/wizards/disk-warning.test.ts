import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WizardRun } from '../../../electron/core/wizards/wizardWire';
import { fillDisk } from '../../lab/faults';
import { instanceDatabase } from '../../lab/labSpec';
import { inPlatform } from '../../lab/platformNamespace';
import { psqlAsPostgres, quoteLiteral } from '../../lab/postgres';
import { activeAlarms, auditOf, call, expectDone, expectNoSecret, runToEnd, startWizard, startWizardLab } from './wizardLab';
import type { WizardLab } from './wizardLab';

const NAME = 'warn1';
const BIG = { domain: 'example.com', name: 'big', sizeMiB: 150 };
const SMALL = { domain: 'example.com', name: 'small', sizeMiB: 2 };
const LAB_SECRETS = ['ipapps', 'iplinux', 'pwd'];

const sh = async (script: string) => (await inPlatform(NAME, ['sh', '-c', script])).stdout.trim();
const databaseBytes = async (db: string) => Number(await sh(`sudo -u postgres psql -X -At -c ${`"SELECT pg_database_size(${quoteLiteral(db)})"`}`));
const pgsqlBytes = async () => Number((await sh('du -sk /mnt/sda2/pgsql/')).split(/\s/)[0]) * 1024;
const managerPid = () => sh('kill -0 "$(cat /run/manager.pid)" 2>/dev/null && cat /run/manager.pid || echo stopped');

/** What deleting data in an app leaves behind: dead rows that still take their space (autovacuum kept out so the files stay as they are). */
async function deleteMostRows(db: string): Promise<void> {
  await psqlAsPostgres(NAME, db, 'ALTER TABLE data SET (autovacuum_enabled = false, toast.autovacuum_enabled = false);\nDELETE FROM data WHERE id % 10 <> 0;\n');
}

describe('disk-warning wizard (P2 with P3 for one database) against a lab platform with one big instance', () => {
  let lab: WizardLab;
  let id: string;

  beforeAll(async () => {
    lab = await startWizardLab({ platforms: [{ name: NAME, diskMiB: 640, instances: [BIG, SMALL] }] });
    id = lab.ids[NAME] as string;
    await fillDisk(NAME, 81);
    await call(lab.engine, 'monitor.pollNow', { platformIds: [id] });
  });

  afterAll(async () => {
    await lab?.stop();
  });

  it('asks for the backup first', async () => {
    const answer = await call(lab.engine, 'wizards.start', { wizardId: 'disk-warning', platformId: id, inputs: {}, secrets: {} });
    expect(answer.ok).toBe(false);
    expect(answer.error?.message).toMatch(/backup/);
  });

  it('cleans up the biggest instance database, starts the apps again and clears the disk alarm', async () => {
    const big = instanceDatabase(BIG);
    const small = instanceDatabase(SMALL);
    expect((await activeAlarms(lab.engine, id)).map((a) => a.kind)).toContain('disk.usage');
    const before = { big: await databaseBytes(big), small: await databaseBytes(small), pgsql: await pgsqlBytes(), manager: await managerPid() };

    let run: WizardRun = await startWizard(lab.engine, 'disk-warning', id, { backup: 'yes', stopManager: 'no' });
    expect(run.state, run.message ?? '').toBe('ready');
    run = await runToEnd(lab.engine, run, async (stepId) => {
      if (stepId === 'delete-data') await deleteMostRows(big);
    });
    expectDone(run);
    expect(run.steps.find((s) => s.id === 'find-large')?.outcome).toContain(big);
    expect(run.steps.find((s) => s.id === 'stop-manager')?.state).toBe('skipped');

    const after = { big: await databaseBytes(big), small: await databaseBytes(small), pgsql: await pgsqlBytes(), manager: await managerPid() };
    expect(before.big - after.big).toBeGreaterThan(100 * 1024 * 1024);
    expect(before.pgsql - after.pgsql).toBeGreaterThan(100 * 1024 * 1024);
    expect(Math.abs(after.small - before.small)).toBeLessThan(256 * 1024);
    expect(after.manager).toMatch(/^\d+$/);
    expect(after.manager).not.toBe(before.manager);
    expect(Number(await sh(`sudo -u postgres psql -X -At -d ${big} -c "SELECT count(*) FROM data"`))).toBeGreaterThan(0);
    expect(run.steps.find((s) => s.id === 'sizes-after')?.outcome).toMatch(/freed/);

    await call(lab.engine, 'monitor.pollNow', { platformIds: [id] });
    expect((await activeAlarms(lab.engine, id)).filter((a) => a.kind === 'disk.usage')).toEqual([]);

    const entries = await auditOf(lab.engine, run.runId);
    const codes = (text: string) => entries.filter((e) => e.command === text).map((e) => e.exitCode);
    expect(codes(`sudo -u postgres reindexdb -d ${big} 2>&1`)).toEqual([0]);
    expect(codes(`sudo -u postgres vacuumdb -d ${big} -f 2>&1`)).toEqual([0]);
    expect(codes('/etc/init.d/S92manager restart')).toEqual([0]);
    expect(codes('du -sh /mnt/sda2/pgsql/')).toEqual([0, 0]);
    expect(entries.filter((e) => e.command !== '').every((e) => e.asRoot && e.exitCode === 0)).toBe(true);
    expect(entries.map((e) => e.confirmation).filter(Boolean)).toEqual(expect.arrayContaining([expect.stringContaining('Delete data in the instance'), expect.stringContaining('Shrink the database files')]));
    expectNoSecret(entries, LAB_SECRETS);
  });
});
