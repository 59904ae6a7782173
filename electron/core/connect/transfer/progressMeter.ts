import type { TransferProgress } from './transferTypes';

export interface ProgressMeterOptions {
  total: number | null;
  /** Bytes already there when this run started (a resumed file). */
  startBytes: number;
  onProgress?: (progress: TransferProgress) => void;
  /** Least time between two reports; 250 ms makes at most four a second. */
  intervalMs?: number;
  /** Span the rate is measured over. */
  windowMs?: number;
  now?: () => number;
}

export interface ProgressMeter {
  /** Records the bytes held now; reports when the interval has passed. */
  update(bytes: number): void;
  /** Reports once more, whatever the interval. */
  finish(bytes: number): void;
}

/** Throttled progress with the rate over a sliding window and the time left. */
export function createProgressMeter(options: ProgressMeterOptions): ProgressMeter {
  const now = options.now ?? (() => performance.now());
  const intervalMs = options.intervalMs ?? 250;
  const windowMs = options.windowMs ?? 3_000;
  const samples: Array<{ at: number; bytes: number }> = [{ at: now(), bytes: options.startBytes }];
  let lastReport = -Infinity;

  const report = (bytes: number, at: number) => {
    samples.push({ at, bytes });
    while (samples.length > 2 && at - (samples[1]?.at ?? at) >= windowMs) samples.shift();
    const first = samples[0] ?? { at, bytes };
    const seconds = (at - first.at) / 1000;
    const rate = seconds > 0 ? Math.max(0, (bytes - first.bytes) / seconds) : 0;
    const left = options.total === null ? null : Math.max(0, options.total - bytes);
    const etaSeconds = left === null ? null : left === 0 ? 0 : rate > 0 ? left / rate : null;
    lastReport = at;
    options.onProgress?.({ bytes, total: options.total, rate, etaSeconds });
  };

  return {
    update(bytes) {
      if (!options.onProgress) return;
      const at = now();
      if (at - lastReport >= intervalMs) report(bytes, at);
    },
    finish(bytes) {
      if (options.onProgress) report(bytes, now());
    },
  };
}
