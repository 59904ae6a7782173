import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FleetList, ImportReport, Platform, Site } from '../../electron/core/contract';
import type { EventMessage, ResponseMessage } from '../../electron/core/contract';
import { createEngine } from '../../electron/core/engine';
import type { Engine } from '../../electron/core/engine';
import { InventoryDocument } from '../../electron/core/fleet/inventory';
import { FLEET_FILE } from '../../electron/core/fleet/inventoryStore';

let dataDir: string;
let engine: Engine;
let events: EventMessage[];
const errors: unknown[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'apc-engine-fleet-'));
  engine = createEngine({ mode: 'web', dataDir: join(dataDir, 'data'), log: { info: () => undefined, error: (_m, e) => errors.push(e) } });
  events = [];
  engine.subscribe((message) => events.push(message));
});
afterEach(async () => {
  expect(errors).toEqual([]);
  await rm(dataDir, { recursive: true, force: true });
});

let nextId = 1;
const call = (method: string, params: unknown = {}): Promise<ResponseMessage> => engine.dispatch({ id: nextId++, method, params });

async function ok<T>(method: string, params: unknown, schema: { parse(value: unknown): T }): Promise<T> {
  const response = await call(method, params);
  if (!response.ok) throw new Error(`${method} failed: ${JSON.stringify(response.error)}`);
  return schema.parse(response.result);
}

async function siteWithPlatforms() {
  const site = await ok('fleet.addSite', { name: 'Muster GmbH', tags: ['berlin'] }, Site);
  const ap1 = await ok('fleet.addPlatform', { siteId: site.id, name: 'ap1', address: '10.0.0.1' }, Platform);
  const ap2 = await ok('fleet.addPlatform', { siteId: site.id, name: 'ap2', address: '10.0.0.2', jumpHostIds: [ap1.id] }, Platform);
  return { site, ap1, ap2 };
}

