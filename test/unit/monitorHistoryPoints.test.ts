import { describe, expect, it } from 'vitest';
import { historyPoints } from '../../electron/core/monitor/historyPoints';

const DAY = 86_400_000;

describe('history points', () => {
  it('maps samples to ISO times, oldest first, and leaves out what is older than 14 days', () => {
    const now = Date.parse('2025-03-20T12:00:00Z');
    const samples = [
      { at: now - DAY, usedBytes: 20, sizeBytes: 100, walRetainedBytes: 3 },
      { at: now - 15 * DAY, usedBytes: 5, sizeBytes: 100, walRetainedBytes: null },
      { at: now - 2 * DAY, usedBytes: 10, sizeBytes: 100, walRetainedBytes: null },
    ];
    expect(historyPoints(samples, now)).toEqual([
      { at: '2025-03-18T12:00:00.000Z', usedBytes: 10, sizeBytes: 100, walRetainedBytes: null },
      { at: '2025-03-19T12:00:00.000Z', usedBytes: 20, sizeBytes: 100, walRetainedBytes: 3 },
    ]);
    expect(samples[0]?.at).toBe(now - DAY);
    expect(historyPoints([], now)).toEqual([]);
  });
});
