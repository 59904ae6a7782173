import { StringDecoder } from 'node:string_decoder';

/** Collects a stream's bytes up to a cap, keeping either its first or its last `maxBytes`. */
export class ByteWindow {
  private chunks: Buffer[] = [];
  private kept = 0;
  total = 0;

  constructor(
    readonly maxBytes: number,
    readonly keep: 'head' | 'tail',
  ) {}

  /** Adds a chunk; false once a head window has cut something off and reading can stop. */
  push(chunk: Buffer): boolean {
    this.total += chunk.length;
    if (this.keep === 'head') {
      const room = this.maxBytes - this.kept;
      if (room > 0) this.add(chunk.subarray(0, room));
      return !this.truncated;
    }
    this.add(chunk);
    while (this.kept > this.maxBytes) {
      const first = this.chunks[0];
      if (!first) break;
      const excess = this.kept - this.maxBytes;
      if (first.length <= excess) {
        this.chunks.shift();
        this.kept -= first.length;
      } else {
        this.chunks[0] = first.subarray(excess);
        this.kept -= excess;
      }
    }
    return true;
  }

  get truncated(): boolean {
    return this.total > this.kept;
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks, this.kept);
  }

  /** The kept bytes as UTF-8, without the partial character a cut may leave at the edge. */
  text(): string {
    let bytes = this.bytes();
    if (this.truncated && this.keep === 'tail') {
      let skip = 0;
      while (skip < 3 && skip < bytes.length && ((bytes[skip] ?? 0) & 0xc0) === 0x80) skip++;
      bytes = bytes.subarray(skip);
    }
    // write() holds back an incomplete trailing character; end() is never called, so it is dropped.
    return this.truncated && this.keep === 'head' ? new StringDecoder('utf8').write(bytes) : bytes.toString('utf8');
  }

  private add(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.kept += chunk.length;
  }
}
