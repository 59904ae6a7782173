import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { STATUS_FILE, createStatusStore } from '../../electron/core/fleet/statusStore';

let dataDir: string;
let parses: number;
/** A status schema that counts how often it is run. */
const Status = z.strictObject({ usedPercent: z.number() }).transform((status) => {
  parses++;
  return status;
});

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'apc-status-reads-'));
  parses = 0;
});
afterEach(async () => rm(dataDir, { recursive: true, force: true }));

const at = (iso: string) => new Date(iso);

describe('createStatusStore reads', () => {
  it('checks each status once, when it is recorded or read back, however often it is read', async () => {
    const store = createStatusStore(dataDir, Status);
    await store.record('ap-1', { usedPercent: 10 }, at('2026-03-01T10:00:00Z'));
    expect(parses).toBe(1);
    for (let i = 0; i < 3; i++) await store.all();
    await store.get('ap-1');
    expect(parses).toBe(1);

    const later = createStatusStore(dataDir, Status);
    parses = 0;
    await Promise.all([later.all(), later.all(), later.get('ap-1')]);
    await later.all();
    expect(parses).toBe(1);
  });

  it('gives every read the same parsed status, and the new one after a record', async () => {
    const store = createStatusStore(dataDir, Status);
    await store.record('ap-1', { usedPercent: 10 });
    const [first] = await store.all();
    expect((await store.get('ap-1'))?.status).toBe(first?.status);
    await store.record('ap-1', { usedPercent: 11 });
    expect((await store.get('ap-1'))?.status).toEqual({ usedPercent: 11 });
  });

  it('reads a large file back completely, oldest first, and drops only what no longer fits', async () => {
    const platforms: Record<string, unknown> = {};
    // Newest first in the file, one second apart.
    for (let i = 0; i < 1_200; i++) {
      platforms[`ap-${i}`] = { recordedAt: new Date(Date.UTC(2026, 2, 1, 12) - i * 1000).toISOString(), status: i === 700 ? { usedPercent: 'full' } : { usedPercent: i % 100 } };
    }
    await writeFile(join(dataDir, STATUS_FILE), JSON.stringify({ version: 1, platforms }));
    const store = createStatusStore(dataDir, Status);
    const all = await store.all(at('2026-03-02T00:00:00Z'));
    expect(all).toHaveLength(1_199);
    expect(all.map((e) => e.platformId)).not.toContain('ap-700');
    expect(all[0]?.platformId).toBe('ap-1199');
    expect(all.at(-1)?.platformId).toBe('ap-0');
    expect(store.problem()).toMatch(/1 saved status in status\.json no longer fit/);
    const onDisk = JSON.parse(await readFile(join(dataDir, STATUS_FILE), 'utf8')) as { platforms: Record<string, unknown> };
    expect(Object.keys(onDisk.platforms)).toHaveLength(1_199);
  });

  it('forgets retained-out platforms in what it reads, not only on disk', async () => {
    const store = createStatusStore(dataDir, Status);
    await store.recordMany(['a', 'b'].map((id) => ({ platformId: `ap-${id}`, status: { usedPercent: 1 } })));
    expect(await store.retain(['ap-a'])).toBe(1);
    expect((await store.all()).map((e) => e.platformId)).toEqual(['ap-a']);
    expect(await store.get('ap-b')).toBeNull();
  });
});
