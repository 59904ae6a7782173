import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Result } from '../../contract';

type RecentBundle = Result<'viewer.recent'>['bundles'][number];

const MAX_DEPTH = 6;
const MAX_RESULTS = 500;
const MAX_DIRS = 5_000;
const ARCHIVE = /\.(tar\.xz|txz|tar)$/i;

/** Bundles and log archives (*.tar.xz, *.tar) under `<dataDir>/bundles` and `<dataDir>/downloads`, newest first. */
export async function recentBundles(dataDir: string): Promise<RecentBundle[]> {
  const found: RecentBundle[] = [];
  let dirs = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH || ++dirs > MAX_DIRS) return;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path, depth + 1);
      else if (entry.isFile() && ARCHIVE.test(entry.name)) {
        const facts = await stat(path).catch(() => undefined);
        if (facts) found.push({ localPath: path, name: basename(path), sizeBytes: facts.size, modifiedAt: facts.mtime.toISOString() });
      }
    }
  };
  await walk(join(dataDir, 'bundles'), 0);
  await walk(join(dataDir, 'downloads'), 0);
  return found.sort((a, b) => (a.modifiedAt < b.modifiedAt ? 1 : a.modifiedAt > b.modifiedAt ? -1 : a.localPath.localeCompare(b.localPath))).slice(0, MAX_RESULTS);
}
