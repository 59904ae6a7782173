import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isFleetError } from '../../electron/core/fleet/fleetError';
import { STATUS_FILE, createStatusStore } from '../../electron/core/fleet/statusStore';

/** A status as a monitor might hand it in. */
const Status = z.strictObject({ reachable: z.boolean(), usedPercent: z.number().min(0).max(100).nullable() });

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'apc-status-'));
});
afterEach(async () => rm(dataDir, { recursive: true, force: true }));

const at = (iso: string) => new Date(iso);

describe('createStatusStore', () => {
  it('keeps the newest status per platform with its time and gives it back with its age after a restart', async () => {
    const store = createStatusStore(dataDir, Status);
    await store.record('ap-1', { reachable: true, usedPercent: 41 }, at('2026-03-01T10:00:00Z'));
    await store.record('ap-2', { reachable: false, usedPercent: null }, at('2026-03-01T09:00:00Z'));
    await store.record('ap-1', { reachable: true, usedPercent: 42 }, at('2026-03-01T10:05:00Z'));

    const later = createStatusStore(dataDir, Status);
    expect(await later.all(at('2026-03-01T10:10:00Z'))).toEqual([
      { platformId: 'ap-2', recordedAt: '2026-03-01T09:00:00.000Z', ageSeconds: 4200, status: { reachable: false, usedPercent: null } },
      { platformId: 'ap-1', recordedAt: '2026-03-01T10:05:00.000Z', ageSeconds: 300, status: { reachable: true, usedPercent: 42 } },
    ]);
    expect(await later.get('ap-1', at('2026-03-01T10:04:00Z'))).toMatchObject({ ageSeconds: 0 });
    expect(await later.get('ap-9')).toBeNull();
    expect(later.problem()).toBeNull();
  });

  it('refuses a status that does not fit the schema and keeps the one before', async () => {
    const store = createStatusStore(dataDir, Status);
    await store.record('ap-1', { reachable: true, usedPercent: 10 });
    let caught: unknown;
    try {
      await store.record('ap-1', { reachable: 'yes', usedPercent: 10 });
    } catch (error) {
      caught = error;
    }
    expect(isFleetError(caught, 'invalid')).toBe(true);
    expect((caught as Error).message).toMatch(/reachable/);
    expect((await store.get('ap-1'))?.status).toEqual({ reachable: true, usedPercent: 10 });
  });

  it('writes several statuses at once and forgets platforms that are gone', async () => {
    const store = createStatusStore(dataDir, Status);
    await store.recordMany(['a', 'b', 'c'].map((id) => ({ platformId: `ap-${id}`, status: { reachable: true, usedPercent: 5 } })));
    expect(await store.retain(['ap-a', 'ap-c', 'ap-new'])).toBe(1);
    expect(await store.retain(['ap-a', 'ap-c'])).toBe(0);
    const onDisk = JSON.parse(await readFile(join(dataDir, STATUS_FILE), 'utf8')) as { platforms: Record<string, unknown> };
    expect(Object.keys(onDisk.platforms).sort()).toEqual(['ap-a', 'ap-c']);
  });

  it('drops saved statuses that no longer fit and reports it, keeping the others', async () => {
    await writeFile(
      join(dataDir, STATUS_FILE),
      JSON.stringify({
        version: 1,
        platforms: {
          'ap-old': { recordedAt: '2026-03-01T08:00:00Z', status: { reachable: true, load: 3 } },
          'ap-ok': { recordedAt: '2026-03-01T08:00:00+02:00', status: { reachable: true, usedPercent: 3 } },
        },
      }),
    );
    const store = createStatusStore(dataDir, Status);
    expect((await store.all()).map((e) => e.platformId)).toEqual(['ap-ok']);
    expect(store.problem()).toMatch(/1 saved status in status\.json no longer fit/);
    const onDisk = JSON.parse(await readFile(join(dataDir, STATUS_FILE), 'utf8')) as { platforms: Record<string, unknown> };
    expect(Object.keys(onDisk.platforms)).toEqual(['ap-ok']);
  });

  it('keeps an unreadable status.json aside and starts empty', async () => {
    await writeFile(join(dataDir, STATUS_FILE), 'not json');
    const store = createStatusStore(dataDir, Status);
    expect(await store.all()).toEqual([]);
    expect(store.problem()).toMatch(/kept as .*status\.json\.unreadable-/);
  });
});
