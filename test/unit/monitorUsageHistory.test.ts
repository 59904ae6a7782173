import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUsageHistory, retain } from '../../electron/core/monitor/usageHistory';
import type { HistorySample } from '../../electron/core/monitor/usageHistory';

const DAY = 86_400_000;
const now = Date.UTC(2026, 11, 1, 12);
const sample = (at: number, usedBytes = 1000): HistorySample => ({ at, usedBytes, sizeBytes: 10_000, walRetainedBytes: null });
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apc-history-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('usage history', () => {
  it('keeps readings per platform in memory and on disk after a flush', async () => {
    const history = createUsageHistory(dir);
    await history.add('site-a/ap 1', sample(now - 2000, 1));
    await history.add('site-a/ap 1', sample(now - 1000, 2));
    await history.add('ap2', sample(now, 3));
    expect((await history.samples('site-a/ap 1')).map((s) => s.usedBytes)).toEqual([1, 2]);
    expect(await readdir(dir)).toEqual([]);
    await history.flush();
    const files = await readdir(join(dir, 'history'));
    expect(files).toHaveLength(2);
    expect(files.every((f) => /^[0-9a-f]{24}\.json$/.test(f))).toBe(true);
    const again = createUsageHistory(dir);
    expect((await again.samples('site-a/ap 1')).map((s) => s.usedBytes)).toEqual([1, 2]);
    expect(await again.samples('unknown')).toEqual([]);
    await again.forget('ap2');
    expect(await readdir(join(dir, 'history'))).toHaveLength(1);
  });

  it('replaces a reading that comes again for an earlier time, so the history stays in order', async () => {
    const history = createUsageHistory(dir);
    for (const at of [1, 2, 3]) await history.add('ap', sample(now + at * 1000, at));
    await history.add('ap', sample(now + 2000, 20));
    expect((await history.samples('ap')).map((s) => [s.at - now, s.usedBytes])).toEqual([[1000, 1], [2000, 20]]);
  });

  it('starts anew from a damaged file and says so', async () => {
    const problems: string[] = [];
    const first = createUsageHistory(dir);
    await first.add('ap', sample(now));
    await first.flush();
    const [file] = await readdir(join(dir, 'history'));
    await writeFile(join(dir, 'history', file ?? ''), '{"version":1,"platformId":"ap","samples":[{"at":"x"}]}');
    const second = createUsageHistory(dir, (m) => problems.push(m));
    expect(await second.samples('ap')).toEqual([]);
    expect(problems).toEqual(['The usage history of ap could not be read and starts anew.']);
  });

  it('keeps 14 days and thins readings older than a day when there are too many', () => {
    expect(retain([sample(now - 15 * DAY), sample(now - 13 * DAY), sample(now)], now).map((s) => s.at)).toEqual([now - 13 * DAY, now]);
    const many = Array.from({ length: 6000 }, (_, i) => sample(now - 6000 * 60_000 + i * 60_000));
    const kept = retain(many, now);
    expect(kept.length).toBeLessThanOrEqual(4000);
    const lastDay = kept.filter((s) => s.at >= now - DAY);
    expect(lastDay).toHaveLength(many.filter((s) => s.at >= now - DAY).length);
    expect(kept.map((s) => s.at)).toEqual([...kept.map((s) => s.at)].sort((a, b) => a - b));
  });
});
