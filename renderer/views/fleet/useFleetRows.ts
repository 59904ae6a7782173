import { useEffect, useMemo, useState } from 'react';
import { useAlarms } from '../../store/alarmStore';
import { useFleet } from '../../store/fleetStore';
import { prepareSearchTexts } from './fleetFilter';
import { createRowBuilder } from './fleetRows';
import type { PlatformRow } from './fleetRows';

/** Every platform's row, derived once per change of the fleet overview or the alarms. */
export function useFleetRows(): readonly PlatformRow[] {
  const sites = useFleet((state) => state.overviewSites);
  const entries = useFleet((state) => state.entries);
  const alarms = useAlarms((state) => state.active);
  const [build] = useState(createRowBuilder);
  const rows = useMemo(() => build({ sites, entries, alarms }), [build, sites, entries, alarms]);
  useEffect(() => prepareSearchTexts(rows), [rows]);
  return rows;
}
