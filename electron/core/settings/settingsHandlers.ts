import type { Settings } from '../contract';
import { ContractError } from '../rpc/contractError';
import type { Handlers } from '../rpc/handlers';
import type { JsonFileStore } from '../storage/jsonFileStore';
import { settingsProblem } from './settingsRules';

export interface SettingsHandlerOptions {
  store: JsonFileStore<Settings>;
  /** After a change was saved: announce it and let the monitor follow. */
  changed(settings: Settings): void;
}

/** settings.get and settings.update: the keys given replace the stored ones; contradicting limits are refused before anything is written. */
export function settingsHandlers(options: SettingsHandlerOptions): Pick<Handlers, 'settings.get' | 'settings.update'> {
  return {
    'settings.get': () => options.store.read(),
    'settings.update': async (change) => {
      const defined = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
      const next = await options.store.update((current) => {
        const merged: Settings = { ...current, ...defined };
        const problem = settingsProblem(merged);
        if (problem) throw new ContractError('invalid_params', problem.message, `params.${problem.field}`);
        return merged;
      });
      options.changed(next);
      return next;
    },
  };
}
