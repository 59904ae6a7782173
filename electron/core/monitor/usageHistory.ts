import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { atomicWriteFile } from '../storage/atomicWrite';

export const HistorySample = z.strictObject({
  at: z.number(),
  usedBytes: z.number().nonnegative(),
  sizeBytes: z.number().nonnegative(),
  /** WAL the primary keeps for its standbys (all slots), where it is a primary. */
  walRetainedBytes: z.number().nonnegative().nullable(),
});
export type HistorySample = z.output<typeof HistorySample>;

const HistoryFile = z.strictObject({ version: z.literal(1), platformId: z.string(), samples: z.array(HistorySample) });

const DAY_MS = 86_400_000;
const KEEP_DAYS = 14;
const MAX_SAMPLES = 4_000;

export interface UsageHistory {
  samples(platformId: string): Promise<readonly HistorySample[]>;
  add(platformId: string, sample: HistorySample): Promise<void>;
  /** Writes what changed since the last flush. */
  flush(): Promise<void>;
  forget(platformId: string): Promise<void>;
}

/** Keeps 14 days; when a platform has too many readings, every other one older than a day goes. */
export function retain(samples: HistorySample[], now: number): HistorySample[] {
  let kept = samples.filter((s) => s.at >= now - KEEP_DAYS * DAY_MS);
  while (kept.length > MAX_SAMPLES) {
    const old = kept.filter((s) => s.at < now - DAY_MS);
    if (old.length < 2) return kept.slice(kept.length - MAX_SAMPLES);
    const drop = new Set(old.filter((_, i) => i % 2 === 1));
    kept = kept.filter((s) => !drop.has(s));
  }
  return kept;
}

/** One file per platform under `<dataDir>/history/`, named by a hash of its id (ids are not file names). */
export function createUsageHistory(dataDir: string, onProblem: (message: string) => void = () => undefined): UsageHistory {
  const folder = join(dataDir, 'history');
  const loaded = new Map<string, HistorySample[]>();
  const dirty = new Set<string>();
  const fileOf = (id: string) => join(folder, `${createHash('sha256').update(id).digest('hex').slice(0, 24)}.json`);

  async function load(id: string): Promise<HistorySample[]> {
    const cached = loaded.get(id);
    if (cached) return cached;
    let samples: HistorySample[] = [];
    try {
      const parsed = HistoryFile.safeParse(JSON.parse(await readFile(fileOf(id), 'utf8')));
      if (parsed.success && parsed.data.platformId === id) samples = parsed.data.samples;
      else onProblem(`The usage history of ${id} could not be read and starts anew.`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') onProblem(`The usage history of ${id} could not be read and starts anew.`);
    }
    loaded.set(id, samples);
    return samples;
  }

  return {
    samples: load,
    async add(id, sample) {
      const samples = await load(id);
      const last = samples.at(-1);
      const next = last && sample.at <= last.at ? [...samples.filter((s) => s.at < sample.at), sample] : [...samples, sample];
      loaded.set(id, retain(next, sample.at));
      dirty.add(id);
    },
    async flush() {
      const ids = [...dirty];
      dirty.clear();
      for (const id of ids) {
        const document = { version: 1 as const, platformId: id, samples: loaded.get(id) ?? [] };
        try {
          await atomicWriteFile(fileOf(id), JSON.stringify(document));
        } catch (error) {
          dirty.add(id);
          onProblem(`The usage history of ${id} could not be saved (${(error as NodeJS.ErrnoException).code ?? 'error'}); it is kept in memory and saved again later.`);
        }
      }
    },
    async forget(id) {
      loaded.delete(id);
      dirty.delete(id);
      await rm(fileOf(id), { force: true });
    },
  };
}
