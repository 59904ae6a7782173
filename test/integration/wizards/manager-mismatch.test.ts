import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../electron/core/audit/auditLog';
import type { WizardPlan } from '../../../electron/core/wizards/wizardWire';
import { breakManager, startManager, stopManager } from '../../lab/faults';
import { platformDir } from '../../lab/labPaths';
import { inPlatform } from '../../lab/platformNamespace';
import { isRoot } from '../connect/connectLab';
import { activeAlarms, auditOf, call, expectDone, expectNoSecret, runToEnd, startWizard, startWizardLab } from './wizardLab';
import type { WizardLab } from './wizardLab';

const VM = 'mm-vm';
const GW = 'mm-gw';
const GW64 = 'mm-gw64';
const LAB_SECRETS = ['ipapps', 'iplinux', 'pwd'];

/** What the wizard changes, read on the platform itself. */
async function platformState(name: string) {
  const sh = (script: string) => inPlatform(name, ['sh', '-c', script], { allowFailure: true }).then((r) => r.stdout.trim());
  return {
    manager: await sh('sha256sum /apps/manager/manager | cut -c1-64'),
    webserver: await sh('sha256sum /apps/webserver/webserver | cut -c1-64'),
    modes: await sh('stat -c "%U:%G %A" /apps/manager/manager /apps/webserver/webserver'),
    label: await sh('cat /mnt/sda1/label'),
    running: await sh('kill -0 "$(cat /run/manager.pid)" 2>/dev/null && echo running || echo stopped'),
  };
}

const sha256 = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');
const wizardEntries = async (lab: WizardLab, platformId: string) =>
  (await call<{ entries: AuditEntry[] }>(lab.engine, 'audit.list', { platformId })).result.entries.filter((e) => e.runId !== null || e.purpose.startsWith('wizard'));

describe.skipIf(!isRoot)('manager-mismatch wizard (P9) against a lab platform whose manager cannot load libcrypto.so.3', () => {
  let lab: WizardLab;
  let id: string;
  let files: { manager: string; webserver: string };

  beforeAll(async () => {
    lab = await startWizardLab({
      platforms: [
        { name: VM, kind: 'full', diskMiB: 128 },
        { name: GW, kind: 'light', diskMiB: 32, formFactor: 'gateway-arm' },
        { name: GW64, kind: 'light', diskMiB: 32, formFactor: 'gateway-arm64' },
      ],
    });
    id = lab.ids[VM] as string;
    await breakManager(VM);
    await stopManager(VM);
    expect((await startManager(VM)).code).not.toBe(0);
    // The binaries the partner provides: the lab's original manager (kept by the fault) and its webserver.
    const dir = await mkdtemp(join(tmpdir(), 'apc-mismatch-'));
    files = { manager: join(dir, 'manager'), webserver: join(dir, 'webserver') };
    await copyFile(join(platformDir(VM), 'apps', 'manager', 'manager.lab-original'), files.manager);
    await copyFile(join(platformDir(VM), 'apps', 'webserver', 'webserver'), files.webserver);
    await call(lab.engine, 'monitor.pollNow', { platformIds: Object.values(lab.ids) });
  }, 300_000);

  afterAll(async () => {
    await lab?.stop();
  });

  it('plans the documented download for each form factor without touching the platform', async () => {
    expect((await activeAlarms(lab.engine, id)).find((a) => a.kind === 'service.manager')?.wizard).toBe('manager-mismatch');
    const before = await platformState(VM);
    const expected: Record<string, string> = { [VM]: 'x86_64', [GW]: 'arm', [GW64]: 'arm64' };
    for (const [name, arch] of Object.entries(expected)) {
      const plan = await call<WizardPlan>(lab.engine, 'wizards.plan', { wizardId: 'manager-mismatch', platformId: lab.ids[name], inputs: { source: 'download' } });
      expect(plan.ok, plan.error?.message).toBe(true);
      const commands = plan.result.steps.flatMap((s) => s.commands.map((c) => c.text));
      expect(commands).toEqual(
        expect.arrayContaining([
          '/etc/init.d/S92manager stop',
          'timeout 20 /apps/manager/manager 2>&1',
          `wget --no-check-certificate -O /apps/manager/manager https://webbuild.innovaphone.com/1410593/${arch}/manager/manager`,
          `wget --no-check-certificate -O /apps/webserver/webserver https://webbuild.innovaphone.com/1410593/${arch}/webserver/webserver`,
          'chown root:root /apps/manager/manager',
          'chmod +x /apps/webserver/webserver',
          'echo 110000 > /mnt/sda1/label',
          '/etc/init.d/S92manager start',
        ]),
      );
      expect(plan.result.steps.at(-1)?.explanation).toContain('perform an image update first');
    }
    const missing = await call<WizardPlan>(lab.engine, 'wizards.plan', { wizardId: 'manager-mismatch', platformId: id, inputs: { source: 'files' } });
    expect(missing.ok).toBe(false);
    expect(missing.error?.message).toContain('Pick the manager file');
    expect(await platformState(VM)).toEqual(before);
    expect(await wizardEntries(lab, id)).toEqual([]);
  });

  it('puts the provided manager and webserver in place and the manager starts again', async () => {
    const start = await startWizard(lab.engine, 'manager-mismatch', id, { source: 'files', managerFile: files.manager, webserverFile: files.webserver });
    expect(start.state, start.message ?? '').toBe('ready');
    const run = await runToEnd(lab.engine, start);
    expectDone(run);
    expect(run.steps.find((s) => s.id === 'diagnose')?.output).toContain('error while loading shared libraries: libcrypto.so.3');

    const after = await platformState(VM);
    expect(after.manager).toBe(await sha256(files.manager));
    expect(after.webserver).toBe(await sha256(files.webserver));
    expect(after.modes.split('\n').every((line) => /^root:root -..x/.test(line))).toBe(true);
    expect(after.label).toBe('110000');
    expect(after.running).toBe('running');
    expect((await inPlatform(VM, ['ls', '/home/admin'])).stdout).not.toContain('manager-1410593');
    await call(lab.engine, 'monitor.pollNow', { platformIds: [id] });
    expect((await activeAlarms(lab.engine, id)).filter((a) => a.kind.startsWith('service.'))).toEqual([]);

    const entries = await auditOf(lab.engine, run.runId);
    for (const text of ['mv -f /home/admin/manager-1410593 /apps/manager/manager', 'mv -f /home/admin/webserver-1410593 /apps/webserver/webserver', 'echo 110000 > /mnt/sda1/label', '/etc/init.d/S92manager start']) {
      expect(entries.filter((e) => e.command === text).map((e) => e.exitCode), text).toContain(0);
    }
    expect(entries.find((e) => e.command === 'timeout 20 /apps/manager/manager 2>&1')?.exitCode).toBe(127);
    expect(entries.filter((e) => e.command !== '').every((e) => e.asRoot && e.exitCode !== null)).toBe(true);
    expect(entries.filter((e) => e.confirmation).map((e) => e.confirmation)).toEqual(expect.arrayContaining([expect.stringContaining('Stop the manager'), expect.stringContaining('Put the manager and webserver')]));
    expectNoSecret(entries, LAB_SECRETS);
  });
});
