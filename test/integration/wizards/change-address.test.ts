import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetList, PlatformStatus } from '../../../electron/core/contract';
import type { Engine } from '../../../electron/core/engine';
import type { WizardRun } from '../../../electron/core/wizards/wizardWire';
import { psqlAsPostgres } from '../../lab/postgres';
import { addAddress, spareAddress } from '../../lab/secondAddress';
import { FleetSpec } from '../../lab/labSpec';
import { isRoot } from '../connect/connectLab';
import { activeAlarms, auditOf, call, expectDone, expectNoSecret, runToEnd, startWizard, startWizardLab } from './wizardLab';
import type { WizardLab } from './wizardLab';

const AP = 'ca-ap';
const OTHER = 'ca-other';

const addressOf = async (engine: Engine, id: string) => (await call<FleetList>(engine, 'fleet.list')).result.platforms.find((p) => p.id === id)?.address;
const statusOf = async (engine: Engine, id: string) => (await call<{ statuses: Array<{ status: PlatformStatus }> }>(engine, 'monitor.statuses')).result.statuses.find((s) => s.status.platformId === id)?.status;

describe.skipIf(!isRoot)('change-address against the lab', () => {
  let lab: WizardLab;

  beforeAll(async () => {
    lab = await startWizardLab(
      FleetSpec.parse({
        platforms: [
          { name: AP, kind: 'full', diskMiB: 128, instances: [{ domain: 'example.com', name: 'app1', sizeMiB: 0 }, { domain: 'example.com', name: 'app2', sizeMiB: 0 }] },
          { name: OTHER, kind: 'full', diskMiB: 96 },
        ],
      }),
    );
  }, 300_000);
  afterAll(async () => lab?.stop());

  it('walks the checklist in order and verifies the new address: same host key, same certificate, new domains', async () => {
    const id = lab.ids[AP] as string;
    const oldAddress = (await addressOf(lab.engine, id)) as string;
    const certificate = (await statusOf(lab.engine, id))?.certificate?.sha256;
    expect(certificate).toBeTruthy();
    const newAddress = spareAddress();
    const start = await startWizard(lab.engine, 'change-address', id, { newAddress, newDomain: 'example.org' });
    expect(start.state, start.message ?? '').toBe('ready');
    expect(start.steps.map((s) => s.id)).toEqual(['before', 'ap-settings', 'ap-instances', 'pbx', 'other-devices', 'address', 'inventory', 'verify']);
    const instances = start.steps.find((s) => s.id === 'ap-instances')?.manual?.values ?? [];
    expect(instances).toContainEqual({ label: 'example.com/app1: Domain', value: 'example.com → example.org' });
    expect(instances).toContainEqual({ label: 'example.com/app2: Domain', value: 'example.com → example.org' });
    expect(start.steps.find((s) => s.id === 'ap-settings')?.manual?.values[0]).toEqual({ label: 'Settings - General: Devices app URL', value: `replace ${oldAddress} → ${newAddress}` });

    const run = await runToEnd(lab.engine, start, async (stepId) => {
      // What the partner does: the Domain of each instance in the AP Manager, the address itself, the inventory.
      if (stepId === 'ap-instances') await psqlAsPostgres(AP, 'manager', "UPDATE instances SET domain = 'example.org';\n");
      if (stepId === 'address') await addAddress(AP, newAddress);
      if (stepId === 'inventory') expect((await call(lab.engine, 'fleet.updatePlatform', { id, address: newAddress })).ok).toBe(true);
    });
    expectDone(run);
    expect(await addressOf(lab.engine, id)).toBe(newAddress);
    expect(run.steps.find((s) => s.id === 'verify')?.outcome).toContain(`SSH and HTTPS answer at ${newAddress} with the same host key and certificate; instance domains: example.org`);

    await call(lab.engine, 'monitor.pollNow', { platformIds: [id] });
    const status = await statusOf(lab.engine, id);
    expect(status?.reach.state).toBe('ok');
    expect(status?.certificate?.sha256).toBe(certificate);
    expect([...new Set(status?.instances?.map((i) => i.domain))]).toEqual(['example.org']);
    expect((await activeAlarms(lab.engine, id)).map((a) => a.kind)).toEqual([]);
    const audit = await auditOf(lab.engine, run.runId);
    expect(audit.filter((e) => e.confirmation).length).toBe(6);
    expectNoSecret(audit, ['ipapps', 'iplinux', 'pwd']);
  });

  it('refuses an address where another server answers: its host key is not the pinned one', async () => {
    const id = lab.ids[OTHER] as string;
    const elsewhere = (await addressOf(lab.engine, lab.ids[AP] as string)) as string;
    const own = (await addressOf(lab.engine, id)) as string;
    const start = await startWizard(lab.engine, 'change-address', id, { newAddress: elsewhere });
    const run: WizardRun = await runToEnd(lab.engine, start, async (stepId) => {
      if (stepId === 'inventory') expect((await call(lab.engine, 'fleet.updatePlatform', { id, address: elsewhere })).ok).toBe(true);
    });
    expect(run.state).toBe('failed');
    expect(run.steps.find((s) => s.id === 'inventory')?.state).toBe('failed');
    expect(run.message).toContain('Host key changed');
    expect((await statusOf(lab.engine, id))?.reach.state).toBe('host_key_changed');
    expect((await call(lab.engine, 'fleet.updatePlatform', { id, address: own })).ok).toBe(true);
    await call(lab.engine, 'wizards.cancel', { runId: run.runId });
  });
});
