import type { z } from 'zod';
import type { HistoryPoint } from '../contract';
import type { HistorySample } from './usageHistory';

export const HISTORY_SHOWN_DAYS = 14;
const DAY_MS = 86_400_000;

/** The usage history as the contract shows it: ISO times, oldest first, only the last 14 days. */
export function historyPoints(samples: readonly HistorySample[], now: number): Array<z.output<typeof HistoryPoint>> {
  const since = now - HISTORY_SHOWN_DAYS * DAY_MS;
  return samples
    .filter((sample) => sample.at >= since)
    .sort((a, b) => a.at - b.at)
    .map((sample) => ({ at: new Date(sample.at).toISOString(), usedBytes: sample.usedBytes, sizeBytes: sample.sizeBytes, walRetainedBytes: sample.walRetainedBytes }));
}
