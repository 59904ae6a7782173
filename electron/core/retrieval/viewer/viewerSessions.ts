import { readdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { EngineLog } from '../../engineLog';
import { ContractError } from '../../rpc/contractError';
import { cachedArchive, fileSha256, removeStaleParts } from './bundleCache';
import type { CacheResult } from './bundleCache';
import { OpenBundle } from './openBundle';
import { notOpen, openErrorSentence } from './viewerErrors';

/** Bundles open at once; opening another closes the one used longest ago. */
export const MAX_OPEN_BUNDLES = 4;

/** The viewer's open bundles (at most a handful), and the one cache build per archive at a time. */
export class ViewerSessions {
  private readonly open = new Map<string, OpenBundle>();
  private readonly building = new Map<string, Promise<CacheResult>>();
  private cleaned = false;
  private closed = false;

  constructor(
    readonly cacheRoot: string,
    private readonly log: EngineLog,
  ) {}

  async openBundle(localPath: string): Promise<OpenBundle> {
    if (this.closed) throw new ContractError('unavailable', 'The engine is shutting down; open the bundle again after it restarts.');
    const path = resolve(localPath);
    try {
      const started = Date.now();
      const sha256 = await fileSha256(path);
      const already = this.open.get(`bundle-${sha256}`);
      if (already) return this.touch(already);
      await this.cleanOnce();
      let build = this.building.get(sha256);
      if (!build) {
        build = cachedArchive(path, this.cacheRoot, sha256).finally(() => this.building.delete(sha256));
        this.building.set(sha256, build);
      }
      const cache = await build;
      const bundle = this.open.get(`bundle-${sha256}`) ?? new OpenBundle(cache.dir, cache.bundle, path, basename(path));
      this.log.info(`viewer: ${cache.reused ? 'reopened' : 'unpacked and indexed'} ${bundle.name} (${cache.bundle.files.length} files, ${cache.bundle.problems.length} problems) in ${Date.now() - started} ms`);
      this.open.set(bundle.id, bundle);
      await this.evict();
      return this.touch(bundle);
    } catch (error) {
      const sentence = openErrorSentence(error, path, this.cacheRoot);
      if (sentence) throw sentence;
      this.log.error(`viewer: opening ${path} failed`, error);
      throw new ContractError('failed', `The viewer could not open ${basename(path)} because of an unexpected error (details are in the engine log). Try again; if it keeps failing, open the archive with tar to check it.`, 'localPath');
    }
  }

  get(bundleId: string): OpenBundle {
    const bundle = this.open.get(bundleId);
    if (!bundle) throw notOpen();
    return this.touch(bundle);
  }

  async closeBundle(bundleId: string): Promise<void> {
    const bundle = this.open.get(bundleId);
    this.open.delete(bundleId);
    await bundle?.close();
  }

  async closeAll(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.building.values()]);
    const bundles = [...this.open.values()];
    this.open.clear();
    await Promise.all(bundles.map((b) => b.close()));
  }

  private touch(bundle: OpenBundle): OpenBundle {
    this.open.delete(bundle.id);
    this.open.set(bundle.id, bundle);
    return bundle;
  }

  private async evict(): Promise<void> {
    while (this.open.size > MAX_OPEN_BUNDLES) {
      const oldest = this.open.keys().next().value as string;
      await this.closeBundle(oldest);
    }
  }

  private async cleanOnce(): Promise<void> {
    if (this.cleaned) return;
    this.cleaned = true;
    const names = await readdir(this.cacheRoot).catch(() => []);
    await removeStaleParts(this.cacheRoot, names);
  }
}

export const viewerCacheRoot = (dataDir: string) => join(dataDir, 'viewer-cache');
