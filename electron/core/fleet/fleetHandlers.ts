import type { FleetChanged } from '../contract';
import type { Handlers } from '../rpc/handlers';
import { ContractError } from '../rpc/contractError';
import { isFleetError } from './fleetError';
import { exportInventory } from './fleetExport';
import { applyImport, importDraft, previewImport } from './fleetImport';
import type { ImportContext, SecretSink } from './fleetImport';
import { totalsOf } from './inventory';
import type { Inventory } from './inventory';
import { addBastion, addPlatform, addSite, removeBastion, removePlatform, removeSite, updateBastion, updatePlatform, updateSite } from './inventoryEdits';
import type { Edit } from './inventoryEdits';
import { searchInventory } from './inventorySearch';
import type { InventoryStore } from './inventoryStore';

type FleetMethod =
  | 'fleet.list'
  | 'fleet.addSite'
  | 'fleet.updateSite'
  | 'fleet.removeSite'
  | 'fleet.addPlatform'
  | 'fleet.updatePlatform'
  | 'fleet.removePlatform'
  | 'fleet.addBastion'
  | 'fleet.updateBastion'
  | 'fleet.removeBastion'
  | 'fleet.importPreview'
  | 'fleet.importApply'
  | 'fleet.export';
type FleetMethods = Pick<Handlers, FleetMethod>;

export interface FleetHandlerOptions {
  store: InventoryStore;
  /** The vault, opened only when an import brings secrets. */
  openVault(): Promise<SecretSink>;
  emit(payload: FleetChanged): void;
  context(): ImportContext;
}

/** A refused field reaches the client as invalid_params naming it, like a schema failure would. */
async function fieldErrors<R>(work: () => Promise<R>): Promise<R> {
  try {
    return await work();
  } catch (error) {
    if (isFleetError(error, 'invalid') && error.field !== undefined) throw new ContractError('invalid_params', error.message, `params.${error.field}`);
    throw error;
  }
}

/** The contract's fleet methods over the inventory store; every change is announced as fleet.changed. */
export function fleetHandlers(options: FleetHandlerOptions): FleetMethods {
  const { store } = options;
  const edit = <R>(work: (current: Inventory) => Edit<R>) =>
    fieldErrors(async () => {
      const done = await store.change(work);
      if (done.changedIds.length > 0) options.emit({ changedIds: done.changedIds, totals: totalsOf(done.inventory) });
      return done.result;
    });

  return {
    'fleet.list': async ({ query }) => {
      const inventory = await store.read();
      return { ...searchInventory(inventory, query ?? ''), totals: totalsOf(inventory), problem: store.problem() };
    },
    'fleet.addSite': (params) => edit((inv) => addSite(inv, params)),
    'fleet.updateSite': (params) => edit((inv) => updateSite(inv, params)),
    'fleet.removeSite': ({ id, cascade }) => edit((inv) => removeSite(inv, id, cascade === true)),
    'fleet.addPlatform': (params) => edit((inv) => addPlatform(inv, params)),
    'fleet.updatePlatform': (params) => edit((inv) => updatePlatform(inv, params)),
    'fleet.removePlatform': ({ id }) => edit((inv) => removePlatform(inv, id)),
    'fleet.addBastion': (params) => edit((inv) => addBastion(inv, params)),
    'fleet.updateBastion': (params) => edit((inv) => updateBastion(inv, params)),
    'fleet.removeBastion': ({ id }) => edit((inv) => removeBastion(inv, id)),
    'fleet.importPreview': async ({ source, secrets }) => {
      const draft = await importDraft(source, secrets === true, options.context());
      return previewImport(store, draft, secrets === true && source.kind === 'labFleet');
    },
    'fleet.importApply': async ({ source, secrets }) => {
      const withSecrets = secrets === true && source.kind === 'labFleet';
      const vault = withSecrets ? await options.openVault() : undefined;
      const draft = await importDraft(source, secrets === true, options.context());
      const done = await applyImport(store, draft, vault);
      if (done.changedIds.length > 0) options.emit({ changedIds: done.changedIds, totals: totalsOf(done.inventory) });
      return done.result;
    },
    'fleet.export': async ({ format, delimiter }) => exportInventory(await store.read(), format, delimiter),
  };
}
