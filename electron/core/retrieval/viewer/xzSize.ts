import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

const FOOTER = 12;
const MAX_STREAMS = 100_000;
const MAX_INDEX = 64 * 1024 * 1024;

function vli(bytes: Buffer, at: number): [number, number] | undefined {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    const b = bytes[at + i];
    if (b === undefined) return undefined;
    value += (b & 0x7f) * 2 ** (7 * i);
    if ((b & 0x80) === 0) return [value, i + 1];
  }
  return undefined;
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/**
 * The uncompressed size an xz file declares, summed over all its concatenated streams (from each stream's index,
 * read backwards from the end). Undefined when the file does not end like xz (cut off or damaged).
 */
export async function xzDeclaredSize(path: string): Promise<number | undefined> {
  const file = await open(path, 'r');
  try {
    let pos = (await file.stat()).size;
    let total = 0;
    for (let streams = 0; pos > 0 && streams < MAX_STREAMS; ) {
      if (pos < 2 * FOOTER) return undefined;
      const footer = await readAt(file, pos - FOOTER, FOOTER);
      if (footer.subarray(8).every((b) => b === 0)) {
        pos -= 4;
        continue;
      }
      if (footer[10] !== 0x59 || footer[11] !== 0x5a) return undefined;
      const backward = (footer.readUInt32LE(4) + 1) * 4;
      const indexStart = pos - FOOTER - backward;
      if (backward > MAX_INDEX || indexStart < FOOTER) return undefined;
      const index = await readAt(file, indexStart, backward);
      if (index[0] !== 0) return undefined;
      const count = vli(index, 1);
      if (!count) return undefined;
      let at = 1 + count[1];
      let blocks = 0;
      for (let i = 0; i < count[0]; i++) {
        const unpadded = vli(index, at);
        if (!unpadded) return undefined;
        at += unpadded[1];
        const size = vli(index, at);
        if (!size) return undefined;
        at += size[1];
        blocks += Math.ceil(unpadded[0] / 4) * 4;
        total += size[0];
      }
      pos = indexStart - blocks - FOOTER;
      if (pos < 0) return undefined;
      streams++;
    }
    return pos === 0 ? total : undefined;
  } finally {
    await file.close();
  }
}
