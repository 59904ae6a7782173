import { describe, expect, it } from 'vitest';
import type { PlatformStatus } from '../../electron/core/contract';
import { diskBreakdown } from '../../renderer/views/platform/diskBreakdown';
import { diskLines, historyIsShort, usageSeries } from '../../renderer/views/platform/diskHistory';

const GiB = 1024 ** 3;
const disk = (usedBytes: number, sizeBytes: number, availBytes = sizeBytes - usedBytes): NonNullable<PlatformStatus['disk']> => ({
  device: '/dev/sda2',
  mount: '/mnt/sda2',
  sizeBytes,
  usedBytes,
  availBytes,
  percent: Math.round((usedBytes / sizeBytes) * 100),
  fillBytesPerHour: null,
  hoursToFull: null,
});
const status = (over: Partial<PlatformStatus>) => ({ disk: disk(6 * GiB, 10 * GiB), pgsqlBytes: 3 * GiB, logsBytes: GiB, coreDumps: { count: 1, bytes: 0.5 * GiB, newestPath: null, newestAt: null }, reserveFilePresent: true, ...over });
const bytesOf = (b: ReturnType<typeof diskBreakdown>, key: string) => b?.parts.find((p) => p.key === key)?.bytes;

describe('disk breakdown', () => {
  it('splits the used space into its parts, other being the rest', () => {
    const b = diskBreakdown(status({}), 0.5 * GiB);
    expect(bytesOf(b, 'pgsql')).toBe(3 * GiB);
    expect(bytesOf(b, 'reserve')).toBe(0.5 * GiB);
    expect(bytesOf(b, 'other')).toBe(GiB);
    expect(bytesOf(b, 'free')).toBe(4 * GiB);
    expect(b?.parts.find((p) => p.key === 'pgsql')?.percent).toBeCloseTo(30);
  });

  it('never shows other below zero, and counts parts not read in other', () => {
    expect(bytesOf(diskBreakdown(status({ pgsqlBytes: 9 * GiB }), null), 'other')).toBe(0);
    const unread = diskBreakdown(status({ logsBytes: null }), null);
    expect(bytesOf(unread, 'logs')).toBeNull();
    expect(unread?.parts.find((p) => p.key === 'logs')?.note).toMatch(/not read/);
    expect(bytesOf(unread, 'other')).toBe(2.5 * GiB);
  });

  it('reads a missing reserve file as zero and shows what ext4 keeps back for root', () => {
    const b = diskBreakdown(status({ reserveFilePresent: false, disk: disk(6 * GiB, 10 * GiB, 3.5 * GiB) }), null);
    expect(bytesOf(b, 'reserve')).toBe(0);
    expect(b?.parts.find((p) => p.key === 'reserve')?.note).toBe('missing');
    expect(bytesOf(b, 'free')).toBe(3.5 * GiB);
    expect(bytesOf(b, 'filesystem')).toBe(0.5 * GiB);
  });

  it('has no breakdown without a disk reading', () => {
    expect(diskBreakdown(status({ disk: null }), null)).toBeNull();
  });
});

describe('disk history', () => {
  it('turns readings into a used-% series, oldest first, leaving out readings without a size', () => {
    const series = usageSeries([
      { at: '2026-12-01T12:00:00.000Z', usedBytes: 6 * GiB, sizeBytes: 10 * GiB, walRetainedBytes: null },
      { at: '2026-12-01T11:00:00.000Z', usedBytes: 5 * GiB, sizeBytes: 10 * GiB, walRetainedBytes: null },
      { at: '2026-12-01T11:30:00.000Z', usedBytes: 1, sizeBytes: 0, walRetainedBytes: null },
    ]);
    expect(series.percents).toEqual([50, 60]);
    expect(series.times.map((t) => t.toISOString())).toEqual(['2026-12-01T11:00:00.000Z', '2026-12-01T12:00:00.000Z']);
    expect(historyIsShort(series)).toBe(true);
  });

  it('draws the warning line the margin below the alarm threshold, never below zero', () => {
    expect(diskLines(90, 10)).toEqual({ alarmPercent: 90, warningPercent: 80 });
    expect(diskLines(5, 10).warningPercent).toBe(0);
  });
});
