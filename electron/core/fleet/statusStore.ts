import { join } from 'node:path';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { z } from 'zod';
import { createJsonFileStore } from '../storage/jsonFileStore';
import { FleetError } from './fleetError';

export const STATUS_FILE = 'status.json';

const StatusFile = z.strictObject({
  version: z.literal(1),
  /** Per platform id: when the status was taken, and the status as the monitor handed it in. */
  platforms: z.record(z.string().min(1), z.strictObject({ recordedAt: z.iso.datetime({ offset: true }), status: z.unknown() })),
});
type StatusFile = z.output<typeof StatusFile>;

export interface LastStatus<T> {
  platformId: string;
  recordedAt: string;
  /** How old the status is, from `recordedAt` to the time asked for; never negative. */
  ageSeconds: number;
  /** Parsed once and shared by every read: do not change it. */
  status: T;
}

export interface StatusStore<T> {
  /** Keeps a platform's newest status; one that does not fit the schema is refused. */
  record(platformId: string, status: unknown, at?: Date): Promise<void>;
  /** Several at once, in one write. */
  recordMany(entries: readonly { platformId: string; status: unknown; at?: Date }[]): Promise<void>;
  get(platformId: string, now?: Date): Promise<LastStatus<T> | null>;
  /** Every platform's last status, oldest first, with its age. */
  all(now?: Date): Promise<LastStatus<T>[]>;
  /** Forgets platforms that are no longer in the inventory; says how many were dropped. */
  retain(platformIds: Iterable<string>): Promise<number>;
  /** What went wrong reading status.json, in words for the user; null when all is well. */
  problem(): string | null;
}

interface Kept<T> {
  recordedAt: string;
  recordedMs: number;
  status: T;
}

/** How long checking the statuses read back may hold the event loop before it lets other work (serving the page) run. */
const CHECK_SLICE_MS = 8;

/**
 * The last known status of every platform in `status.json`, so the console shows the whole fleet at start
 * before any poll answers. Each status is checked against the schema once, when it is read back or recorded,
 * and kept parsed in memory: reads cost nothing however large the fleet. Entries that no longer fit the schema
 * (after an update of the monitor) are dropped and reported; the rest stays.
 */
export function createStatusStore<S extends z.ZodType>(dataDir: string, schema: S): StatusStore<z.output<S>> {
  type T = z.output<S>;
  // Thousands of statuses: written compact, as no one reads this file by hand.
  const file = createJsonFileStore(join(dataDir, STATUS_FILE), StatusFile, (): StatusFile => ({ version: 1, platforms: {} }), { compact: true });
  let dropped = 0;
  let loaded: Promise<Map<string, Kept<T>>> | undefined;

  const kept = (recordedAt: string, status: T): Kept<T> => ({ recordedAt, recordedMs: Date.parse(recordedAt), status });

  /** Reads the file back once, keeps what fits the schema and drops the rest from the file. */
  const load = () =>
    (loaded ??= (async () => {
      const doc = await file.read();
      const parsed = new Map<string, Kept<T>>();
      const refused = new Set<string>();
      let sliceStarted = performance.now();
      for (const [platformId, entry] of Object.entries(doc.platforms)) {
        if (performance.now() - sliceStarted > CHECK_SLICE_MS) {
          await yieldToEvents();
          sliceStarted = performance.now();
        }
        const result = schema.safeParse(entry.status);
        if (result.success) parsed.set(platformId, kept(entry.recordedAt, result.data as T));
        else refused.add(platformId);
      }
      dropped = refused.size;
      if (dropped > 0) await file.update((current) => ({ ...current, platforms: Object.fromEntries(Object.entries(current.platforms).filter(([id]) => !refused.has(id))) }));
      return parsed;
    })().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    }));

  const entryOf = (platformId: string, entry: Kept<T>, now: Date): LastStatus<T> => ({
    platformId,
    recordedAt: entry.recordedAt,
    ageSeconds: Math.max(0, Math.floor((now.getTime() - entry.recordedMs) / 1000)),
    status: entry.status,
  });

  const recordMany: StatusStore<T>['recordMany'] = async (entries) => {
    const checkedEntries = entries.map(({ platformId, status, at }) => {
      if (typeof platformId !== 'string' || platformId.length === 0) throw new FleetError('invalid', 'A status needs the id of its platform.', 'platformId');
      const parsed = schema.safeParse(status);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new FleetError('invalid', `The status of ${platformId} does not fit its schema (${issue?.path.join('.') || 'status'}: ${issue?.message ?? 'invalid'}); it was not kept.`, 'status');
      }
      return [platformId, { recordedAt: (at ?? new Date()).toISOString(), status: parsed.data as T }] as const;
    });
    const statuses = await load();
    await file.update((current) => ({ ...current, platforms: { ...current.platforms, ...Object.fromEntries(checkedEntries) } }));
    for (const [platformId, entry] of checkedEntries) statuses.set(platformId, kept(entry.recordedAt, entry.status));
  };

  return {
    record: (platformId, status, at) => recordMany([{ platformId, status, ...(at ? { at } : {}) }]),
    recordMany,
    get: async (platformId, now = new Date()) => {
      const entry = (await load()).get(platformId);
      return entry ? entryOf(platformId, entry, now) : null;
    },
    all: async (now = new Date()) =>
      [...(await load())]
        .sort(([, a], [, b]) => a.recordedMs - b.recordedMs)
        .map(([id, entry]) => entryOf(id, entry, now)),
    retain: async (platformIds) => {
      const keep = new Set(platformIds);
      const statuses = await load();
      const stale = [...statuses.keys()].filter((id) => !keep.has(id));
      if (stale.length === 0) return 0;
      await file.update((current) => ({ ...current, platforms: Object.fromEntries(Object.entries(current.platforms).filter(([id]) => keep.has(id))) }));
      for (const id of stale) statuses.delete(id);
      return stale.length;
    },
    problem: () => {
      const fileProblem = file.problem();
      const schemaProblem = dropped > 0 ? `${dropped} saved status${dropped === 1 ? '' : 'es'} in ${STATUS_FILE} no longer fit and ${dropped === 1 ? 'was' : 'were'} dropped; the next poll fills them in.` : null;
      return [fileProblem, schemaProblem].filter(Boolean).join(' ') || null;
    },
  };
}
