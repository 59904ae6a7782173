import { createHash } from 'node:crypto';
import { mkdir, open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DiskGuard } from './diskGuard';
import { LineIndexer } from './lineIndexer';
import type { LineTimeContext } from './lineTime';
import { SNIFF_BYTES, Utf8Check, looksBinary } from './textSniff';
import type { TarEntrySink } from './tarWalk';

/** What unpacking learnt about one file of a bundle. */
export interface IngestedFile {
  path: string;
  /** Bytes the archive said the file has. */
  sizeBytes: number;
  /** Bytes actually unpacked (less when the archive was cut inside this file). */
  writtenBytes: number;
  complete: boolean;
  sha256: string;
  binary: boolean;
  encoding: 'utf-8' | 'latin1';
  lines: number;
  firstAt: number | null;
  lastAt: number | null;
  /** The index file, relative to the cache folder; null for binary files. */
  index: string | null;
}

export interface IngestTarget {
  /** Cache folder being filled. */
  root: string;
  guard: DiskGuard;
  /** Index file name for the next file (unique within the cache). */
  nextIndexName(): string;
  timeContext(mtimeMs: number): LineTimeContext;
}

/**
 * Receives one file's bytes: writes them under `<root>/files/`, hashes them, tells text from binary, checks UTF-8 and
 * indexes lines and times, all in one pass.
 */
export class FileIngest implements TarEntrySink {
  private readonly hash = createHash('sha256');
  private readonly utf8 = new Utf8Check();
  private head: Buffer[] = [];
  private headBytes = 0;
  private decided = false;
  private binary = false;
  private indexer: LineIndexer | undefined;
  private indexFile: FileHandle | undefined;
  private indexName: string | null = null;
  private written = 0;
  private result: IngestedFile | undefined;

  private constructor(
    private readonly target: IngestTarget,
    private readonly path: string,
    private readonly size: number,
    private readonly mtimeMs: number,
    private readonly out: FileHandle,
    private readonly onDone: (file: IngestedFile) => void,
  ) {}

  static async start(target: IngestTarget, entry: { path: string; size: number; mtimeMs: number }, onDone: (file: IngestedFile) => void): Promise<FileIngest> {
    const file = join(target.root, 'files', ...entry.path.split('/'));
    await mkdir(dirname(file), { recursive: true });
    const out = await open(file, 'w', 0o600);
    return new FileIngest(target, entry.path, entry.size, entry.mtimeMs, out, onDone);
  }

  async write(chunk: Buffer): Promise<void> {
    await this.out.write(chunk, 0, chunk.length);
    this.written += chunk.length;
    await this.target.guard.wrote(chunk.length);
    this.hash.update(chunk);
    if (!this.decided) {
      this.head.push(Buffer.from(chunk));
      this.headBytes += chunk.length;
      if (this.headBytes >= SNIFF_BYTES) await this.decide();
      return;
    }
    await this.text(chunk);
  }

  async end(complete: boolean): Promise<void> {
    try {
      if (!this.decided) await this.decide();
      const facts = this.indexer ? await this.indexer.end() : { lines: 0, firstAt: null, lastAt: null };
      const utf8 = this.binary || this.utf8.end();
      this.result = {
        path: this.path,
        sizeBytes: this.size,
        writtenBytes: this.written,
        complete,
        sha256: this.hash.digest('hex'),
        binary: this.binary,
        encoding: utf8 ? 'utf-8' : 'latin1',
        ...facts,
        index: this.indexName,
      };
    } finally {
      await this.close();
    }
    this.onDone(this.result);
  }

  /** Closes what is open after a failure (the caller removes the cache folder). */
  async close(): Promise<void> {
    await this.out.close().catch(() => undefined);
    await this.indexFile?.close().catch(() => undefined);
    this.indexFile = undefined;
  }

  private async decide(): Promise<void> {
    this.decided = true;
    const head = Buffer.concat(this.head);
    this.head = [];
    this.binary = looksBinary(head.subarray(0, SNIFF_BYTES));
    if (!this.binary) {
      this.indexName = this.target.nextIndexName();
      this.indexFile = await open(join(this.target.root, this.indexName), 'w', 0o600);
      this.indexer = new LineIndexer(this.indexFile, this.target.timeContext(this.mtimeMs));
      if (head.length > 0) await this.text(head);
    }
  }

  private async text(chunk: Buffer): Promise<void> {
    if (!this.indexer) return;
    this.utf8.push(chunk);
    await this.indexer.push(chunk);
  }
}
