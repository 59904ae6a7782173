import { api } from './api/api';
import { useAlarms } from './store/alarmStore';
import { useFleet } from './store/fleetStore';
import { useSettings } from './store/settingsStore';

/**
 * The first reads, asked for before the screens' code is evaluated, so the engine answers while the page builds its frame.
 * The alarms follow the fleet: the rows come first, their worst alarm a moment later.
 */
export function startReading(): void {
  void useSettings.getState().load();
  void useFleet
    .getState()
    .load()
    .finally(() => void useAlarms.getState().load());
}

/** Settles once the connection to the engine is open (the first reads have left) or has failed, or after `maxMs`. */
export function connectionSettled(maxMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(), maxMs);
    const stop = api.onConnection((state) => {
      if (state !== 'connecting') queueMicrotask(finish);
    });
    function finish() {
      clearTimeout(timer);
      stop();
      resolve();
    }
  });
}
