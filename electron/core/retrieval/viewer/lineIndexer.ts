import type { FileHandle } from 'node:fs/promises';
import { LINE_TIME_HEAD, lineTime } from './lineTime';
import type { LineTimeContext } from './lineTime';

/**
 * One record per line in the index file, three float64: the line's byte offset, its sort time and its own time.
 * Sort time: the line's own time, or the one of the line before when it has none or its clock went back, so it never
 * decreases within a file (binary search, k-way merge). Lines before the file's first time take that time when it comes
 * within the first RECORDS lines, else -Infinity. Own time: NaN when the line has none.
 */
export const RECORD_FLOATS = 3;
export const RECORD_BYTES = RECORD_FLOATS * 8;
const RECORDS = 8192;

export interface LineIndexFacts {
  lines: number;
  firstAt: number | null;
  lastAt: number | null;
}

/** Indexes one text file as its bytes stream by: line offsets and times, written to `out`. */
export class LineIndexer {
  private readonly records = new Float64Array(RECORDS * RECORD_FLOATS);
  private used = 0;
  private lines = 0;
  private offset = 0;
  /** Offset where the current line started, and whether its head was parsed. */
  private lineStart = 0;
  private headParsed = false;
  private readonly head = Buffer.alloc(LINE_TIME_HEAD);
  private headLength = 0;
  private lastEff = -Infinity;
  private firstAt: number | null = null;
  /** Records in the buffer from which lines had no time yet (-1: a time was seen). */
  private leadingFrom = 0;

  constructor(
    private readonly out: FileHandle,
    private readonly ctx: LineTimeContext,
  ) {}

  async push(chunk: Buffer): Promise<void> {
    let p = 0;
    while (p < chunk.length) {
      if (!this.headParsed) {
        const available = chunk.length - p;
        if (this.headLength === 0 && available >= LINE_TIME_HEAD) {
          if (this.used === RECORDS) await this.flush();
          this.addLine(lineTime(chunk, p, this.ctx));
        } else {
          const take = Math.min(LINE_TIME_HEAD - this.headLength, available);
          chunk.copy(this.head, this.headLength, p, p + take);
          this.headLength += take;
          if (this.headLength === LINE_TIME_HEAD) await this.addHeadLine();
        }
      }
      const nl = chunk.indexOf(10, p);
      if (nl < 0) break;
      if (!this.headParsed) await this.addHeadLine();
      p = nl + 1;
      this.lineStart = this.offset + p;
      this.headParsed = false;
      this.headLength = 0;
    }
    this.offset += chunk.length;
  }

  async end(): Promise<LineIndexFacts> {
    if (!this.headParsed && this.offset > this.lineStart) await this.addHeadLine();
    await this.flush();
    return { lines: this.lines, firstAt: this.firstAt, lastAt: this.firstAt === null ? null : this.lastEff };
  }

  private async addHeadLine(): Promise<void> {
    if (this.used === RECORDS) await this.flush();
    this.head.fill(0, this.headLength);
    this.addLine(lineTime(this.head, 0, this.ctx));
  }

  /** Adds the current line; the caller makes room first. */
  private addLine(own: number): void {
    this.headParsed = true;
    const valid = own === own;
    if (valid && this.firstAt === null) {
      this.firstAt = own;
      if (this.leadingFrom >= 0) for (let i = this.leadingFrom; i < this.used; i++) this.records[i * RECORD_FLOATS + 1] = own;
      this.leadingFrom = -1;
    }
    if (valid && own > this.lastEff) this.lastEff = own;
    const base = this.used * RECORD_FLOATS;
    this.records[base] = this.lineStart;
    this.records[base + 1] = this.lastEff;
    this.records[base + 2] = own;
    this.used++;
    this.lines++;
  }

  private async flush(): Promise<void> {
    if (this.used === 0) return;
    const bytes = Buffer.from(this.records.buffer, 0, this.used * RECORD_BYTES);
    await this.out.write(bytes, 0, bytes.length);
    this.used = 0;
    if (this.leadingFrom >= 0) this.leadingFrom = 0;
  }
}
