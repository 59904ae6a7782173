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

export interface AuditLog {
  record(entry: Omit<z.input<typeof AuditEntry>, 'at'>): Promise<void>;
  /** The platform's newest entries, oldest first; lines that cannot be read are skipped. */
  forPlatform(platformId: string, limit?: number): Promise<AuditEntry[]>;
  /** The newest entries that match, oldest first (all when no filter is given). */
  list(filter: AuditFilter, limit?: number): Promise<AuditEntry[]>;
}

export interface AuditFilter {
  platformId?: string;
  runId?: string;
}

/** Append-only record of every command run on a platform, one JSON object per line, on disk (fsynced) before `record` answers. */
export function createAuditLog(dataDir: string): AuditLog {
  const file = join(dataDir, AUDIT_FILE);
  let writing: Promise<void> = Promise.resolve();
  return {
    async record(entry) {
      const line = `${JSON.stringify(AuditEntry.parse({ at: new Date().toISOString(), ...entry }))}\n`;
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
    },
    forPlatform: (platformId, limit) => list({ platformId }, limit),
    list,
  };

  async function list(filter: AuditFilter, limit = 1_000): Promise<AuditEntry[]> {
    await writing;
    const found: AuditEntry[] = [];
    const stream = createReadStream(file, { encoding: 'utf8' });
    const needles = [filter.platformId, filter.runId].filter((n): n is string => n !== undefined);
    try {
      for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
        if (!needles.every((needle) => line.includes(needle))) continue;
        const parsed = AuditEntry.safeParse(safeJson(line));
        if (!parsed.success) continue;
        if (filter.platformId !== undefined && parsed.data.platformId !== filter.platformId) continue;
        if (filter.runId !== undefined && parsed.data.runId !== filter.runId) continue;
        found.push(parsed.data);
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
