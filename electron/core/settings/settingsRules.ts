import type { Settings } from '../contract';
import { defaultThresholds, thresholdConflict, thresholdsWith } from '../monitor/alarmThresholds';

/** What the schema cannot see: limits that contradict each other once laid over the engine's defaults. */
export function settingsProblem(settings: Settings): { field: string; message: string } | null {
  const overrides = settings.alarmThresholds;
  const conflict = thresholdConflict(thresholdsWith(defaultThresholds(), overrides), overrides);
  return conflict ? { field: `alarmThresholds.${conflict.field}`, message: conflict.message } : null;
}
