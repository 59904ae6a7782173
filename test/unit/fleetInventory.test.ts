import { describe, expect, it } from 'vitest';
import { isFleetError } from '../../electron/core/fleet/fleetError';
import type { FleetErrorReason } from '../../electron/core/fleet/fleetError';
import { InventoryDocument, emptyInventory } from '../../electron/core/fleet/inventory';
import type { Inventory } from '../../electron/core/fleet/inventory';
import {
  addBastion,
  addPlatform,
  addSite,
  removeBastion,
  removePlatform,
  removeSite,
  updatePlatform,
  updateSite,
} from '../../electron/core/fleet/inventoryEdits';
import { sshTargetFor } from '../../electron/core/fleet/sshTargetFor';
import { secretRef } from '../../electron/core/vault/secretRef';
import { NO_CREDENTIALS, platformDefaults } from './support/fleetFixtures';

function refusal(work: () => unknown): { reason: FleetErrorReason; field: string | undefined; message: string } {
  try {
    work();
  } catch (error) {
    if (isFleetError(error)) return { reason: error.reason, field: error.field, message: error.message };
    throw error;
  }
  throw new Error('expected the edit to be refused');
}

/** An inventory with site A (ap1, ap2), site B (ap1) and a bastion. */
function sample() {
  let inv: Inventory = emptyInventory();
  const siteA = addSite(inv, { name: 'Muster GmbH', customer: 'Muster', tags: ['berlin'] });
  inv = siteA.inventory;
  const siteB = addSite(inv, { name: 'Beispiel AG' });
  inv = siteB.inventory;
  const a1 = addPlatform(inv, { siteId: siteA.result.id, name: 'ap1', address: '10.0.0.1' });
  inv = a1.inventory;
  const a2 = addPlatform(inv, { siteId: siteA.result.id, name: 'ap2', address: 'ap2.muster.example', sshPort: 2222 });
  inv = a2.inventory;
  const b1 = addPlatform(inv, { siteId: siteB.result.id, name: 'ap1', address: 'fd00::5' });
  inv = b1.inventory;
  const jump = addBastion(inv, { name: 'jump', address: '203.0.113.10', sshUser: 'ops' });
  inv = jump.inventory;
  return { inv, siteA: siteA.result, siteB: siteB.result, a1: a1.result, a2: a2.result, b1: b1.result, jump: jump.result };
}

describe('adding and editing', () => {
  it('fills the defaults of a new platform and keeps its id through edits', () => {
    const { inv, a1 } = sample();
    expect(a1).toMatchObject({ ...platformDefaults(), credentials: NO_CREDENTIALS });
    const renamed = updatePlatform(inv, { id: a1.id, name: 'ap1-renamed', formFactor: 'gateway-arm64', credentials: { passwordRef: `platform:${a1.id}:admin-password` } });
    expect(renamed.result.id).toBe(a1.id);
    expect(renamed.result).toMatchObject({ name: 'ap1-renamed', address: '10.0.0.1', formFactor: 'gateway-arm64', credentials: { passwordRef: `platform:${a1.id}:admin-password`, rootPasswordRef: null } });
    expect(renamed.changedIds).toEqual([a1.id]);
    expect(InventoryDocument.parse(renamed.inventory)).toEqual(renamed.inventory);
  });

  it('gives every entry its own id that vault refs and host key pins accept', () => {
    const { inv } = sample();
    const ids = [...inv.sites, ...inv.platforms, ...inv.bastions].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(secretRef('platform', id, 'admin-password')).toBe(`platform:${id}:admin-password`);
  });

  it('refuses a second site of the same name, whatever its case', () => {
    const { inv } = sample();
    expect(refusal(() => addSite(inv, { name: '  muster gmbh ' }))).toMatchObject({ reason: 'invalid', field: 'name', message: expect.stringMatching(/already exists/) });
  });

  it('refuses a duplicate platform name within a site but not across sites', () => {
    const { inv, siteA, siteB, a2 } = sample();
    expect(refusal(() => addPlatform(inv, { siteId: siteA.id, name: 'AP1', address: '10.0.0.9' }))).toMatchObject({ reason: 'invalid', field: 'name', message: expect.stringContaining('Muster GmbH') });
    expect(refusal(() => updatePlatform(inv, { id: a2.id, name: 'ap1' }))).toMatchObject({ field: 'name' });
    expect(addPlatform(inv, { siteId: siteB.id, name: 'ap2', address: '10.0.0.9' }).result.name).toBe('ap2');
  });

  it('names the field of a bad address, port or ref', () => {
    const { inv, siteA } = sample();
    const bad: [Record<string, unknown>, string][] = [
      [{ address: '10.0.0.256' }, 'address'],
      [{ address: 'ap 1.example' }, 'address'],
      [{ address: '[fd00::1]' }, 'address'],
      [{ address: '-oProxyCommand=x' }, 'address'],
      [{ sshPort: 0 }, 'sshPort'],
      [{ sshPort: 65536 }, 'sshPort'],
      [{ sshUser: '-x' }, 'sshUser'],
      [{ diskAlarmPercent: 101 }, 'diskAlarmPercent'],
      [{ credentials: { passwordRef: 'hunter2 is my password' } }, 'credentials.passwordRef'],
      [{ tags: ['a,b'] }, 'tags.0'],
    ];
    for (const [change, field] of bad) {
      const problem = refusal(() => addPlatform(inv, { siteId: siteA.id, name: 'new', address: '10.0.0.9', ...change }));
      expect(problem, JSON.stringify(change)).toMatchObject({ reason: 'invalid', field });
      expect(problem.message).not.toContain('hunter2');
    }
  });

  it('refuses a platform in a site that does not exist', () => {
    expect(refusal(() => addPlatform(sample().inv, { siteId: 'site-000000000000', name: 'x', address: '10.0.0.9' }))).toMatchObject({ field: 'siteId' });
  });

  it('updates a site and reports a missing one as not found', () => {
    const { inv, siteA } = sample();
    expect(updateSite(inv, { id: siteA.id, notes: 'HQ', tags: [] }).result).toMatchObject({ name: 'Muster GmbH', customer: 'Muster', notes: 'HQ', tags: [] });
    expect(refusal(() => updateSite(inv, { id: 'site-nothere', notes: 'x' }))).toMatchObject({ reason: 'not_found' });
  });
});

