import { describe, expect, it } from 'vitest';
import { SshTarget } from '../../electron/core/connect/sshTarget';
import { isFleetError } from '../../electron/core/fleet/fleetError';
import { emptyInventory } from '../../electron/core/fleet/inventory';
import type { Inventory } from '../../electron/core/fleet/inventory';
import { addBastion, addPlatform, addSite } from '../../electron/core/fleet/inventoryEdits';
import { sshTargetFor } from '../../electron/core/fleet/sshTargetFor';

function build() {
  let inv: Inventory = emptyInventory();
  const step = <R>(edit: { inventory: Inventory; result: R }) => {
    inv = edit.inventory;
    return edit.result;
  };
  const site = step(addSite(inv, { name: 'Muster GmbH' }));
  const outer = step(addBastion(inv, { name: 'partner-gw', address: 'gw.partner.example', sshPort: 2200, sshUser: 'ops', credentials: { privateKeyPath: '/home/pat/.ssh/partner', passphraseRef: 'key:partner:passphrase' } }));
  const inner = step(addBastion(inv, { name: 'customer-gw', address: '198.51.100.7', sshUser: 'jump', jumpHostIds: [outer.id], credentials: { agent: true } }));
  const ap1 = step(addPlatform(inv, { siteId: site.id, name: 'ap1', address: '10.0.0.1', jumpHostIds: [inner.id], credentials: { passwordRef: 'platform:x:admin-password', rootPasswordRef: 'platform:x:root-password' } }));
  const ap2 = step(addPlatform(inv, { siteId: site.id, name: 'ap2', address: 'fd00::2', sshPort: 2022, jumpHostIds: [inner.id, ap1.id] }));
  return { inv, site, outer, inner, ap1, ap2 };
}

describe('sshTargetFor', () => {
  it('builds the hop of a platform with its user, port and vault refs, and nothing it does not have', () => {
    const { inv, ap1, inner, outer } = build();
    const target = sshTargetFor(inv, ap1.id);
    expect(SshTarget.parse(target)).toEqual(target);
    expect(target.hop).toEqual({ id: ap1.id, name: 'Muster GmbH/ap1', host: '10.0.0.1', port: 22, username: 'admin', passwordRef: 'platform:x:admin-password', agent: false });
    expect(target.jumps.map((j) => j.id)).toEqual([outer.id, inner.id]);
    expect(target.jumps[0]).toEqual({ id: outer.id, name: 'partner-gw', host: 'gw.partner.example', port: 2200, username: 'ops', privateKeyPath: '/home/pat/.ssh/partner', passphraseRef: 'key:partner:passphrase', agent: false });
    expect(target.jumps[1]).toEqual({ id: inner.id, name: 'customer-gw', host: '198.51.100.7', port: 22, username: 'jump', agent: true });
  });

  it("puts the first jump host's own jump hosts in front and reaches the later ones through the earlier", () => {
    const { inv, ap1, ap2, inner, outer } = build();
    const target = sshTargetFor(inv, ap2.id);
    expect(target.hop).toMatchObject({ id: ap2.id, host: 'fd00::2', port: 2022 });
    expect(target.jumps.map((j) => j.id)).toEqual([outer.id, inner.id, ap1.id]);
  });

  it('reaches a bastion too, and refuses an id the inventory does not have', () => {
    const { inv, inner, outer } = build();
    expect(sshTargetFor(inv, inner.id).jumps.map((j) => j.id)).toEqual([outer.id]);
    let caught: unknown;
    try {
      sshTargetFor(inv, 'ap-missing');
    } catch (error) {
      caught = error;
    }
    expect(isFleetError(caught, 'not_found')).toBe(true);
  });

  it('refuses a route that loops even in a file edited by hand', () => {
    const { inv, ap1, inner } = build();
    const looped: Inventory = { ...inv, bastions: inv.bastions.map((b) => (b.id === inner.id ? { ...b, jumpHostIds: [ap1.id] } : b)) };
    expect(() => sshTargetFor(looped, ap1.id)).toThrow(/loop/);
  });
});
