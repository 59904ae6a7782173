import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InventoryDocument } from '../../electron/core/fleet/inventory';
import { addPlatform, addSite } from '../../electron/core/fleet/inventoryEdits';
import { FLEET_FILE, createInventoryStore } from '../../electron/core/fleet/inventoryStore';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'apc-fleet-store-'));
});
afterEach(async () => rm(dataDir, { recursive: true, force: true }));

describe('createInventoryStore', () => {
  it('starts empty without a file and writes fleet.json only on a change', async () => {
    const store = createInventoryStore(dataDir);
    expect(await store.read()).toEqual({ version: 1, sites: [], platforms: [], bastions: [] });
    expect(await readdir(dataDir)).toEqual([]);
    await store.change((inv) => ({ inventory: inv, result: null, changedIds: [] }));
    expect(await readdir(dataDir)).toEqual([]);
    const site = await store.change((inv) => addSite(inv, { name: 'Muster GmbH' }));
    expect(await readdir(dataDir)).toEqual([FLEET_FILE]);
    const onDisk = InventoryDocument.parse(JSON.parse(await readFile(join(dataDir, FLEET_FILE), 'utf8')));
    expect(onDisk.sites).toEqual([site.result]);
  });

  it('reads back what an earlier process wrote', async () => {
    const first = createInventoryStore(dataDir);
    const site = await first.change((inv) => addSite(inv, { name: 'Muster GmbH' }));
    const platform = await first.change((inv) => addPlatform(inv, { siteId: site.result.id, name: 'ap1', address: '10.0.0.1' }));
    const second = createInventoryStore(dataDir);
    expect((await second.read()).platforms).toEqual([platform.result]);
    expect(second.problem()).toBeNull();
  });

  it('runs concurrent changes one after another, so none is lost', async () => {
    const store = createInventoryStore(dataDir);
    const site = await store.change((inv) => addSite(inv, { name: 'Muster GmbH' }));
    await Promise.all(Array.from({ length: 25 }, (_, i) => store.change((inv) => addPlatform(inv, { siteId: site.result.id, name: `ap${i}`, address: `10.0.0.${i + 1}` }))));
    const again = createInventoryStore(dataDir);
    expect((await again.read()).platforms.map((p) => p.name).sort()).toEqual(Array.from({ length: 25 }, (_, i) => `ap${i}`).sort());
  });

  it('keeps the inventory as it was when an edit is refused', async () => {
    const store = createInventoryStore(dataDir);
    const site = await store.change((inv) => addSite(inv, { name: 'Muster GmbH' }));
    await expect(store.change((inv) => addSite(inv, { name: 'muster gmbh' }))).rejects.toThrow(/already exists/);
    expect((await createInventoryStore(dataDir).read()).sites).toEqual([site.result]);
  });

  it('keeps an unreadable fleet.json aside, reports it and starts empty', async () => {
    await writeFile(join(dataDir, FLEET_FILE), '{"version":1,"sites":[{"id":"s1"}]');
    const store = createInventoryStore(dataDir);
    expect((await store.read()).sites).toEqual([]);
    expect(store.problem()).toMatch(/could not be read and was kept as .*fleet\.json\.unreadable-/);
    const files = await readdir(dataDir);
    expect(files.some((f) => f.startsWith(`${FLEET_FILE}.unreadable-`))).toBe(true);
    const aside = files.find((f) => f.startsWith(`${FLEET_FILE}.unreadable-`)) ?? '';
    expect(await readFile(join(dataDir, aside), 'utf8')).toBe('{"version":1,"sites":[{"id":"s1"}]');
  });
});
