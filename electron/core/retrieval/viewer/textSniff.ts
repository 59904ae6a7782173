import { isUtf8 } from 'node:buffer';

/** Bytes looked at to tell text from binary. */
export const SNIFF_BYTES = 8192;

/**
 * Whether the head of a file is binary: a NUL byte, a known binary magic (ELF, gzip, xz, zip, bzip2, zstd), or more than
 * a tenth control characters other than tab, line breaks, form feed and escape.
 */
export function looksBinary(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  const magic = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (magic(0x7f, 0x45, 0x4c, 0x46) || magic(0x1f, 0x8b) || magic(0xfd, 0x37, 0x7a, 0x58, 0x5a) || magic(0x50, 0x4b, 3, 4) || magic(0x42, 0x5a, 0x68) || magic(0x28, 0xb5, 0x2f, 0xfd)) return true;
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    if ((b < 32 && b !== 9 && b !== 10 && b !== 12 && b !== 13 && b !== 27) || b === 127) control++;
  }
  return control * 10 > head.length;
}

/** Checks that a byte stream is valid UTF-8, chunk by chunk (a character may span two chunks). */
export class Utf8Check {
  private valid = true;
  private carry: Buffer = Buffer.alloc(0);

  get ok(): boolean {
    return this.valid;
  }

  push(chunk: Buffer): void {
    if (!this.valid) return;
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = completeLength(data);
    if (!isUtf8(data.subarray(0, cut))) this.valid = false;
    this.carry = Buffer.from(data.subarray(cut));
  }

  /** True when everything pushed was valid UTF-8 and no character was left incomplete. */
  end(): boolean {
    if (this.carry.length > 0) this.valid = false;
    return this.valid;
  }
}

/** The length of `data` without a trailing, incomplete multi-byte character. */
function completeLength(data: Buffer): number {
  for (let back = 1; back <= 3 && back <= data.length; back++) {
    const b = data[data.length - back] ?? 0;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? data.length - back : data.length;
  }
  return data.length;
}
