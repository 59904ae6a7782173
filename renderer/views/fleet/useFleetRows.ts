import { useMemo, useState } from 'react';
import { useAlarms } from '../../store/alarmStore';
import { useFleet } from '../../store/fleetStore';
import { createRowBuilder } from './fleetRows';
import type { PlatformRow } from './fleetRows';

/** Every platform's row, derived once per change of the inventory, the statuses or the alarms. */
export function useFleetRows(): readonly PlatformRow[] {
  const sites = useFleet((state) => state.sites);
  const platforms = useFleet((state) => state.platforms);
  const statuses = useFleet((state) => state.summaries);
  const alarms = useAlarms((state) => state.active);
  const [build] = useState(createRowBuilder);
  return useMemo(() => build({ sites, platforms, statuses, alarms }), [build, sites, platforms, statuses, alarms]);
}
