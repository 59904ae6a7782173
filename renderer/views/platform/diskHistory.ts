import type { Result } from '../../../electron/core/contract';

export type HistoryPoint = Result<'monitor.history'>['points'][number];

export interface UsageSeries {
  times: Date[];
  /** Used share of the partition, 0-100, one per time. */
  percents: number[];
  usedBytes: number[];
}

/** Fewer readings than this draw no useful line. */
export const MIN_HISTORY_POINTS = 3;

/** The readings as a used-% series, oldest first; readings without a size are left out. */
export function usageSeries(points: readonly HistoryPoint[]): UsageSeries {
  const usable = points
    .filter((p) => p.sizeBytes > 0 && Number.isFinite(Date.parse(p.at)))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return {
    times: usable.map((p) => new Date(p.at)),
    percents: usable.map((p) => Math.min(100, (p.usedBytes / p.sizeBytes) * 100)),
    usedBytes: usable.map((p) => p.usedBytes),
  };
}

export function historyIsShort(series: UsageSeries): boolean {
  return series.times.length < MIN_HISTORY_POINTS;
}

export interface DiskLines {
  alarmPercent: number;
  warningPercent: number;
}

/** The platform's alarm threshold and the warning line the given points below it (never below 0). */
export function diskLines(alarmPercent: number, warningMarginPercent: number): DiskLines {
  return { alarmPercent, warningPercent: Math.max(0, alarmPercent - warningMarginPercent) };
}
