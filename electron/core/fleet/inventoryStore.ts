import { join } from 'node:path';
import { createJsonFileStore } from '../storage/jsonFileStore';
import type { Edit } from './inventoryEdits';
import { InventoryDocument, emptyInventory } from './inventory';
import type { Inventory } from './inventory';

export const FLEET_FILE = 'fleet.json';

export interface InventoryStore {
  read(): Promise<Inventory>;
  /**
   * Runs one edit on the latest inventory, one at a time; what it returns is validated and written atomically
   * (temp file, fsync, rename). An edit that returns the inventory it got writes nothing.
   */
  change<R>(work: (current: Inventory) => Edit<R> | Promise<Edit<R>>): Promise<Edit<R>>;
  /** What went wrong reading fleet.json, in words for the user; null when all is well. */
  problem(): string | null;
}

/** The fleet inventory in `fleet.json` of the data folder. */
export function createInventoryStore(dataDir: string): InventoryStore {
  const file = createJsonFileStore(join(dataDir, FLEET_FILE), InventoryDocument, emptyInventory);
  let queue: Promise<unknown> = Promise.resolve();

  function serialized<R>(work: () => Promise<R>): Promise<R> {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  }

  return {
    read: () => file.read(),
    change: (work) =>
      serialized(async () => {
        const current = await file.read();
        const edit = await work(current);
        if (edit.inventory !== current) await file.update(() => edit.inventory);
        return edit;
      }),
    problem: () => file.problem(),
  };
}
