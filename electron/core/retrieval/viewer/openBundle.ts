import { join } from 'node:path';
import type { ViewerBundle } from '../../contract';
import { ContractError } from '../../rpc/contractError';
import { viewerFile } from './cachedBundle';
import type { CachedBundle } from './cachedBundle';
import { HandlePool } from './handlePool';
import { LogFileReader } from './logFileReader';

/** A bundle the viewer has open: its cache folder, file list and readers. */
export class OpenBundle {
  readonly id: string;
  private readonly pool = new HandlePool();
  private readonly readers = new Map<string, LogFileReader>();
  private readonly order = new Map<string, number>();

  constructor(
    readonly dir: string,
    readonly cached: CachedBundle,
    readonly localPath: string,
    readonly name: string,
  ) {
    this.id = `bundle-${cached.sha256}`;
    cached.files.forEach((f, i) => this.order.set(f.path, i));
  }

  describe(): ViewerBundle {
    const c = this.cached;
    return { bundleId: this.id, localPath: this.localPath, name: this.name, source: c.source, summary: c.summary, files: c.files.map(viewerFile), problems: c.problems };
  }

  /** The reader of one file; a sentence when the bundle has no such file or it is binary. */
  reader(path: string): LogFileReader {
    const i = this.order.get(path);
    const file = i === undefined ? undefined : this.cached.files[i];
    if (!file || i === undefined) throw new ContractError('invalid_params', `${path} is not in this bundle; pick a file from its list.`, 'path');
    if (file.binary || file.index === null) throw new ContractError('failed', `${path} is binary (a core dump or other data that is not text), so it cannot be shown as lines.`, 'path');
    let reader = this.readers.get(path);
    if (!reader) {
      reader = new LogFileReader(file, i, join(this.dir, 'files', ...path.split('/')), join(this.dir, file.index), this.pool);
      this.readers.set(path, reader);
    }
    return reader;
  }

  /** The text files to work on, in the bundle's order: all of them, or those named (binary ones left out). */
  textReaders(paths: readonly string[] | undefined, needTimes = false): LogFileReader[] {
    if (paths) {
      const unknown = paths.filter((p) => !this.order.has(p));
      if (unknown.length > 0) throw new ContractError('invalid_params', `${unknown.slice(0, 3).join(', ')}${unknown.length > 3 ? ` and ${unknown.length - 3} more are` : unknown.length === 1 ? ' is' : ' are'} not in this bundle; pick files from its list.`, 'files');
    }
    const wanted = paths ? new Set(paths) : undefined;
    return this.cached.files.filter((f) => !f.binary && f.index !== null && (!wanted || wanted.has(f.path)) && (!needTimes || f.firstAt !== null)).map((f) => this.reader(f.path));
  }

  async close(): Promise<void> {
    this.readers.clear();
    await this.pool.close();
  }
}