describe('jump hosts', () => {
  it('accepts bastions and platforms of other sites as jump hosts', () => {
    const { inv, a1, b1, jump } = sample();
    const via = updatePlatform(inv, { id: b1.id, jumpHostIds: [jump.id, a1.id] });
    expect(via.result.jumpHostIds).toEqual([jump.id, a1.id]);
  });

  it('refuses a jump host that does not exist, itself, or one listed twice', () => {
    const { inv, a1, jump } = sample();
    expect(refusal(() => updatePlatform(inv, { id: a1.id, jumpHostIds: [jump.id, 'ap-nothere'] }))).toMatchObject({ field: 'jumpHostIds.1', message: expect.stringMatching(/neither a platform nor a bastion/) });
    expect(refusal(() => updatePlatform(inv, { id: a1.id, jumpHostIds: [a1.id] }))).toMatchObject({ field: 'jumpHostIds.0', message: expect.stringMatching(/its own jump host/) });
    expect(refusal(() => updatePlatform(inv, { id: a1.id, jumpHostIds: [jump.id, jump.id] }))).toMatchObject({ field: 'jumpHostIds.1', message: expect.stringMatching(/twice/) });
  });

  it('refuses a loop, naming the hosts in it', () => {
    const { inv, a1, a2, jump } = sample();
    const first = updatePlatform(inv, { id: a1.id, jumpHostIds: [a2.id] }).inventory;
    const second = updateBastion(first, jump.id, [a1.id]);
    const loop = refusal(() => updatePlatform(second, { id: a2.id, jumpHostIds: [jump.id] }));
    expect(loop).toMatchObject({ reason: 'invalid', field: 'jumpHostIds' });
    expect(loop.message).toMatch(/loop/);
    expect(loop.message).toContain('Muster GmbH/ap1');
    expect(loop.message).toContain('jump');
  });

  it('refuses a way that needs more than 8 jump hosts in all', () => {
    let inv = emptyInventory();
    const ids: string[] = [];
    for (let i = 0; i < 9; i++) {
      const b = addBastion(inv, { name: `b${i}`, address: `10.1.0.${i + 1}`, jumpHostIds: i === 0 ? [] : [ids[i - 1] as string] });
      inv = b.inventory;
      ids.push(b.result.id);
    }
    const site = addSite(inv, { name: 'S' });
    const eight = addPlatform(site.inventory, { siteId: site.result.id, name: 'eight', address: '10.2.0.1', jumpHostIds: [ids[7] as string] });
    expect(sshTargetFor(eight.inventory, eight.result.id).jumps).toHaveLength(8);
    const problem = refusal(() => addPlatform(site.inventory, { siteId: site.result.id, name: 'deep', address: '10.2.0.1', jumpHostIds: [ids[8] as string] }));
    expect(problem).toMatchObject({ field: 'jumpHostIds', message: expect.stringMatching(/needs 9 jump hosts \(b0 → .* → b8\); at most 8/) });
    const flat = addBastion(eight.inventory, { name: 'extra', address: '10.1.1.1' });
    const wide = refusal(() => updatePlatform(flat.inventory, { id: eight.result.id, jumpHostIds: [ids[7] as string, flat.result.id] }));
    expect(wide).toMatchObject({ field: 'jumpHostIds', message: expect.stringMatching(/needs 9 jump hosts \(b0 → .* → extra\); at most 8/) });
    expect(refusal(() => addPlatform(site.inventory, { siteId: site.result.id, name: 'wide', address: '10.2.0.1', jumpHostIds: ids }))).toMatchObject({ field: 'jumpHostIds' });
  });
});

