import { inventoryCsv } from './csvExport';
import type { Inventory } from './inventory';
import { sortedInventory } from './inventorySearch';

export const FLEET_EXPORT_KIND = 'ap-console-fleet';

/** The inventory as JSON: sites, bastions and platforms with vault refs; the inventory holds no secrets. */
export function inventoryJson(inventory: Inventory, now = new Date()): string {
  const { sites, platforms, bastions } = sortedInventory(inventory);
  return `${JSON.stringify({ kind: FLEET_EXPORT_KIND, version: 1, exportedAt: now.toISOString(), sites, bastions, platforms }, null, 2)}\n`;
}

export function exportInventory(inventory: Inventory, format: 'csv' | 'json', delimiter?: ';' | ',', now = new Date()): { text: string; fileName: string } {
  const stamp = now.toISOString().slice(0, 10);
  return format === 'csv' ? { text: inventoryCsv(inventory, delimiter), fileName: `fleet-${stamp}.csv` } : { text: inventoryJson(inventory, now), fileName: `fleet-${stamp}.json` };
}
