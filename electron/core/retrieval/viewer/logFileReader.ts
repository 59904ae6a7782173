import type { FileHandle } from 'node:fs/promises';
import type { CachedFile } from './cachedBundle';
import type { HandlePool } from './handlePool';
import { RECORD_BYTES, RECORD_FLOATS } from './lineIndexer';

const PAGE_RECORDS = 2048;
const PAGES_KEPT = 16;
/** Longest part of one line handed out; the rest is cut and marked. */
export const MAX_LINE_BYTES = 64 * 1024;
const GROUP_BYTES = 1024 * 1024;

export interface IndexedLine {
  /** 1-based. */
  line: number;
  /** The line's own time (ms), or null. */
  at: number | null;
  text: string;
}

async function readExactly(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return buffer.subarray(0, done);
}

/** One text file of an open bundle: its lines and times through the line index, read in pages, never the whole file. */
export class LogFileReader {
  private readonly pages = new Map<number, Float64Array>();

  constructor(
    readonly file: CachedFile,
    /** Position in the bundle's file list (orders equal times in the timeline). */
    readonly order: number,
    private readonly dataPath: string,
    private readonly indexPath: string,
    private readonly pool: HandlePool,
  ) {}

  get lines(): number {
    return this.file.lines;
  }

  decode(bytes: Buffer, start = 0, end = bytes.length): string {
    return bytes.toString(this.file.encoding === 'utf-8' ? 'utf8' : 'latin1', start, end);
  }

  withData<T>(work: (handle: FileHandle) => Promise<T>): Promise<T> {
    return this.pool.use(this.dataPath, work);
  }

  /** Byte offset where line i (0-based) starts; the file size for i = lines. */
  async offset(i: number): Promise<number> {
    return i >= this.lines ? this.file.sizeBytes : (await this.page(i))[(i % PAGE_RECORDS) * RECORD_FLOATS] ?? 0;
  }

  /** Sort time of line i: never decreasing within the file. */
  async sortTime(i: number): Promise<number> {
    return (await this.page(i))[(i % PAGE_RECORDS) * RECORD_FLOATS + 1] ?? NaN;
  }

  async ownTime(i: number): Promise<number | null> {
    const own = (await this.page(i))[(i % PAGE_RECORDS) * RECORD_FLOATS + 2] ?? NaN;
    return Number.isNaN(own) ? null : own;
  }

  /** First line whose sort time is >= t (or > t when `strict`); `lines` when there is none. */
  async firstAtOrAfter(t: number, strict = false): Promise<number> {
    let lo = 0;
    let hi = this.lines;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const value = await this.sortTime(mid);
      if (strict ? value > t : value >= t) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Lines [from, from + count) (0-based from), long lines cut at MAX_LINE_BYTES. */
  async readLines(from: number, count: number): Promise<IndexedLine[]> {
    const stop = Math.min(this.lines, from + count);
    const out: IndexedLine[] = [];
    await this.withData(async (handle) => {
      let i = from;
      while (i < stop) {
        const groupStart = await this.offset(i);
        let j = i + 1;
        while (j < stop && (await this.offset(j + 1)) - groupStart <= GROUP_BYTES) j++;
        const groupEnd = await this.offset(j);
        if (j === i + 1 && groupEnd - groupStart > GROUP_BYTES) {
          const bytes = await readExactly(handle, groupStart, MAX_LINE_BYTES);
          out.push({ line: i + 1, at: await this.ownTime(i), text: `${this.decode(bytes)}… (line cut: ${groupEnd - groupStart} bytes)` });
          i = j;
          continue;
        }
        const bytes = await readExactly(handle, groupStart, groupEnd - groupStart);
        for (let k = i; k < j; k++) {
          const start = (await this.offset(k)) - groupStart;
          const end = Math.min(bytes.length, (await this.offset(k + 1)) - groupStart);
          out.push({ line: k + 1, at: await this.ownTime(k), text: this.lineText(bytes, start, end) });
        }
        i = j;
      }
    });
    return out;
  }

  /** The text of bytes [start, end) without its line break, cut when very long. */
  lineText(bytes: Buffer, start: number, end: number): string {
    let e = end;
    if (e > start && bytes[e - 1] === 10) e--;
    if (e > start && bytes[e - 1] === 13) e--;
    if (e - start > MAX_LINE_BYTES) return `${this.decode(bytes, start, start + MAX_LINE_BYTES)}… (line cut: ${e - start} bytes)`;
    return this.decode(bytes, start, e);
  }

  private async page(i: number): Promise<Float64Array> {
    const n = Math.floor(i / PAGE_RECORDS);
    const cached = this.pages.get(n);
    if (cached) {
      this.pages.delete(n);
      this.pages.set(n, cached);
      return cached;
    }
    const records = Math.min(PAGE_RECORDS, this.lines - n * PAGE_RECORDS);
    const bytes = await this.pool.use(this.indexPath, (handle) => readExactly(handle, n * PAGE_RECORDS * RECORD_BYTES, records * RECORD_BYTES));
    const page = new Float64Array(records * RECORD_FLOATS);
    new Uint8Array(page.buffer).set(bytes);
    this.pages.set(n, page);
    if (this.pages.size > PAGES_KEPT) this.pages.delete(this.pages.keys().next().value as number);
    return page;
  }
}
