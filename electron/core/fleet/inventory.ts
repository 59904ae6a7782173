import { z } from 'zod';
import { Bastion, Platform, Site } from '../contract';
import { inventoryIssues } from './inventoryRules';

/** The inventory as kept in fleet.json: sites, their platforms, and bastions used as jump hosts. */
export const InventoryDocument = z
  .strictObject({
    version: z.literal(1),
    sites: z.array(Site),
    platforms: z.array(Platform),
    bastions: z.array(Bastion),
  })
  .superRefine((inventory, ctx) => {
    for (const issue of inventoryIssues(inventory)) {
      const list = issue.entity === 'site' ? inventory.sites : issue.entity === 'platform' ? inventory.platforms : inventory.bastions;
      const at = list.findIndex((entry) => entry.id === issue.id);
      ctx.addIssue({ code: 'custom', message: issue.message, path: [`${issue.entity === 'site' ? 'sites' : `${issue.entity}s`}`, at, ...issue.field.split('.')] });
    }
  });
export type Inventory = z.output<typeof InventoryDocument>;

export function emptyInventory(): Inventory {
  return { version: 1, sites: [], platforms: [], bastions: [] };
}

/** Every id in use, so a new one never collides (host key pins share one namespace for platforms and bastions). */
export function takenIds(inventory: Inventory): Set<string> {
  return new Set([...inventory.sites, ...inventory.platforms, ...inventory.bastions].map((entry) => entry.id));
}

export const totalsOf = (inventory: Inventory) => ({ sites: inventory.sites.length, platforms: inventory.platforms.length, bastions: inventory.bastions.length });
