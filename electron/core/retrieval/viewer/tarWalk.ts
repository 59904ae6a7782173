import { BLOCK, isZeroBlock, parseHeader, parsePax } from '../../connect/transfer/tarHeader';
import { entrySegments } from '../../connect/transfer/tarEntryPath';

export interface TarFileEntry {
  /** Safe relative path (no leading /, no `..`). */
  path: string;
  size: number;
  /** Seconds since the epoch. */
  mtime: number;
}

export interface TarEntrySink {
  write(chunk: Buffer): Promise<void>;
  /** `complete` is false when the archive ended inside this file. */
  end(complete: boolean): Promise<void>;
}

export interface TarWalkEvents {
  /** A regular file begins; a sink receives its bytes, undefined skips it. */
  file(entry: TarFileEntry): Promise<TarEntrySink | undefined>;
  /** An entry that is not unpacked, with the reason as a sentence. */
  skipped(sentence: string): void;
}

/** How the archive ended: with its end marker, without it (after a whole entry), inside an entry, or at a damaged header. */
export type TarEnd = { kind: 'complete' } | { kind: 'no-end-marker' } | { kind: 'cut'; path: string | null; doneBytes: number; size: number } | { kind: 'damaged'; entries: number };

const META_LIMIT = 1024 * 1024;
const FILE_TYPES = new Set(['0', '\0', '7']);

type State =
  | { kind: 'header' }
  | { kind: 'data'; left: number; padding: number; sink: TarEntrySink | undefined; path: string | null; size: number }
  | { kind: 'meta'; left: number; size: number; type: string; parts: Buffer[] }
  | { kind: 'skip'; left: number }
  | { kind: 'done'; end: TarEnd };

/**
 * Reads a tar stream (ustar, GNU long names, pax) and hands regular files to a sink. Unlike the transfer's extractor it
 * never throws on what it cannot use: unsafe paths, links and devices are reported and skipped, and a cut or damaged
 * archive ends the walk with what was read so far intact.
 */
export class TarWalker {
  private state: State = { kind: 'header' };
  private header: Buffer = Buffer.alloc(0);
  private zeroBlocks = 0;
  private longName: string | undefined;
  private pax = new Map<string, string>();
  private entries = 0;

  constructor(private readonly events: TarWalkEvents) {}

  get finished(): boolean {
    return this.state.kind === 'done';
  }

  get entryCount(): number {
    return this.entries;
  }

  async write(chunk: Buffer): Promise<void> {
    let p = 0;
    while (p < chunk.length) {
      const state = this.state;
      if (state.kind === 'done') return;
      if (state.kind === 'header') {
        const take = Math.min(BLOCK - this.header.length, chunk.length - p);
        this.header = this.header.length === 0 && take === BLOCK ? chunk.subarray(p, p + BLOCK) : Buffer.concat([this.header, chunk.subarray(p, p + take)]);
        p += take;
        if (this.header.length === BLOCK) {
          const block = this.header;
          this.header = Buffer.alloc(0);
          await this.onHeader(block);
        }
        continue;
      }
      if (state.kind === 'data' && state.left === 0) {
        const take = Math.min(state.padding, chunk.length - p);
        state.padding -= take;
        p += take;
        if (state.padding === 0) this.state = { kind: 'header' };
        continue;
      }
      const take = Math.min(state.left, chunk.length - p);
      const piece = chunk.subarray(p, p + take);
      p += take;
      state.left -= take;
      if (state.kind === 'data') {
        if (state.sink) await state.sink.write(piece);
        if (state.left === 0) {
          await state.sink?.end(true);
          state.sink = undefined;
          if (state.padding === 0) this.state = { kind: 'header' };
        }
      } else if (state.kind === 'meta') {
        state.parts.push(Buffer.from(piece));
        if (state.left === 0) this.onMetaEnd(state);
      } else if (state.left === 0) this.state = { kind: 'header' };
    }
  }

  /** The source ended (or failed): how far the archive went. */
  async end(): Promise<TarEnd> {
    const state = this.state;
    if (state.kind === 'done') return state.end;
    let end: TarEnd;
    if (state.kind === 'data' && state.left > 0) {
      await state.sink?.end(false);
      end = { kind: 'cut', path: state.path, doneBytes: state.size - state.left, size: state.size };
    } else if (state.kind === 'meta' || state.kind === 'skip') end = { kind: 'cut', path: null, doneBytes: 0, size: 0 };
    else end = { kind: 'no-end-marker' };
    this.state = { kind: 'done', end };
    return end;
  }

  private async onHeader(block: Buffer): Promise<void> {
    if (isZeroBlock(block)) {
      if (++this.zeroBlocks >= 2) this.state = { kind: 'done', end: { kind: 'complete' } };
      return;
    }
    this.zeroBlocks = 0;
    const header = parseHeader(block);
    if (!header) {
      this.state = { kind: 'done', end: { kind: 'damaged', entries: this.entries } };
      return;
    }
    const size = Number(this.pax.get('size') ?? header.size);
    const padded = Math.ceil(size / BLOCK) * BLOCK;
    if (header.type === 'L' || header.type === 'x') {
      if (size > META_LIMIT) {
        this.state = { kind: 'done', end: { kind: 'damaged', entries: this.entries } };
        return;
      }
      this.state = size > 0 ? { kind: 'meta', left: padded, size, type: header.type, parts: [] } : { kind: 'header' };
      return;
    }
    if (header.type === 'g' || header.type === 'K') {
      this.state = padded > 0 ? { kind: 'skip', left: padded } : { kind: 'header' };
      return;
    }
    const name = this.pax.get('path') ?? this.longName ?? header.name;
    const mtime = Number(this.pax.get('mtime') ?? header.mtime);
    this.pax = new Map();
    this.longName = undefined;
    this.entries++;
    const dataState = (sink: TarEntrySink | undefined, path: string | null): State =>
      padded > 0 ? { kind: 'data', left: size, padding: padded - size, sink, path, size } : { kind: 'header' };
    if (!FILE_TYPES.has(header.type)) {
      if (header.type === '1' || header.type === '2') this.events.skipped(`${name} is a link in the archive and is not shown; open the file it points to.`);
      this.state = dataState(undefined, null);
      return;
    }
    const segments = entrySegments(name.replace(/^\/+/, ''));
    if (!segments || segments.length === 0) {
      this.events.skipped(`"${name}" in the archive was skipped: its path would lead outside the bundle's folder.`);
      this.state = dataState(undefined, null);
      return;
    }
    const path = segments.join('/');
    const sink = await this.events.file({ path, size, mtime });
    if (size === 0) await sink?.end(true);
    this.state = dataState(sink, path);
  }

  private onMetaEnd(state: Extract<State, { kind: 'meta' }>): void {
    const data = Buffer.concat(state.parts).subarray(0, state.size);
    if (state.type === 'L') this.longName = data.toString('utf8').replace(/\0.*$/s, '');
    else this.pax = parsePax(data);
    this.state = { kind: 'header' };
  }
}
