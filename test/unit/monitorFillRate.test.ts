import { describe, expect, it } from 'vitest';
import { fillRate, hoursToFull } from '../../electron/core/monitor/fillRate';

const HOUR = 3_600_000;
const GiB = 1024 ** 3;
const now = Date.UTC(2026, 11, 1, 12);

describe('fill rate from the usage history', () => {
  it('fits the slope of a steady fill and predicts when the free space is used up', () => {
    const history = Array.from({ length: 13 }, (_, i) => ({ at: now - (12 - i) * 30 * 60_000, usedBytes: 10 * GiB + i * 0.5 * GiB }));
    const rate = fillRate(history, now, 6);
    expect(rate?.bytesPerHour).toBeCloseTo(GiB, 0);
    expect(rate?.samples).toBe(13);
    expect(rate?.spanHours).toBeCloseTo(6, 5);
    expect(hoursToFull(3 * GiB, rate)).toBeCloseTo(3, 5);
  });

  it('ignores readings outside the window and reads noise around a flat line as no fill', () => {
    const old = Array.from({ length: 5 }, (_, i) => ({ at: now - (20 + i) * HOUR, usedBytes: i * 5 * GiB }));
    const flat = [0, 1, 2, 3, 4, 5].map((i) => ({ at: now - i * HOUR, usedBytes: 10 * GiB + (i % 2 ? 1 : -1) * 1024 }));
    const rate = fillRate([...old, ...flat], now, 6);
    expect(rate?.samples).toBe(6);
    expect(Math.abs(rate?.bytesPerHour ?? Infinity)).toBeLessThan(2048);
  });

  it('gives no rate from too few readings or too short a span, and no time to full while space is freed', () => {
    expect(fillRate([{ at: now - HOUR, usedBytes: 1 }, { at: now, usedBytes: 2 }], now, 6)).toBeNull();
    expect(fillRate([0, 1, 2].map((i) => ({ at: now - i * 60_000, usedBytes: i })), now, 6)).toBeNull();
    const freeing = fillRate([0, 1, 2, 3].map((i) => ({ at: now - i * HOUR, usedBytes: 10 * GiB + i * GiB })), now, 6);
    expect(freeing?.bytesPerHour).toBeLessThan(0);
    expect(hoursToFull(GiB, freeing)).toBeNull();
    expect(hoursToFull(GiB, null)).toBeNull();
  });
});
