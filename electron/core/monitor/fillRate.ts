/** One reading of the data partition, kept in the history. */
export interface UsageSample {
  /** ms since the epoch */
  at: number;
  usedBytes: number;
}

export interface FillRate {
  /** Least-squares slope of used bytes over time; negative while space is freed. */
  bytesPerHour: number;
  samples: number;
  spanHours: number;
}

/** At least this many readings over at least this long, or a single burst would read as a trend. */
const MIN_SAMPLES = 3;
const MIN_SPAN_HOURS = 0.25;
const HOUR_MS = 3_600_000;

/** The fill rate from the readings of the last `windowHours` up to `now`; null while there are too few. */
export function fillRate(history: readonly UsageSample[], now: number, windowHours: number): FillRate | null {
  const from = now - windowHours * HOUR_MS;
  const recent = history.filter((s) => s.at >= from && s.at <= now && Number.isFinite(s.usedBytes));
  if (recent.length < MIN_SAMPLES) return null;
  const first = Math.min(...recent.map((s) => s.at));
  const last = Math.max(...recent.map((s) => s.at));
  const spanHours = (last - first) / HOUR_MS;
  if (spanHours < MIN_SPAN_HOURS) return null;
  // Hours relative to the first reading keep the sums small enough for doubles.
  const xs = recent.map((s) => (s.at - first) / HOUR_MS);
  const ys = recent.map((s) => s.usedBytes);
  const n = recent.length;
  const meanX = xs.reduce((a, b) => a + b, 0) / n;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - meanX;
    sxy += dx * ((ys[i] as number) - meanY);
    sxx += dx * dx;
  }
  if (sxx === 0) return null;
  return { bytesPerHour: sxy / sxx, samples: n, spanHours };
}

/** Hours until `availBytes` are used up at `rate`; null when the disk is not filling. */
export function hoursToFull(availBytes: number, rate: FillRate | null): number | null {
  if (!rate || rate.bytesPerHour <= 0) return null;
  return availBytes / rate.bytesPerHour;
}
