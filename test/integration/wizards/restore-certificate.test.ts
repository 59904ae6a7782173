import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../electron/core/audit/auditLog';
import type { PlatformStatus } from '../../../electron/core/contract';
import type { WizardPlan } from '../../../electron/core/wizards/wizardWire';
import { customCertificate } from '../../lab/faults';
import { inPlatform } from '../../lab/platformNamespace';
import { isRoot } from '../connect/connectLab';
import { activeAlarms, auditOf, call, expectDone, expectNoSecret, runToEnd, startWizard, startWizardLab } from './wizardLab';
import type { WizardLab } from './wizardLab';

const NAME = 'cert1';
const LAB_SECRETS = ['ipapps', 'iplinux', 'pwd'];
const sh = (script: string) => inPlatform(NAME, ['sh', '-c', script], { allowFailure: true }).then((r) => r.stdout.trim());

/** The certificates as the platform holds and serves them, read with openssl and psql on the platform itself. */
async function platformState() {
  return {
    served: await sh('openssl s_client -connect 127.0.0.1:443 </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256 | cut -d= -f2'),
    default: await sh('openssl x509 -in /apps/webserver/default-cert.pem -noout -fingerprint -sha256 | cut -d= -f2'),
    uploaded: await sh(`psql -X -At -d manager -c "SELECT count(*) FROM config WHERE name='webserverCertificate'"`),
  };
}

async function statusOf(lab: WizardLab, id: string): Promise<PlatformStatus | undefined> {
  await call(lab.engine, 'monitor.pollNow', { platformIds: [id] });
  return (await call<{ statuses: Array<{ status: PlatformStatus }> }>(lab.engine, 'monitor.statuses')).result.statuses.find((s) => s.status.platformId === id)?.status;
}

const wizardEntries = async (lab: WizardLab, platformId: string) =>
  (await call<{ entries: AuditEntry[] }>(lab.engine, 'audit.list', { platformId })).result.entries.filter((e) => e.runId !== null || e.purpose.startsWith('wizard'));

describe.skipIf(!isRoot)('restore-certificate wizard (P11) against a lab platform serving an uploaded certificate', () => {
  let lab: WizardLab;
  let id: string;
  let customSha: string;

  beforeAll(async () => {
    lab = await startWizardLab({ platforms: [{ name: NAME, diskMiB: 128 }] });
    id = lab.ids[NAME] as string;
    await customCertificate(NAME);
    await inPlatform(NAME, ['/etc/init.d/S92manager', 'restart']);
    const status = await statusOf(lab, id);
    customSha = status?.certificate?.sha256 ?? '';
    // The partner trusted the uploaded certificate, as the console asks before the AP Manager login.
    expect((await call(lab.engine, 'webserver.trust', { platformId: id, sha256: customSha })).ok).toBe(true);
    expect((await statusOf(lab, id))?.certificate?.trusted).toBe(true);
  }, 300_000);

  afterAll(async () => {
    await lab?.stop();
  });

  it('raises the expiry alarm that suggests it, and plans without touching the platform', async () => {
    const before = await platformState();
    expect(before.uploaded).toBe('1');
    expect(before.served).not.toBe(before.default);
    expect(before.served.replace(/:/g, '').toLowerCase()).toBe(customSha.replace(/:/g, '').toLowerCase());
    expect((await activeAlarms(lab.engine, id)).find((a) => a.kind === 'certificate.expiry')?.wizard).toBe('restore-certificate');
    const plan = await call<WizardPlan>(lab.engine, 'wizards.plan', { wizardId: 'restore-certificate', platformId: id });
    expect(plan.ok, plan.error?.message).toBe(true);
    const commands = plan.result.steps.flatMap((s) => s.commands.map((c) => c.text));
    expect(commands).toEqual([`psql -d manager -c 'DELETE FROM config WHERE name='\\''webserverCertificate'\\'''`, '/etc/init.d/S92manager restart']);
    expect(plan.result.steps.filter((s) => s.destructive).map((s) => s.id)).toEqual(['delete']);
    expect(await platformState()).toEqual(before);
    expect(await wizardEntries(lab, id)).toEqual([]);
  });

  it('deletes the uploaded certificate and the platform serves its default certificate', async () => {
    const start = await startWizard(lab.engine, 'restore-certificate', id);
    expect(start.state, start.message ?? '').toBe('ready');
    const run = await runToEnd(lab.engine, start);
    expectDone(run);

    const after = await platformState();
    expect(after.uploaded).toBe('0');
    expect(after.served).toBe(after.default);
    const last = run.steps.at(-1)?.outcome ?? '';
    expect(last).toContain('the fingerprint changed');
    expect(last).toContain('Confirm the new fingerprint');
    const status = await statusOf(lab, id);
    expect(status?.certificate?.sha256.replace(/:/g, '').toLowerCase()).toBe(after.default.replace(/:/g, '').toLowerCase());
    expect(status?.certificate?.trusted).toBe(false);
    expect((await activeAlarms(lab.engine, id)).filter((a) => a.kind === 'certificate.expiry' || a.kind.startsWith('service.'))).toEqual([]);

    const entries = await auditOf(lab.engine, run.runId);
    expect(entries.find((e) => e.command.startsWith('psql -d manager -c \'DELETE FROM config'))?.exitCode).toBe(0);
    expect(entries.find((e) => e.command === '/etc/init.d/S92manager restart')?.exitCode).toBe(0);
    expect(entries.filter((e) => e.command !== '').every((e) => e.asRoot && e.exitCode !== null)).toBe(true);
    expect(entries.some((e) => e.confirmation?.includes('Delete the uploaded certificate'))).toBe(true);
    expect(JSON.stringify(entries)).not.toContain('PRIVATE KEY');
    expectNoSecret(entries, LAB_SECRETS);
  });
});
