import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../electron/core/audit/auditLog';
import type { FleetList } from '../../../electron/core/contract';
import type { WizardPlan, WizardRun } from '../../../electron/core/wizards/wizardWire';
import { BRIDGE_ADDRESS } from '../../lab/labPaths';
import { inPlatform } from '../../lab/platformNamespace';
import { psqlAsPostgres, quoteIdent, quoteLiteral } from '../../lab/postgres';
import { run as runLocal } from '../../lab/run';
import { isRoot } from '../connect/connectLab';
import { activeAlarms, auditOf, call, expectDone, expectNoSecret, runToEnd, startWizard, startWizardLab } from './wizardLab';
import type { WizardLab } from './wizardLab';

const NAME = 'hba1';
const DB = 'example.com_app1';
const CLIENT = { user: 'reporting', password: 'Rep0rt-Secret-77' };
const HBA = '/mnt/sda2/pgsql/pg_hba.conf';
const LAB_SECRETS = ['ipapps', 'iplinux', 'pwd', CLIENT.password];
const sh = (script: string) => inPlatform(NAME, ['sh', '-c', script], { allowFailure: true }).then((r) => r.stdout.trim());

/** pg_hba.conf and its backups, read on the platform itself. */
async function platformState() {
  return {
    hba: await sh(`sha256sum ${HBA} | cut -c1-64`),
    owner: await sh(`stat -c '%U:%G %a' ${HBA}`),
    backups: (await sh(`ls -1 ${HBA}.backup-* 2>/dev/null`)).split('\n').filter(Boolean),
  };
}

/** A login from this computer (the console's host) to the platform's PostgreSQL, as the outside client would. */
async function connectFromOutside(address: string) {
  const result = await runLocal('psql', ['-X', '-At', `host=${address} port=5432 user=${CLIENT.user} dbname=${DB} connect_timeout=5`, '-c', 'SELECT 1'], { allowFailure: true, env: { ...process.env, PGPASSWORD: CLIENT.password } });
  return { ok: result.code === 0 && result.stdout.trim() === '1', stderr: result.stderr };
}

const wizardEntries = async (lab: WizardLab, platformId: string) =>
  (await call<{ entries: AuditEntry[] }>(lab.engine, 'audit.list', { platformId })).result.entries.filter((e) => e.runId !== null || e.purpose.startsWith('wizard'));

