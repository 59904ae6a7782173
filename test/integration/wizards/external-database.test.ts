import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformStatus } from '../../../electron/core/contract';
import type { WizardPlan, WizardRun } from '../../../electron/core/wizards/wizardWire';
import { databasesOf, openExternalPostgres, rowCounts } from '../../lab/externalPostgres';
import { inPlatform } from '../../lab/platformNamespace';
import { psqlAsPostgres } from '../../lab/postgres';
import { FleetSpec } from '../../lab/labSpec';
import { isRoot } from '../connect/connectLab';
import { activeAlarms, auditOf, call, expectDone, expectNoSecret, runToEnd, startWizard, startWizardLab } from './wizardLab';
import type { WizardLab } from './wizardLab';

const AP = 'xd-ap';
const EXT = 'xd-db';
const DB = 'example.com_app1';
const ADMIN = { user: 'dbadmin', password: 'Adm1n-Ext-4417' };
const OWNER_PASSWORD = "Own'er-Pw 9921";

describe.skipIf(!isRoot)('external-database against the lab', () => {
  let lab: WizardLab;
  let host = '';

  beforeAll(async () => {
    lab = await startWizardLab(
      FleetSpec.parse({
        platforms: [
          { name: AP, kind: 'full', diskMiB: 128, instances: [{ domain: 'example.com', name: 'app1', sizeMiB: 1 }, { domain: 'example.com', name: 'app2', sizeMiB: 0 }] },
          { name: EXT, kind: 'full', diskMiB: 128 },
        ],
      }),
    );
    // A second table with a quoted name, so the counts go table by table.
    await psqlAsPostgres(AP, DB, 'CREATE TABLE "Odd Name" (n int); INSERT INTO "Odd Name" SELECT generate_series(1, 37); ALTER TABLE "Odd Name" OWNER TO "example.com_app1";\n');
    await openExternalPostgres(EXT, ADMIN);
    const statuses = await call<{ statuses: Array<{ status: PlatformStatus }> }>(lab.engine, 'monitor.statuses');
    expect(statuses.ok).toBe(true);
    const { stdout } = await inPlatform(EXT, ['ip', '-4', '-o', 'addr', 'show', 'dev', 'eth0']);
    host = /inet (\S+)\//.exec(stdout)?.[1] ?? '';
    expect(host).not.toBe('');
  }, 300_000);
  afterAll(async () => lab?.stop());

  const inputs = () => ({ database: DB, host: `${host}:5432`, adminUser: ADMIN.user });
  const secrets = { adminPassword: ADMIN.password, ownerPassword: OWNER_PASSWORD };

  it('refuses a database the platform does not have', async () => {
    const answer = await call<WizardRun>(lab.engine, 'wizards.plan', { wizardId: 'external-database', platformId: lab.ids[AP], inputs: { ...inputs(), database: 'nope_db' } });
    expect(answer.ok).toBe(false);
    expect(answer.error?.message).toContain('has no instance database "nope_db"');
  });

  it('a dry run shows the manager\'s statements and executes nothing', async () => {
    const plan = await call<WizardPlan>(lab.engine, 'wizards.plan', { wizardId: 'external-database', platformId: lab.ids[AP], inputs: inputs() });
    expect(plan.ok, plan.error?.message).toBe(true);
    const texts = plan.result.steps.flatMap((s) => s.commands.map((c) => c.text)).join('\n');
    expect(texts).toContain(`'CREATE DATABASE "${DB}" ENCODING '\\''UTF8'\\'';'`);
    expect(texts).toContain(`'REVOKE CONNECT ON DATABASE "${DB}" FROM public;'`);
    expect(texts).toContain(`'ALTER USER "${DB}" WITH PASSWORD :'\\''owner_password'\\'';'`);
    expect(texts).toContain('env ******** pg_restore');
    expect(Object.keys(await databasesOf(EXT))).not.toContain(DB);
    const audit = await call<{ entries: unknown[] }>(lab.engine, 'audit.list', { platformId: lab.ids[AP] });
    expect(audit.result.entries.filter((e) => JSON.stringify(e).includes('pg_dump'))).toHaveLength(0);
  });

  it('dumps, creates as the manager does, restores, and the counts match table by table', async () => {
    const source = await rowCounts(AP, DB);
    expect(source['public."Odd Name"']).toBe(37);
    const start = await startWizard(lab.engine, 'external-database', lab.ids[AP] as string, inputs(), secrets);
    expect(start.state, start.message ?? '').toBe('ready');
    const run = await runToEnd(lab.engine, start);
    expectDone(run);

    expect((await databasesOf(EXT))[DB]).toBe(DB);
    expect(await rowCounts(EXT, DB)).toEqual(source);
    const tableOwners = (await inPlatform(EXT, ['runuser', '-u', 'postgres', '--', 'psql', '-X', '-A', '-t', '-d', DB, '-c', "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'"])).stdout.trim();
    expect(tableOwners).toBe(DB);
    const publicConnect = (await inPlatform(EXT, ['runuser', '-u', 'postgres', '--', 'psql', '-X', '-A', '-t', '-d', 'postgres', '-c', `SELECT has_database_privilege('public', '${DB}', 'CONNECT')`])).stdout.trim();
    expect(publicConnect).toBe('f');
    // The owner logs in from the App Platform with the password given, as the instance will.
    const login = await inPlatform(AP, ['env', `PGPASSWORD=${OWNER_PASSWORD}`, 'psql', '-X', '-A', '-t', '-h', host, '-U', DB, '-d', DB, '-c', 'SELECT count(*) FROM "Odd Name"']);
    expect(login.stdout.trim()).toBe('37');
    expect((await inPlatform(AP, ['test', '-e', '/mnt/sda2/external-database.dump'], { allowFailure: true })).code).not.toBe(0);

    const settings = run.steps.find((s) => s.id === 'instance-settings');
    expect(settings?.manual?.values).toEqual([
      { label: 'Database host', value: `${host}:5432` },
      { label: 'Database name', value: DB },
      { label: 'Database user', value: DB },
      { label: 'Database password', value: '******** (the owner password you entered)' },
    ]);
    expect(run.steps.find((s) => s.id === 'compare')?.outcome).toContain('public."Odd Name": 37');

    await call(lab.engine, 'monitor.pollNow', { platformIds: [lab.ids[AP]] });
    expect((await activeAlarms(lab.engine, lab.ids[AP] as string)).map((a) => a.kind)).toEqual([]);
    const audit = await auditOf(lab.engine, run.runId);
    for (const what of ['pg_dump -Fc', 'CREATE DATABASE', 'pg_restore --no-owner']) expect(audit.find((e) => e.command.includes(what))?.exitCode, what).toBe(0);
    expect(audit.filter((e) => e.command).every((e) => e.exitCode !== null)).toBe(true);
    expectNoSecret(audit, ['ipapps', 'iplinux', 'pwd', ADMIN.password, OWNER_PASSWORD]);
    expect(JSON.stringify(run)).not.toContain(OWNER_PASSWORD);
    expect(JSON.stringify(run)).not.toContain(ADMIN.password);
  });

  it('will not overwrite a database that is on the external host already', async () => {
    const start = await startWizard(lab.engine, 'external-database', lab.ids[AP] as string, inputs(), secrets);
    let run = await runToEnd(lab.engine, start);
    expect(run.state).toBe('failed');
    expect(run.message).toContain('Nothing is overwritten');
    run = (await call<WizardRun>(lab.engine, 'wizards.cancel', { runId: run.runId })).result;
    expect(run.state).toBe('cancelled');
  });
});
