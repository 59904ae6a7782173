import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { archiveKind, unpackArchive } from './bundleUnpack';
import type { ArchiveKind } from './bundleUnpack';
import { verifiedFiles } from './bundleVerify';
import { CACHE_META, newCachedBundle, readCachedBundle } from './cachedBundle';
import type { CachedBundle } from './cachedBundle';
import { DiskGuard } from './diskGuard';
import type { LineTimeContext } from './lineTime';
import { xzDeclaredSize } from './xzSize';

/** Index records and folders on top of the unpacked bytes (24 bytes a line; short lines make it more). */
const INDEX_OVERHEAD = 0.35;
/** When an archive does not say how large it unpacks, assume at least this ratio (logs compress about 10 to 30 times). */
const UNKNOWN_RATIO = 10;

export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function expectedBytes(path: string, kind: ArchiveKind, size: number): Promise<number> {
  if (kind === 'tar' || kind === 'text') return size;
  const declared = kind === 'tar.xz' ? await xzDeclaredSize(path).catch(() => undefined) : undefined;
  return declared ?? size * UNKNOWN_RATIO;
}

export interface CacheResult {
  dir: string;
  bundle: CachedBundle;
  /** True when an earlier, complete cache was used. */
  reused: boolean;
}

/**
 * The cache folder of an archive, `<cacheRoot>/<sha256>/`: reused when complete, else built in a `.part` folder that is
 * renamed when everything (files, indexes, viewer.json) is written. A failure leaves no folder behind.
 */
export async function cachedArchive(path: string, cacheRoot: string, sha256: string): Promise<CacheResult> {
  const dir = join(cacheRoot, sha256);
  const existing = await readCachedBundle(dir);
  if (existing && existing.sha256 === sha256) return { dir, bundle: existing, reused: true };
  const kind = await archiveKind(path);
  await mkdir(cacheRoot, { recursive: true });
  const guard = new DiskGuard(cacheRoot);
  const size = (await stat(path)).size;
  await guard.ensureRoom(Math.ceil((await expectedBytes(path, kind, size)) * (1 + INDEX_OVERHEAD)));
  const part = join(cacheRoot, `${sha256}.part-${randomBytes(4).toString('hex')}`);
  try {
    await mkdir(join(part, 'files'), { recursive: true });
    await mkdir(join(part, 'index'));
    let indexes = 0;
    let yearRef: number | undefined;
    const unpacked = await unpackArchive(
      path,
      {
        root: part,
        guard,
        nextIndexName: () => `index/${indexes++}.idx`,
        timeContext: (mtimeMs): LineTimeContext => ({ syslogYearRef: mtimeMs > Date.UTC(2000, 0, 1) ? mtimeMs : (yearRef ??= Date.now()) }),
      },
      kind,
    );
    const checked = verifiedFiles(unpacked);
    const bundle = newCachedBundle({ sha256, ...checked });
    await writeFile(join(part, CACHE_META), JSON.stringify(bundle), { mode: 0o600 });
    await rm(dir, { recursive: true, force: true });
    await rename(part, dir);
    return { dir, bundle, reused: false };
  } catch (error) {
    await rm(part, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
}

/** Removes `.part` folders that an interrupted run left behind (never a complete cache). */
export async function removeStaleParts(cacheRoot: string, entries: string[]): Promise<void> {
  for (const name of entries) if (/^[0-9a-f]{64}\.part-[0-9a-f]{8}$/.test(name)) await rm(join(cacheRoot, name), { recursive: true, force: true }).catch(() => undefined);
}
