import { join } from 'node:path';
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

/**
 * The last known status of every platform in `status.json`, so the console shows the whole fleet at start
 * before any poll answers. Entries that no longer fit the schema (after an update of the monitor) are dropped
 * and reported; the rest stays.
 */
export function createStatusStore<S extends z.ZodType>(dataDir: string, schema: S): StatusStore<z.output<S>> {
  type T = z.output<S>;
  const file = createJsonFileStore(join(dataDir, STATUS_FILE), StatusFile, (): StatusFile => ({ version: 1, platforms: {} }));
  let dropped = 0;
  let checked: Promise<void> | undefined;

  const valid = (doc: StatusFile) => Object.entries(doc.platforms).filter(([, entry]) => schema.safeParse(entry.status).success);

  /** Drops entries the schema refuses, once, on the first read. */
  const load = async () => {
    checked ??= (async () => {
      const doc = await file.read();
      const kept = valid(doc);
      dropped = Object.keys(doc.platforms).length - kept.length;
      if (dropped > 0) await file.update((current) => ({ ...current, platforms: Object.fromEntries(valid(current)) }));
    })().catch((error: unknown) => {
      checked = undefined;
      throw error;
    });
    await checked;
    return file.read();
  };

  const entryOf = (platformId: string, entry: StatusFile['platforms'][string], now: Date): LastStatus<T> => ({
    platformId,
    recordedAt: entry.recordedAt,
    ageSeconds: Math.max(0, Math.floor((now.getTime() - Date.parse(entry.recordedAt)) / 1000)),
    status: schema.parse(entry.status) as T,
  });

  const recordMany: StatusStore<T>['recordMany'] = async (entries) => {
    const checkedEntries = entries.map(({ platformId, status, at }) => {
      if (typeof platformId !== 'string' || platformId.length === 0) throw new FleetError('invalid', 'A status needs the id of its platform.', 'platformId');
      const parsed = schema.safeParse(status);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new FleetError('invalid', `The status of ${platformId} does not fit its schema (${issue?.path.join('.') || 'status'}: ${issue?.message ?? 'invalid'}); it was not kept.`, 'status');
      }
      return [platformId, { recordedAt: (at ?? new Date()).toISOString(), status: parsed.data as unknown }] as const;
    });
    await load();
    await file.update((current) => ({ ...current, platforms: { ...current.platforms, ...Object.fromEntries(checkedEntries) } }));
  };

  return {
    record: (platformId, status, at) => recordMany([{ platformId, status, ...(at ? { at } : {}) }]),
    recordMany,
    get: async (platformId, now = new Date()) => {
      const entry = (await load()).platforms[platformId];
      return entry ? entryOf(platformId, entry, now) : null;
    },
    all: async (now = new Date()) =>
      Object.entries((await load()).platforms)
        .map(([id, entry]) => entryOf(id, entry, now))
        .sort((a, b) => Date.parse(a.recordedAt) - Date.parse(b.recordedAt)),
    retain: async (platformIds) => {
      const keep = new Set(platformIds);
      const stale = Object.keys((await load()).platforms).filter((id) => !keep.has(id));
      if (stale.length === 0) return 0;
      await file.update((current) => ({ ...current, platforms: Object.fromEntries(Object.entries(current.platforms).filter(([id]) => keep.has(id))) }));
      return stale.length;
    },
    problem: () => {
      const fileProblem = file.problem();
      const schemaProblem = dropped > 0 ? `${dropped} saved status${dropped === 1 ? '' : 'es'} in ${STATUS_FILE} no longer fit and ${dropped === 1 ? 'was' : 'were'} dropped; the next poll fills them in.` : null;
      return [fileProblem, schemaProblem].filter(Boolean).join(' ') || null;
    },
  };
}