describe('the fleet through the contract', () => {
  it('adds, lists, searches, updates and announces each change', async () => {
    const { site, ap1, ap2 } = await siteWithPlatforms();
    expect(ap1).toMatchObject({ siteId: site.id, sshPort: 22, sshUser: 'admin', diskAlarmPercent: 90, formFactor: null });
    const list = await ok('fleet.list', {}, FleetList);
    expect(list).toMatchObject({ totals: { sites: 1, platforms: 2, bastions: 0 }, problem: null });
    expect(list.platforms.map((p) => p.name)).toEqual(['ap1', 'ap2']);
    const found = await ok('fleet.list', { query: '10.0.0.2' }, FleetList);
    expect(found.platforms.map((p) => p.id)).toEqual([ap2.id]);
    expect(found.totals.platforms).toBe(2);

    const updated = await ok('fleet.updatePlatform', { id: ap1.id, sshPort: 2222, formFactor: 'gateway-arm' }, Platform);
    expect(updated).toMatchObject({ id: ap1.id, sshPort: 2222, formFactor: 'gateway-arm', address: '10.0.0.1' });
    expect(events.map((e) => e.event)).toEqual(['fleet.changed', 'fleet.changed', 'fleet.changed', 'fleet.changed']);
    expect(events.at(-1)?.payload).toEqual({ changedIds: [ap1.id], totals: { sites: 1, platforms: 2, bastions: 0 } });
    const onDisk = InventoryDocument.parse(JSON.parse(await readFile(join(dataDir, 'data', FLEET_FILE), 'utf8')));
    expect(onDisk.platforms.find((p) => p.id === ap1.id)?.sshPort).toBe(2222);
  });

  it('answers bad params with invalid_params naming the field', async () => {
    const { site, ap1 } = await siteWithPlatforms();
    const cases: [string, unknown, string][] = [
      ['fleet.addPlatform', { siteId: site.id, name: 'x', address: '999.1.1.1' }, 'params.address'],
      ['fleet.addPlatform', { siteId: site.id, name: 'x', address: '10.0.0.9', sshPort: 70000 }, 'params.sshPort'],
      ['fleet.addPlatform', { siteId: site.id, name: 'x', address: '10.0.0.9', credentials: { passwordRef: 'plain password' } }, 'params.credentials.passwordRef'],
      ['fleet.addPlatform', { siteId: site.id, address: '10.0.0.9' }, 'params.name'],
      ['fleet.addPlatform', { siteId: site.id, name: 'x', address: '10.0.0.9', jumpHostIds: Array.from({ length: 9 }, () => ap1.id) }, 'params.jumpHostIds'],
      ['fleet.updateSite', { id: site.id, name: '' }, 'params.name'],
      ['fleet.addSite', { name: 'x', colour: 'blue' }, 'params'],
      ['fleet.importPreview', { source: { kind: 'excel', text: '' } }, 'params.source.kind'],
      ['fleet.export', { format: 'xml' }, 'params.format'],
      // Rules of the inventory, not of the schema, name their field the same way.
      ['fleet.addPlatform', { siteId: site.id, name: 'AP1', address: '10.0.0.9' }, 'params.name'],
      ['fleet.addPlatform', { siteId: 'site-nothere', name: 'x', address: '10.0.0.9' }, 'params.siteId'],
      ['fleet.updatePlatform', { id: ap1.id, jumpHostIds: ['ap-unknown'] }, 'params.jumpHostIds.0'],
      ['fleet.addSite', { name: 'muster gmbh' }, 'params.name'],
    ];
    for (const [method, params, field] of cases) {
      expect(await call(method, params), `${method} ${JSON.stringify(params)}`).toMatchObject({ ok: false, error: { code: 'invalid_params', field } });
    }
    const plain = await call('fleet.addPlatform', { siteId: site.id, name: 'x', address: '10.0.0.9', credentials: { passwordRef: 'plain password' } });
    expect(JSON.stringify(plain)).not.toContain('plain password');
  });

  it('refuses a jump host loop with the hosts named', async () => {
    const { ap1, ap2 } = await siteWithPlatforms();
    const loop = await call('fleet.updatePlatform', { id: ap1.id, jumpHostIds: [ap2.id] });
    expect(loop).toMatchObject({ ok: false, error: { code: 'invalid_params', field: 'params.jumpHostIds', message: expect.stringMatching(/loop: Muster GmbH\/ap1 → Muster GmbH\/ap2 → Muster GmbH\/ap1/) } });
  });

  it('removes a site with platforms only with cascade, and says why otherwise', async () => {
    const { site, ap1, ap2 } = await siteWithPlatforms();
    expect(await call('fleet.removeSite', { id: site.id })).toMatchObject({ ok: false, error: { code: 'failed', reason: 'site_not_empty', message: expect.stringMatching(/has 2 platforms/) } });
    expect(await call('fleet.removePlatform', { id: ap1.id })).toMatchObject({ ok: false, error: { code: 'failed', reason: 'in_use', message: expect.stringMatching(/jump host of Muster GmbH\/ap2/) } });
    expect(await call('fleet.removeSite', { id: site.id, cascade: true })).toMatchObject({ ok: true, result: { siteIds: [site.id], platformIds: [ap1.id, ap2.id], bastionIds: [] } });
    expect(await call('fleet.removeSite', { id: site.id, cascade: true })).toMatchObject({ ok: false, error: { code: 'failed', reason: 'not_found' } });
    expect(await ok('fleet.list', {}, FleetList)).toMatchObject({ sites: [], platforms: [] });
  });

  it('imports CSV after a preview, and exports CSV and JSON without any secret', async () => {
    await call('vault.initialise', { masterPassword: 'correct horse battery' });
    await call('vault.setSecret', { ref: 'platform:shared:admin-password', secret: 'Vault-Only-5150' });
    const csv = 'site;name;address;password_ref;jump_hosts\nA;ap1;10.0.0.1;platform:shared:admin-password;\nA;ap2;10.0.0.2;;ap1\nA;bad;10.0.0.300;;\n';
    const preview = await ok('fleet.importPreview', { source: { kind: 'csv', text: csv } }, ImportReport);
    expect(preview).toMatchObject({ applied: false, added: 3, skipped: 1 });
    expect(preview.items.find((i) => i.name === 'bad')).toMatchObject({ action: 'skip', line: 4 });
    expect(await ok('fleet.list', {}, FleetList)).toMatchObject({ platforms: [] });
    expect(events).toEqual([]);

    const applied = await ok('fleet.importApply', { source: { kind: 'csv', text: csv } }, ImportReport);
    expect(applied).toMatchObject({ applied: true, added: 3, skipped: 1 });
    expect(applied.items.filter((i) => i.action === 'add').every((i) => i.id !== null)).toBe(true);
    expect(events).toHaveLength(1);
    const list = await ok('fleet.list', {}, FleetList);
    expect(list.platforms.map((p) => [p.name, p.credentials.passwordRef])).toEqual([
      ['ap1', 'platform:shared:admin-password'],
      ['ap2', null],
    ]);

    const csvOut = (await call('fleet.export', { format: 'csv' })) as { ok: true; result: { text: string; fileName: string } };
    expect(csvOut.result.fileName).toMatch(/^fleet-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csvOut.result.text).toContain('platform:shared:admin-password');
    const jsonOut = (await call('fleet.export', { format: 'json' })) as { ok: true; result: { text: string } };
    expect(JSON.parse(jsonOut.result.text)).toMatchObject({ kind: 'ap-console-fleet', version: 1, platforms: [{ name: 'ap1' }, { name: 'ap2' }] });
    for (const text of [csvOut.result.text, jsonOut.result.text, JSON.stringify(applied)]) expect(text).not.toContain('Vault-Only-5150');
    for (const file of await readdir(join(dataDir, 'data'))) expect(await readFile(join(dataDir, 'data', file), 'utf8')).not.toContain('Vault-Only-5150');
  });

  it('imports a lab fleet file with its passwords only into an unlocked vault', async () => {
    const lab = join(dataDir, 'lab');
    await mkdir(lab);
    const fleet = { kind: 'ap-console-lab-fleet', version: 1, sites: [{ name: 'Lab', platforms: [{ name: 'lab-a', address: '10.237.0.2', sshPort: 22, sshUser: 'admin', formFactor: 'vm', sshServer: 'dropbear', expectedRole: 'standalone' }] }], replication: [] };
    await writeFile(join(lab, 'fleet.json'), JSON.stringify(fleet));
    await writeFile(join(lab, 'fleet-secrets.json'), JSON.stringify({ kind: 'ap-console-lab-secrets', version: 1, platforms: { 'lab-a': { adminPassword: 'Lab-Admin-7', rootPassword: 'Lab-Root-7' } } }));
    const source = { kind: 'labFleet', path: join(lab, 'fleet.json') };
    expect(await call('fleet.importApply', { source, secrets: true })).toMatchObject({ ok: false, error: { code: 'failed', reason: 'uninitialised' } });
    await call('vault.initialise', { masterPassword: 'correct horse battery' });
    await call('vault.lock');
    expect(await call('fleet.importApply', { source, secrets: true })).toMatchObject({ ok: false, error: { code: 'failed', reason: 'locked' } });
    expect(await ok('fleet.list', {}, FleetList)).toMatchObject({ platforms: [] });
    await call('vault.unlock', { masterPassword: 'correct horse battery' });
    const report = await ok('fleet.importApply', { source, secrets: true }, ImportReport);
    const [platform] = (await ok('fleet.list', {}, FleetList)).platforms;
    expect(report.secrets.refs.sort()).toEqual([`platform:${platform?.id}:admin-password`, `platform:${platform?.id}:root-password`]);
    expect(await call('vault.status')).toMatchObject({ result: { refs: report.secrets.refs.sort() } });
    expect(JSON.stringify(report)).not.toContain('Lab-Admin-7');
  });
});
