import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { BundleSummary } from '../../contract';
import type { ViewerFile } from '../../contract';

/** viewer.json, written last into a cache folder: its presence (and validity) means the folder is complete. */
export const CACHE_META = 'viewer.json';
const CACHE_VERSION = 1;

const Ms = z.number().nullable();

export const CachedFile = z.strictObject({
  path: z.string().min(1),
  sizeBytes: z.number().nonnegative(),
  lines: z.number().int().nonnegative(),
  firstAt: Ms,
  lastAt: Ms,
  binary: z.boolean(),
  encoding: z.enum(['utf-8', 'latin1']),
  verified: z.boolean().nullable(),
  /** Index file relative to the cache folder; null for binary files. */
  index: z.string().regex(/^index\/[0-9]+\.idx$/).nullable(),
});
export type CachedFile = z.infer<typeof CachedFile>;

export const CachedBundle = z.strictObject({
  version: z.literal(CACHE_VERSION),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  source: z.enum(['bundle', 'log-archive']),
  summary: BundleSummary.nullable(),
  files: z.array(CachedFile),
  problems: z.array(z.string()),
  createdAt: z.string(),
});
export type CachedBundle = z.infer<typeof CachedBundle>;

export const newCachedBundle = (fields: Omit<CachedBundle, 'version' | 'createdAt'>): CachedBundle => ({ version: CACHE_VERSION, createdAt: new Date().toISOString(), ...fields });

/** The cache folder's description, or undefined when the folder is missing, incomplete or from another version. */
export async function readCachedBundle(dir: string): Promise<CachedBundle | undefined> {
  try {
    const parsed = CachedBundle.safeParse(JSON.parse(await readFile(join(dir, CACHE_META), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const iso = (ms: number | null) => (ms === null || !Number.isFinite(ms) ? null : new Date(ms).toISOString());

export function viewerFile(file: CachedFile): ViewerFile {
  return { path: file.path, sizeBytes: file.sizeBytes, lines: file.lines, firstAt: iso(file.firstAt), lastAt: iso(file.lastAt), binary: file.binary, encoding: file.encoding, verified: file.verified };
}

export const isoOrNull = iso;
