import { BLOCK, isZeroBlock, parseHeader, parsePaxRaw } from '../../connect/transfer/tarHeader';

/** An entry of an incoming tar stream, its name as raw bytes: the platform's names need not be UTF-8. */
export interface IncomingEntry {
  name: Buffer;
  linkName: Buffer;
  /** The tar type flag: '0' file, '5' folder, '2' symlink, '1' hard link, others (devices, FIFOs). */
  type: string;
  size: number;
  mode: number;
  mtime: number;
}

export interface TarReaderHandlers {
  entry(entry: IncomingEntry): Promise<void> | void;
  /** A piece of the current file's bytes. */
  data(bytes: Buffer): Promise<void> | void;
  /** The current entry's bytes are complete. */
  entryEnd(): Promise<void> | void;
}

const META_LIMIT = 1024 * 1024;
const TRAILER_LIMIT = 256 * 1024;
const FILE_TYPES = new Set(['0', '\0', '7']);

type State = { kind: 'header' } | { kind: 'data'; left: number; pad: number } | { kind: 'meta'; left: number; size: number; type: string; parts: Buffer[] } | { kind: 'skip'; left: number } | { kind: 'end' };

function rawField(block: Buffer, start: number, length: number): Buffer {
  const value = block.subarray(start, start + length);
  const nul = value.indexOf(0);
  return Buffer.from(nul < 0 ? value : value.subarray(0, nul));
}


/**
 * Parses a tar stream as it arrives (ustar, GNU long names, pax) and hands on entries and file bytes.
 * What follows the end of the archive is kept as the trailer (the remote script's report).
 */
export class TarReader {
  private state: State = { kind: 'header' };
  private header: Buffer = Buffer.alloc(0);
  private zeroBlocks = 0;
  private longName: Buffer | undefined;
  private longLink: Buffer | undefined;
  private pax = new Map<string, Buffer>();
  private trailerParts: Buffer[] = [];
  private trailerBytes = 0;
  /** Bytes of the archive itself. */
  archiveBytes = 0;

  constructor(private readonly handlers: TarReaderHandlers) {}

  get complete(): boolean {
    return this.state.kind === 'end';
  }

  /** What came after the end of the archive, leading NULs (the record's padding) removed. */
  get trailer(): Buffer {
    const all = Buffer.concat(this.trailerParts);
    let start = 0;
    while (start < all.length && all[start] === 0) start++;
    return all.subarray(start);
  }

  async write(chunk: Buffer): Promise<void> {
    let p = 0;
    while (p < chunk.length) {
      const state = this.state;
      if (state.kind === 'end') {
        const rest = chunk.subarray(p);
        if (this.trailerBytes < TRAILER_LIMIT) {
          this.trailerParts.push(Buffer.from(rest.subarray(0, TRAILER_LIMIT - this.trailerBytes)));
          this.trailerBytes += Math.min(rest.length, TRAILER_LIMIT - this.trailerBytes);
        }
        return;
      }
      if (state.kind === 'header') {
        const take = Math.min(BLOCK - this.header.length, chunk.length - p);
        this.header = this.header.length === 0 && take === BLOCK ? chunk.subarray(p, p + take) : Buffer.concat([this.header, chunk.subarray(p, p + take)]);
        p += take;
        this.archiveBytes += take;
        if (this.header.length === BLOCK) {
          const block = this.header;
          this.header = Buffer.alloc(0);
          await this.onHeader(block);
        }
        continue;
      }
      if (state.kind === 'data') {
        if (state.left > 0) {
          const take = Math.min(state.left, chunk.length - p);
          const piece = chunk.subarray(p, p + take);
          p += take;
          this.archiveBytes += take;
          state.left -= take;
          await this.handlers.data(piece);
          if (state.left === 0) await this.handlers.entryEnd();
          continue;
        }
        const take = Math.min(state.pad, chunk.length - p);
        p += take;
        this.archiveBytes += take;
        state.pad -= take;
        if (state.pad === 0) this.state = { kind: 'header' };
        continue;
      }
      const take = Math.min(state.left, chunk.length - p);
      if (state.kind === 'meta') state.parts.push(Buffer.from(chunk.subarray(p, p + take)));
      p += take;
      this.archiveBytes += take;
      state.left -= take;
      if (state.left === 0) this.onSkipped(state);
    }
  }

  private async onHeader(block: Buffer): Promise<void> {
    if (isZeroBlock(block)) {
      if (++this.zeroBlocks >= 2) this.state = { kind: 'end' };
      return;
    }
    this.zeroBlocks = 0;
    const header = parseHeader(block);
    if (!header) throw new Error('a header checksum is wrong');
    const paxSize = this.pax.get('size');
    const size = paxSize ? Number(paxSize.toString('latin1')) : header.size;
    if (!Number.isSafeInteger(size) || size < 0) throw new Error('an entry has an impossible size');
    const padded = Math.ceil(size / BLOCK) * BLOCK;
    if (header.type === 'L' || header.type === 'K' || header.type === 'x') {
      if (size > META_LIMIT) throw new Error('an extended header is oversized');
      this.state = size > 0 ? { kind: 'meta', left: padded, size, type: header.type, parts: [] } : { kind: 'header' };
      return;
    }
    if (header.type === 'g') {
      this.state = padded > 0 ? { kind: 'skip', left: padded } : { kind: 'header' };
      return;
    }
    const ustar = block.subarray(257, 263).toString('latin1') === 'ustar\0';
    const prefix = ustar ? rawField(block, 345, 155) : Buffer.alloc(0);
    const baseName = rawField(block, 0, 100);
    const name = this.pax.get('path') ?? this.longName ?? (prefix.length > 0 ? Buffer.concat([prefix, Buffer.from('/'), baseName]) : baseName);
    const linkName = this.pax.get('linkpath') ?? this.longLink ?? rawField(block, 157, 100);
    const paxMtime = this.pax.get('mtime');
    const mtime = paxMtime ? Math.floor(Number(paxMtime.toString('latin1'))) : header.mtime;
    this.pax = new Map();
    this.longName = undefined;
    this.longLink = undefined;
    const isFile = FILE_TYPES.has(header.type);
    await this.handlers.entry({ name, linkName, type: isFile ? '0' : header.type, size: isFile ? size : 0, mode: header.mode, mtime: Number.isFinite(mtime) ? mtime : 0 });
    if (isFile) {
      this.state = { kind: 'data', left: size, pad: padded - size };
      if (size === 0) {
        await this.handlers.entryEnd();
        this.state = { kind: 'header' };
      }
      return;
    }
    await this.handlers.entryEnd();
    this.state = padded > 0 ? { kind: 'skip', left: padded } : { kind: 'header' };
  }

  private onSkipped(state: Extract<State, { kind: 'meta' | 'skip' }>): void {
    if (state.kind === 'meta') {
      const data = Buffer.concat(state.parts).subarray(0, state.size);
      if (state.type === 'x') this.pax = parsePaxRaw(data);
      else {
        const nul = data.indexOf(0);
        const value = Buffer.from(nul < 0 ? data : data.subarray(0, nul));
        if (state.type === 'L') this.longName = value;
        else this.longLink = value;
      }
    }
    this.state = { kind: 'header' };
  }
}
