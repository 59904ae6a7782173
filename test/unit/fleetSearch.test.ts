import { describe, expect, it } from 'vitest';
import { emptyInventory } from '../../electron/core/fleet/inventory';
import type { Inventory } from '../../electron/core/fleet/inventory';
import { addBastion, addPlatform, addSite } from '../../electron/core/fleet/inventoryEdits';
import { searchInventory } from '../../electron/core/fleet/inventorySearch';

function build(): Inventory {
  let inv = emptyInventory();
  const site = (name: string, extra: { customer?: string; tags?: string[] } = {}) => {
    const edit = addSite(inv, { name, ...extra });
    inv = edit.inventory;
    return edit.result.id;
  };
  const platform = (siteId: string, name: string, address: string, tags: string[] = []) => {
    inv = addPlatform(inv, { siteId, name, address, tags }).inventory;
  };
  const muenchen = site('Stadtwerke München', { customer: 'SWM', tags: ['kritis'] });
  const berlin = site('Muster GmbH Berlin', { tags: ['berlin'] });
  site('Leere Site');
  platform(muenchen, 'ap10', '10.20.0.10', ['primary-dc']);
  platform(muenchen, 'ap2', '10.20.0.2');
  platform(berlin, 'ap1', 'ap1.muster.example', ['gateway']);
  inv = addBastion(inv, { name: 'swm-jump', address: '10.20.0.1', tags: ['kritis'] }).inventory;
  return inv;
}

const names = (result: ReturnType<typeof searchInventory>) => ({
  sites: result.sites.map((s) => s.name),
  platforms: result.platforms.map((p) => p.name),
  bastions: result.bastions.map((b) => b.name),
});

describe('searchInventory', () => {
  it('lists everything sorted by site and natural name order without a query', () => {
    expect(names(searchInventory(build(), '  '))).toEqual({
      sites: ['Leere Site', 'Muster GmbH Berlin', 'Stadtwerke München'],
      platforms: ['ap1', 'ap2', 'ap10'],
      bastions: ['swm-jump'],
    });
  });

  it('finds platforms by their site, without accents or case', () => {
    expect(names(searchInventory(build(), 'munchen'))).toEqual({ sites: ['Stadtwerke München'], platforms: ['ap2', 'ap10'], bastions: [] });
    expect(names(searchInventory(build(), 'MÜN'))).toMatchObject({ platforms: ['ap2', 'ap10'] });
  });

  it('needs every word to match, in any field', () => {
    expect(names(searchInventory(build(), 'swm ap1'))).toMatchObject({ platforms: ['ap10'] });
    expect(names(searchInventory(build(), 'gateway berlin'))).toMatchObject({ sites: ['Muster GmbH Berlin'], platforms: ['ap1'] });
    expect(names(searchInventory(build(), 'gateway swm'))).toMatchObject({ sites: [], platforms: [] });
  });

  it('finds by address as the user types it, with or without the port', () => {
    expect(names(searchInventory(build(), '10.20.0.1'))).toMatchObject({ platforms: ['ap10'], bastions: ['swm-jump'] });
    expect(names(searchInventory(build(), '10.20.0.2:22'))).toMatchObject({ platforms: ['ap2'] });
    expect(names(searchInventory(build(), 'muster.example'))).toMatchObject({ platforms: ['ap1'] });
  });

  it('finds tags of platforms, sites and bastions, and an empty site by its name', () => {
    expect(names(searchInventory(build(), 'kritis'))).toEqual({ sites: ['Stadtwerke München'], platforms: ['ap2', 'ap10'], bastions: ['swm-jump'] });
    expect(names(searchInventory(build(), 'primary-dc'))).toMatchObject({ platforms: ['ap10'] });
    expect(names(searchInventory(build(), 'leere'))).toEqual({ sites: ['Leere Site'], platforms: [], bastions: [] });
  });
});
