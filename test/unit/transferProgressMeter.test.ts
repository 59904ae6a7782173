import { describe, expect, it } from 'vitest';
import { createProgressMeter } from '../../electron/core/connect/transfer/progressMeter';
import type { TransferProgress } from '../../electron/core/connect/transfer/transferTypes';

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('transfer progress', () => {
  it('reports at most four times a second however often bytes arrive, plus a last report', () => {
    const time = clock();
    const reports: TransferProgress[] = [];
    const meter = createProgressMeter({ total: 10_000_000, startBytes: 0, onProgress: (p) => reports.push(p), now: time.now });
    let bytes = 0;
    for (let i = 0; i < 2000; i++) {
      time.advance(1);
      bytes += 5000;
      meter.update(bytes);
    }
    const during = reports.length;
    expect(during).toBeGreaterThanOrEqual(7);
    expect(during).toBeLessThanOrEqual(9);
    for (let i = 1; i < reports.length; i++) expect(reports[i]?.bytes).toBeGreaterThan(reports[i - 1]?.bytes ?? 0);
    meter.finish(bytes);
    expect(reports).toHaveLength(during + 1);
    expect(reports.at(-1)).toMatchObject({ bytes: 10_000_000, total: 10_000_000, etaSeconds: 0 });
  });

  it('gives the rate of the last seconds and the time left at that rate', () => {
    const time = clock();
    const reports: TransferProgress[] = [];
    const meter = createProgressMeter({ total: 100_000_000, startBytes: 0, onProgress: (p) => reports.push(p), now: time.now, windowMs: 2000 });
    let bytes = 0;
    // 4 s at 1 MB/s, then 4 s at 10 MB/s: the rate follows the recent speed, not the average.
    for (const [seconds, perSecond] of [[4, 1_000_000], [4, 10_000_000]] as const) {
      for (let i = 0; i < seconds * 10; i++) {
        time.advance(100);
        bytes += perSecond / 10;
        meter.update(bytes);
      }
    }
    const last = reports.at(-1) as TransferProgress;
    expect(last.rate).toBeGreaterThan(8_000_000);
    expect(last.rate).toBeLessThanOrEqual(10_000_001);
    expect(last.etaSeconds).toBeCloseTo((100_000_000 - last.bytes) / last.rate, 5);
  });

  it('counts resumed bytes in the position but not in the rate', () => {
    const time = clock();
    const reports: TransferProgress[] = [];
    const meter = createProgressMeter({ total: 2_000_000, startBytes: 1_000_000, onProgress: (p) => reports.push(p), now: time.now });
    time.advance(1000);
    meter.update(1_500_000);
    expect(reports[0]).toMatchObject({ bytes: 1_500_000, rate: 500_000, etaSeconds: 1 });
  });

  it('has no time left to tell while the total is unknown or nothing moved', () => {
    const time = clock();
    const reports: TransferProgress[] = [];
    const meter = createProgressMeter({ total: null, startBytes: 0, onProgress: (p) => reports.push(p), now: time.now });
    meter.update(0);
    time.advance(500);
    meter.update(4096);
    expect(reports.map((r) => r.etaSeconds)).toEqual([null, null]);
    expect(reports[1]?.rate).toBe(8192);
  });
});