function updateBastion(inv: Inventory, id: string, jumpHostIds: string[]): Inventory {
  const bastion = inv.bastions.find((b) => b.id === id);
  if (!bastion) throw new Error('no bastion');
  return { ...inv, bastions: inv.bastions.map((b) => (b.id === id ? { ...b, jumpHostIds } : b)) };
}

describe('replication roles', () => {
  it('wants a primary as the expected primary of a standby, and at most 8 standbys', () => {
    const { inv, siteA, a1, a2 } = sample();
    expect(refusal(() => updatePlatform(inv, { id: a2.id, expectedRole: 'standby', expectedPrimaryId: a1.id }))).toMatchObject({ field: 'expectedPrimaryId', message: expect.stringMatching(/not expected to be a primary/) });
    let next = updatePlatform(inv, { id: a1.id, expectedRole: 'primary' }).inventory;
    next = updatePlatform(next, { id: a2.id, expectedRole: 'standby', expectedPrimaryId: a1.id }).inventory;
    expect(refusal(() => updatePlatform(next, { id: a1.id, expectedRole: 'standalone' }))).toMatchObject({ reason: 'in_use', field: 'expectedRole' });
    expect(refusal(() => updatePlatform(next, { id: a2.id, expectedPrimaryId: a2.id }))).toMatchObject({ field: 'expectedPrimaryId' });
    for (let i = 0; i < 7; i++) next = addPlatform(next, { siteId: siteA.id, name: `sb${i}`, address: `10.3.0.${i + 1}`, expectedRole: 'standby', expectedPrimaryId: a1.id }).inventory;
    expect(refusal(() => addPlatform(next, { siteId: siteA.id, name: 'sb9', address: '10.3.0.99', expectedRole: 'standby', expectedPrimaryId: a1.id }))).toMatchObject({
      field: 'expectedPrimaryId',
      message: expect.stringMatching(/already has 8 standbys/),
    });
    const standalone = updatePlatform(next, { id: a2.id, expectedRole: 'standalone' });
    expect(standalone.result.expectedPrimaryId).toBeNull();
  });
});

describe('removing', () => {
  it('removes a site with platforms only when asked to cascade', () => {
    const { inv, siteA, a1, a2 } = sample();
    expect(refusal(() => removeSite(inv, siteA.id, false))).toMatchObject({ reason: 'site_not_empty', message: expect.stringMatching(/has 2 platforms \(ap1, ap2\)/) });
    const removed = removeSite(inv, siteA.id, true);
    expect(removed.result).toEqual({ siteIds: [siteA.id], platformIds: [a1.id, a2.id], bastionIds: [] });
    expect(removed.inventory.platforms.map((p) => p.siteId)).not.toContain(siteA.id);
    expect(removed.inventory.sites.map((s) => s.name)).toEqual(['Beispiel AG']);
  });

  it('removes an empty site at once', () => {
    const { inv } = sample();
    const empty = addSite(inv, { name: 'Leer' });
    expect(removeSite(empty.inventory, empty.result.id, false).result.siteIds).toEqual([empty.result.id]);
  });

  it('refuses to remove hosts that others still jump through or replicate from', () => {
    const { inv, siteA, a1, b1, jump } = sample();
    const via = updatePlatform(inv, { id: b1.id, jumpHostIds: [jump.id, a1.id] }).inventory;
    expect(refusal(() => removeBastion(via, jump.id))).toMatchObject({ reason: 'in_use', message: expect.stringContaining('Beispiel AG/ap1') });
    expect(refusal(() => removePlatform(via, a1.id))).toMatchObject({ reason: 'in_use' });
    expect(refusal(() => removeSite(via, siteA.id, true))).toMatchObject({ reason: 'in_use' });
    expect(removePlatform(via, b1.id).result.platformIds).toEqual([b1.id]);
    expect(refusal(() => removePlatform(via, 'ap-gone'))).toMatchObject({ reason: 'not_found' });
  });
});

describe('the inventory document', () => {
  it('refuses a file whose references do not hold', () => {
    const { inv, a1 } = sample();
    const broken = { ...inv, platforms: inv.platforms.map((p) => (p.id === a1.id ? { ...p, siteId: 'site-gone' } : p)) };
    const parsed = InventoryDocument.safeParse(broken);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['platforms', 0, 'siteId']);
  });
});
