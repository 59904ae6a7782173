/** What one chunk of shell output yielded: the command's own bytes, and its exit code once the end marker is complete. */
export interface MarkedChunk {
  body: Buffer[];
  code?: number;
}

const MAX_CODE_DIGITS = 4;

/**
 * Cuts one command's exact output out of the shell's output stream: everything before the begin
 * marker is dropped (prompts, job notices, late output of an interrupted command), the body is passed
 * on as it arrives, holding back only what could be the start of the end marker.
 */
export class MarkedOutput {
  private state: 'begin' | 'body' | 'code' | 'done' = 'begin';
  private pending: Buffer = Buffer.alloc(0);

  constructor(
    private readonly begin: Buffer,
    private readonly endPrefix: Buffer,
  ) {}

  get finished(): boolean {
    return this.state === 'done';
  }

  feed(chunk: Buffer): MarkedChunk {
    const out: MarkedChunk = { body: [] };
    if (this.state === 'done') return out;
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    if (this.state === 'begin') {
      const at = this.pending.indexOf(this.begin);
      if (at < 0) {
        this.pending = this.pending.subarray(Math.max(0, this.pending.length - this.begin.length + 1));
        return out;
      }
      this.pending = this.pending.subarray(at + this.begin.length);
      this.state = 'body';
    }
    if (this.state === 'body') {
      const at = this.pending.indexOf(this.endPrefix);
      if (at < 0) {
        const keep = heldBack(this.pending, this.endPrefix);
        if (this.pending.length > keep) out.body.push(this.pending.subarray(0, this.pending.length - keep));
        this.pending = this.pending.subarray(this.pending.length - keep);
        return out;
      }
      if (at > 0) out.body.push(this.pending.subarray(0, at));
      this.pending = this.pending.subarray(at + this.endPrefix.length);
      this.state = 'code';
    }
    const newline = this.pending.indexOf(0x0a);
    if (newline < 0) {
      if (this.pending.length > MAX_CODE_DIGITS + 1) throw new Error('The end marker of a root command was malformed.');
      return out;
    }
    const text = this.pending.subarray(0, newline).toString('latin1').replace(/\r$/, '');
    if (!/^\d{1,4}$/.test(text)) throw new Error('The end marker of a root command was malformed.');
    this.state = 'done';
    this.pending = Buffer.alloc(0);
    out.code = Number(text);
    return out;
  }
}

/** Length of the longest tail of `data` that is a start of `marker` (at most marker.length - 1). */
function heldBack(data: Buffer, marker: Buffer): number {
  const max = Math.min(marker.length - 1, data.length);
  for (let n = max; n > 0; n--) {
    if (data.subarray(data.length - n).equals(marker.subarray(0, n))) return n;
  }
  return 0;
}

/** Finds a marker in a stream that arrives in pieces; true once seen. */
export class MarkerSeeker {
  private tail: Buffer = Buffer.alloc(0);

  constructor(private readonly marker: Buffer) {}

  feed(chunk: Buffer): boolean {
    const data = this.tail.length ? Buffer.concat([this.tail, chunk]) : chunk;
    if (data.includes(this.marker)) return true;
    this.tail = data.subarray(Math.max(0, data.length - this.marker.length + 1));
    return false;
  }
}
