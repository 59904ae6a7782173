import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';

export const AUDIT_FILE = 'audit.jsonl';

export const AuditEntry = z.strictObject({
  at: z.iso.datetime({ offset: true }),
  platformId: z.string(),
  /** What the console was doing, in words: "support bundle", "download", "delete core dumps". */
  purpose: z.string(),
  /** The command as the platform ran it, built by the quoting helper; never a secret. */
  command: z.string(),
  asRoot: z.boolean(),
  /** null when the command did not end on its own (cut connection, cancelled). */
  exitCode: z.number().int().nullable(),
  /** The wizard run the command belongs to. */
  runId: z.string().nullable().default(null),
  /** What the user confirmed (a destructive step, a manual step done), in words; command is then empty. */
  confirmation: z.string().nullable().default(null),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/**
 * A line of the file. A command is written twice: `start` before it runs (so a crash still leaves it, without an exit code)
 * and `end` with its exit code; reading folds the two into one entry. Confirmations and older lines have neither.
 */
const AuditLine = AuditEntry.extend({ commandId: z.string().optional(), phase: z.enum(['start', 'end']).optional() });

type NewEntry = Omit<z.input<typeof AuditEntry>, 'at'>;
/** Records how a begun command ended: its exit code, or null when it did not end on its own. */
export type AuditEnd = (exitCode: number | null) => Promise<void>;

export interface AuditLog {
  record(entry: NewEntry): Promise<void>;
  /** Records a command before it runs (on disk when this answers); the answer records its end. */
  begin(entry: Omit<NewEntry, 'exitCode'>): Promise<AuditEnd>;
  /** The platform's newest entries, oldest first; lines that cannot be read are skipped. */
  forPlatform(platformId: string, limit?: number): Promise<AuditEntry[]>;
  /** The newest entries that match, oldest first (all when no filter is given). */
  list(filter: AuditFilter, limit?: number): Promise<AuditEntry[]>;
}

/** `begin`, where a failed write is reported and the end is then recorded alone: audit failures never stop the work. */
export function beginCommand(audit: AuditLog, entry: Omit<NewEntry, 'exitCode'>, onError: (error: unknown) => void): Promise<AuditEnd> {
  return audit.begin(entry).catch((error: unknown) => {
    onError(error);
    return (exitCode: number | null) => audit.record({ ...entry, exitCode });
  });
}

export interface AuditFilter {
  platformId?: string;
  runId?: string;
}

/** Append-only record of every command run on a platform, one JSON object per line, on disk (fsynced) before `record` or `begin` answers. */
export function createAuditLog(dataDir: string): AuditLog {
  const file = join(dataDir, AUDIT_FILE);
  let writing: Promise<void> = Promise.resolve();
  const append = async (entry: Omit<z.input<typeof AuditLine>, 'at'>): Promise<void> => {
    const line = `${JSON.stringify(AuditLine.parse({ at: new Date().toISOString(), ...entry }))}\n`;
    const next = writing.then(async () => {
      await mkdir(dirname(file), { recursive: true });
      const handle = await open(file, 'a', 0o600);
      try {
        await handle.write(line);
        await handle.sync();
      } finally {
        await handle.close();
      }
    });
    writing = next.catch(() => undefined);
    return next;
  };
  return {
    record: (entry) => append(entry),
    async begin(entry) {
      const commandId = randomUUID();
      await append({ ...entry, exitCode: null, commandId, phase: 'start' });
      return (exitCode) => append({ ...entry, exitCode, commandId, phase: 'end' });
    },
    forPlatform: (platformId, limit) => list({ platformId }, limit),
    list,
  };

  async function list(filter: AuditFilter, limit = 1_000): Promise<AuditEntry[]> {
    await writing;
    const found: AuditEntry[] = [];
    const started = new Map<string, AuditEntry>();
    const stream = createReadStream(file, { encoding: 'utf8' });
    const needles = [filter.platformId, filter.runId].filter((n): n is string => n !== undefined);
    try {
      for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
        if (!needles.every((needle) => line.includes(needle))) continue;
        const parsed = AuditLine.safeParse(safeJson(line));
        if (!parsed.success) continue;
        if (filter.platformId !== undefined && parsed.data.platformId !== filter.platformId) continue;
        if (filter.runId !== undefined && parsed.data.runId !== filter.runId) continue;
        const { commandId, phase, ...entry } = parsed.data;
        const start = commandId === undefined || phase !== 'end' ? undefined : started.get(commandId);
        if (start) {
          start.exitCode = entry.exitCode;
          started.delete(commandId as string);
          continue;
        }
        if (commandId !== undefined && phase === 'start') started.set(commandId, entry);
        found.push(entry);
        if (found.length > limit) found.shift();
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    } finally {
      stream.destroy();
    }
    return found;
  }
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
