import { describe, expect, it } from 'vitest';
import { defaultThresholds } from '../../electron/core/monitor/alarmThresholds';
import type { AlarmSeverity, EvaluationContext } from '../../electron/core/monitor/alarmTypes';
import { diskAlarms } from '../../electron/core/monitor/diskAlarms';
import type { DiskInput } from '../../electron/core/monitor/diskAlarms';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
const now = Date.UTC(2026, 11, 1, 12);

function disk(percent: number, sizeBytes = 16 * GiB): DiskInput['disk'] {
  const usedBytes = Math.round((sizeBytes * percent) / 100);
  return { device: '/dev/sda2', mount: '/mnt/sda2', sizeBytes, usedBytes, availBytes: sizeBytes - usedBytes, percent };
}

function input(change: Partial<DiskInput> = {}): DiskInput {
  return { disk: disk(50), reserveFilePresent: true, reserveFileBytes: null, reserveExpected: true, logsBytes: 100 * MiB, coreDumpBytes: 0, coreDumpCount: 0, thresholdPercent: 90, history: [], ...change };
}

function ctx(previous: Record<string, AlarmSeverity> = {}): EvaluationContext {
  return { thresholds: defaultThresholds(), now, previous: new Map(Object.entries(previous).map(([k, severity]) => [k, { severity, since: now - 60_000 }])) };
}

const usage = (i: DiskInput, c = ctx()) => diskAlarms(i, c).find((f) => f.key === 'disk.usage');

describe('disk usage alarm', () => {
  it('warns 10 points before the threshold and is critical at it, naming device and figures', () => {
    expect(usage(input({ disk: disk(79) }))).toBeUndefined();
    expect(usage(input({ disk: disk(80) }))).toMatchObject({ severity: 'warning', wizard: 'disk-warning' });
    const critical = usage(input({ disk: disk(90) }));
    expect(critical).toMatchObject({ severity: 'critical' });
    expect(critical?.cause).toMatch(/\/dev\/sda2 is 90% full \(14\.4 GiB of 16\.0 GiB, 1\.6 GiB free\): at the 90% threshold the AP stops all apps/);
    expect(usage(input({ disk: disk(100) }))?.wizard).toBe('disk-full');
  });

  it('follows the platform threshold', () => {
    expect(usage(input({ disk: disk(75), thresholdPercent: 85 }))?.severity).toBe('warning');
    expect(usage(input({ disk: disk(85), thresholdPercent: 85 }))?.severity).toBe('critical');
  });

  it('does not warn early on a large disk with plenty free, but is critical at the threshold whatever the size', () => {
    const big = 2048 * GiB;
    expect(usage(input({ disk: disk(85, big) }))).toBeUndefined();
    expect(usage(input({ disk: disk(90, big) }))?.severity).toBe('critical');
  });

  it('warns whatever the percentage when less than the reserve size is free', () => {
    const small = { device: '/dev/sda2', mount: '/mnt/sda2', sizeBytes: 256 * MiB, usedBytes: 100 * MiB, availBytes: 156 * MiB, percent: 40 };
    expect(usage(input({ disk: small, reserveFileBytes: 8 * MiB }))).toBeUndefined();
    expect(usage(input({ disk: { ...small, usedBytes: 250 * MiB, availBytes: 6 * MiB }, reserveFileBytes: 8 * MiB, thresholdPercent: 99.9 }))?.cause).toMatch(/less than the 8\.0 MiB a recovery needs/);
    const tiny = { device: '/dev/sda2', mount: '/mnt/sda2', sizeBytes: 4 * GiB, usedBytes: 4 * GiB - 400 * MiB, availBytes: 400 * MiB, percent: 60 };
    expect(usage(input({ disk: tiny, thresholdPercent: 99 }))).toMatchObject({
      severity: 'warning',
      cause: '/dev/sda2 is 60% full (3.6 GiB of 4.0 GiB, 400 MiB free): less than the 500 MiB a recovery needs to recreate the reserve file.',
    });
  });

  it('holds a raised level until usage falls 2 points below its line', () => {
    expect(usage(input({ disk: disk(89) }), ctx({ 'disk.usage': 'critical' }))?.severity).toBe('critical');
    expect(usage(input({ disk: disk(87) }), ctx({ 'disk.usage': 'critical' }))?.severity).toBe('warning');
    expect(usage(input({ disk: disk(79) }), ctx({ 'disk.usage': 'warning' }))?.severity).toBe('warning');
    expect(usage(input({ disk: disk(77) }), ctx({ 'disk.usage': 'warning' }))).toBeUndefined();
    expect(usage(input({ disk: disk(89) }), ctx({ 'disk.usage': 'warning' }))?.severity).toBe('warning');
  });
});

describe('time to full', () => {
  const filling = (gibPerHour: number, fromPercent: number) =>
    Array.from({ length: 7 }, (_, i) => ({ at: now - (6 - i) * 3_600_000, usedBytes: (16 * GiB * fromPercent) / 100 + i * gibPerHour * GiB }));

  it('warns under 24 h and is critical under 4 h, with the fill rate, once usage is high', () => {
    const warning = diskAlarms(input({ disk: disk(65), history: filling(0.3, 54) }), ctx()).find((f) => f.key === 'disk.timeToFull');
    expect(warning?.severity).toBe('warning');
    expect(warning?.cause).toMatch(/fills at 307 MiB\/h: the 90% threshold is reached in 13 h, the disk is full in 19 h\./);
    const critical = diskAlarms(input({ disk: disk(70), history: filling(1.5, 14) }), ctx()).find((f) => f.key === 'disk.timeToFull');
    expect(critical?.severity).toBe('critical');
  });

  it('says nothing while usage is low, the disk is not filling, or history is short', () => {
    expect(diskAlarms(input({ disk: disk(40), history: filling(1.5, 0) }), ctx()).find((f) => f.key === 'disk.timeToFull')).toBeUndefined();
    expect(diskAlarms(input({ disk: disk(70), history: filling(-0.5, 80) }), ctx()).find((f) => f.key === 'disk.timeToFull')).toBeUndefined();
    expect(diskAlarms(input({ disk: disk(70), history: filling(1.5, 60).slice(-2) }), ctx()).find((f) => f.key === 'disk.timeToFull')).toBeUndefined();
  });
});

describe('reserve file, logs and core dumps', () => {
  it('raises the missing reserve file only where it is expected and known to be missing', () => {
    expect(diskAlarms(input({ reserveFilePresent: false }), ctx()).map((f) => f.key)).toEqual(['disk.reserveMissing']);
    expect(diskAlarms(input({ reserveFilePresent: false, reserveExpected: false }), ctx())).toEqual([]);
    expect(diskAlarms(input({ reserveFilePresent: null }), ctx())).toEqual([]);
  });

  it('warns when logs or core dumps take more than their share', () => {
    const found = diskAlarms(input({ logsBytes: 5 * GiB, coreDumpBytes: 2 * GiB, coreDumpCount: 3 }), ctx());
    expect(found.map((f) => [f.key, f.wizard])).toEqual([
      ['disk.logs', 'disk-warning'],
      ['disk.coreDumps', 'clear-core-dumps'],
    ]);
    expect(found[1]?.cause).toBe('3 core dumps take 2.0 GiB, 13% of /dev/sda2 (alarm from 10%).');
    expect(diskAlarms(input({ disk: null, logsBytes: 5 * GiB }), ctx())).toEqual([]);
  });
});
