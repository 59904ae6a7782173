import { readFile, rename } from 'node:fs/promises';
import type { z } from 'zod';
import { atomicWriteFile } from './atomicWrite';

export interface JsonFileStore<T> {
  read(): Promise<T>;
  update(change: (current: T) => T): Promise<T>;
  /** What went wrong when the file was last read, in words for the user; null when all is well. */
  problem(): string | null;
}

/**
 * One JSON document on disk, validated on every read. A file that fails validation is
 * moved aside (never deleted) and the defaults are used, so nothing is lost and nothing stops.
 */
export function createJsonFileStore<S extends z.ZodType>(path: string, schema: S, defaults: () => z.output<S>, format: { compact?: boolean } = {}): JsonFileStore<z.output<S>> {
  type T = z.output<S>;
  let cached: T | undefined;
  let lastProblem: string | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  async function load(): Promise<T> {
    if (cached !== undefined) return cached;
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return (cached = defaults());
      throw error;
    }
    const parsed = schema.safeParse(parseJson(text));
    if (parsed.success) return (cached = parsed.data);
    const aside = `${path}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(path, aside);
    lastProblem = `${path} could not be read and was kept as ${aside}; defaults are in use. Check or remove that file.`;
    return (cached = defaults());
  }

  function serialized<R>(work: () => Promise<R>): Promise<R> {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  }

  return {
    read: () => serialized(load),
    update: (change) =>
      serialized(async () => {
        const next = schema.parse(change(await load()));
        await atomicWriteFile(path, `${JSON.stringify(next, null, format.compact ? undefined : 2)}\n`);
        cached = next;
        return next;
      }),
    problem: () => lastProblem,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
