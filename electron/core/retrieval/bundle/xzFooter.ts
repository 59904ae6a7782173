import { open } from 'node:fs/promises';
import { crc32 } from 'node:zlib';

const FOOTER = 12;

/**
 * Whether an xz file ends with a whole stream footer (CRC-checked, magic `YZ`) whose backward size points at an
 * index. The streaming decoder does not notice a file cut inside its index or footer; this does.
 */
export async function xzFooterIsWhole(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    if (size < 2 * FOOTER) return false;
    const footer = Buffer.alloc(FOOTER);
    await file.read(footer, 0, FOOTER, size - FOOTER);
    if (footer[10] !== 0x59 || footer[11] !== 0x5a) return false;
    if (crc32(footer.subarray(4, 10)) !== footer.readUInt32LE(0)) return false;
    const indexSize = (footer.readUInt32LE(4) + 1) * 4;
    const indexAt = size - FOOTER - indexSize;
    if (indexAt < FOOTER) return false;
    const indicator = Buffer.alloc(1);
    await file.read(indicator, 0, 1, indexAt);
    return indicator[0] === 0x00;
  } finally {
    await file.close();
  }
}
