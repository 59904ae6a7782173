/** One 512-byte header of a tar archive (ustar, GNU or pax), as far as unpacking needs it. */
export interface TarHeader {
  name: string;
  mode: number;
  size: number;
  mtime: number;
  type: string;
  linkName: string;
}

export const BLOCK = 512;

function text(block: Buffer, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end < 0 ? length : end).toString('utf8');
}

/** Octal, or GNU base-256 when the top bit of the first byte is set. */
function number(block: Buffer, start: number, length: number): number {
  const field = block.subarray(start, start + length);
  if ((field[0] ?? 0) & 0x80) {
    let value = (field[0] ?? 0) & 0x7f;
    for (let i = 1; i < field.length; i++) value = value * 256 + (field[i] ?? 0);
    return value;
  }
  const digits = field.toString('latin1').replace(/\0.*$/s, '').trim();
  return digits === '' ? 0 : parseInt(digits, 8);
}

export const isZeroBlock = (block: Buffer) => block.every((b) => b === 0);

/** Parses a header block; undefined when its checksum is wrong (not an archive, or damaged). */
export function parseHeader(block: Buffer): TarHeader | undefined {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
  if (sum !== number(block, 148, 8)) return undefined;
  const ustar = block.subarray(257, 263).toString('latin1') === 'ustar\0';
  const prefix = ustar ? text(block, 345, 155) : '';
  const name = text(block, 0, 100);
  return {
    name: prefix ? `${prefix}/${name}` : name,
    mode: number(block, 100, 8),
    size: number(block, 124, 12),
    mtime: number(block, 136, 12),
    type: String.fromCharCode(block[156] ?? 0),
    linkName: text(block, 157, 100),
  };
}

/** pax extended header records (`<length> <key>=<value>\n`) with their values as raw bytes: GNU tar writes names that are not UTF-8 as they are (hdrcharset=BINARY). */
export function parsePaxRaw(data: Buffer): Map<string, Buffer> {
  const records = new Map<string, Buffer>();
  let p = 0;
  while (p < data.length) {
    const space = data.indexOf(0x20, p);
    if (space < 0) break;
    const length = parseInt(data.subarray(p, space).toString('latin1'), 10);
    if (!Number.isFinite(length) || length <= 0 || p + length > data.length) break;
    const record = data.subarray(space + 1, p + length - 1);
    const eq = record.indexOf(0x3d);
    if (eq > 0) records.set(record.subarray(0, eq).toString('latin1'), Buffer.from(record.subarray(eq + 1)));
    p += length;
  }
  return records;
}

/** pax extended header records with their values as text. */
export function parsePax(data: Buffer): Map<string, string> {
  return new Map([...parsePaxRaw(data)].map(([key, value]) => [key, value.toString('utf8')]));
}