describe.skipIf(!isRoot)('external-db-access wizard (P19) against a lab platform that declines outside logins', () => {
  let lab: WizardLab;
  let id: string;
  let address: string;
  let original: Awaited<ReturnType<typeof platformState>>;
  const inputs = { address: `${BRIDGE_ADDRESS}/32`, database: DB, user: CLIENT.user, method: 'scram-sha-256', attest: 'yes' };

  beforeAll(async () => {
    lab = await startWizardLab({ platforms: [{ name: NAME, diskMiB: 128, instances: [{ domain: 'example.com', name: 'app1', sizeMiB: 1 }] }] });
    id = lab.ids[NAME] as string;
    address = (await call<FleetList>(lab.engine, 'fleet.list')).result.platforms.find((p) => p.id === id)?.address as string;
    await psqlAsPostgres(NAME, 'postgres', `CREATE ROLE ${quoteIdent(CLIENT.user)} LOGIN PASSWORD ${quoteLiteral(CLIENT.password)};\nGRANT CONNECT ON DATABASE ${quoteIdent(DB)} TO ${quoteIdent(CLIENT.user)};\n`);
    original = await platformState();
  }, 300_000);

  afterAll(async () => {
    await lab?.stop();
  });

  it('checks the rule strictly and plans without touching the platform', async () => {
    const refused = async (change: Record<string, string>) => (await call<WizardPlan>(lab.engine, 'wizards.plan', { wizardId: 'external-db-access', platformId: id, inputs: { ...inputs, ...change } })).error?.message ?? '';
    expect(await refused({ address: '0.0.0.0/0' })).toContain('every address');
    expect(await refused({ address: '127.0.0.1/32' })).toContain('loopback');
    expect(await refused({ address: `${BRIDGE_ADDRESS}/24` })).toContain('host part must be 0');
    expect(await refused({ database: 'x; reboot' })).toContain('must be "all" or a name');
    expect(await refused({ method: 'trust' })).toContain('must be one of');
    expect(await refused({ attest: '' })).toContain('Confirm');

    const plan = await call<WizardPlan>(lab.engine, 'wizards.plan', { wizardId: 'external-db-access', platformId: id, inputs });
    expect(plan.ok, plan.error?.message).toBe(true);
    const commands = plan.result.steps.flatMap((s) => s.commands.map((c) => c.text));
    expect(commands.some((c) => new RegExp(`^cp -p ${HBA} ${HBA}\\.backup-\\d{8}-\\d{6}$`).test(c))).toBe(true);
    expect(commands.some((c) => c.includes(`'host ${DB} ${CLIENT.user} ${BRIDGE_ADDRESS}/32 scram-sha-256'`))).toBe(true);
    expect(commands).toContain('/etc/init.d/S50postgresql restart');
    expect(await platformState()).toEqual(original);
    expect(await wizardEntries(lab, id)).toEqual([]);
    expect((await connectFromOutside(address)).stderr).toMatch(/no pg_hba\.conf entry/);
  });

  it('backs up pg_hba.conf, adds the rule, and the client can log in from outside', async () => {
    const start = await startWizard(lab.engine, 'external-db-access', id, inputs);
    expect(start.state, start.message ?? '').toBe('ready');
    const run: WizardRun = await runToEnd(lab.engine, start);
    expectDone(run);
    expect(run.steps.filter((s) => s.state === 'skipped').map((s) => s.id)).toEqual(['find-backup', 'restore', 'apps']);

    const after = await platformState();
    expect(after.hba).not.toBe(original.hba);
    expect(after.owner).toBe(original.owner);
    expect(after.backups).toHaveLength(1);
    expect(await sh(`sha256sum ${after.backups[0]} | cut -c1-64`)).toBe(original.hba);
    expect(await sh(`runuser -u postgres -- psql -X -At -c "SELECT count(*) FROM pg_hba_file_rules WHERE address = '${BRIDGE_ADDRESS}' AND '${CLIENT.user}' = ANY(user_name) AND error IS NULL"`)).toBe('1');
    expect(await connectFromOutside(address)).toMatchObject({ ok: true });
    await call(lab.engine, 'monitor.pollNow', { platformIds: [id] });
    expect((await activeAlarms(lab.engine, id)).filter((a) => a.kind.startsWith('service.'))).toEqual([]);

    const entries = await auditOf(lab.engine, run.runId);
    expect(entries.find((e) => e.command.startsWith(`cp -p ${HBA} ${HBA}.backup-`))?.exitCode).toBe(0);
    expect(entries.find((e) => e.command === '/etc/init.d/S50postgresql restart')?.exitCode).toBe(0);
    expect(entries.filter((e) => e.command !== '').every((e) => e.asRoot && e.exitCode !== null)).toBe(true);
    expect(entries.some((e) => e.confirmation?.includes('Add the rule'))).toBe(true);
    expectNoSecret(entries, LAB_SECRETS);
  });

  it('puts the original pg_hba.conf back in restore mode', async () => {
    const start = await startWizard(lab.engine, 'external-db-access', id, { mode: 'restore', attest: 'yes' });
    expect(start.state, start.message ?? '').toBe('ready');
    const run = await runToEnd(lab.engine, start);
    expectDone(run);
    expect(run.steps.filter((s) => s.state === 'skipped').map((s) => s.id)).toEqual(['backup', 'add-rule', 'apps']);
    const after = await platformState();
    expect(after.hba).toBe(original.hba);
    expect(after.owner).toBe(original.owner);
    expect((await connectFromOutside(address)).stderr).toMatch(/no pg_hba\.conf entry/);
    const entries = await auditOf(lab.engine, run.runId);
    expect(entries.find((e) => e.command.startsWith(`cat ${HBA}.backup-`) && e.command.endsWith(`> ${HBA}`))?.exitCode).toBe(0);
    expectNoSecret(entries, LAB_SECRETS);
  });
});
