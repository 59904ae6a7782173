import { BLOCK } from '../../connect/transfer/tarHeader';

/** Takes bytes in order; a returned promise holds the writer back until the bytes are taken. */
export type ByteSink = (bytes: Buffer) => Promise<void>;

export type TarEntryType = 'file' | 'dir' | 'symlink' | 'hardlink';

export interface TarEntryHead {
  /** The path in the archive (UTF-8, relative, `/`-separated; a folder without its trailing `/`). */
  path: string;
  type: TarEntryType;
  size: number;
  /** Permission bits. */
  mode: number;
  mtimeSeconds: number;
  /** For symlinks and hard links. */
  linkTarget?: string;
}

const TYPE_FLAG: Record<TarEntryType, string> = { file: '0', dir: '5', symlink: '2', hardlink: '1' };
/** The largest size a 12-byte octal field holds (8 GiB - 1). */
const OCTAL_SIZE_MAX = 0o77777777777;
const NAME_MAX = 100;
const PREFIX_MAX = 155;
const END_OF_ARCHIVE = Buffer.alloc(BLOCK * 2);

function octal(block: Buffer, start: number, length: number, value: number): void {
  block.write(`${Math.max(0, Math.floor(value)).toString(8).padStart(length - 1, '0')}\0`, start, length, 'latin1');
}

function field(block: Buffer, start: number, length: number, value: string): void {
  Buffer.from(value, 'utf8').copy(block, start, 0, length);
}

const isAscii = (text: string) => /^[\x20-\x7e]*$/.test(text);

/** The ustar name and prefix of a path, or undefined when it needs a pax header (too long, or not plain ASCII). */
export function splitUstarName(path: string): { name: string; prefix: string } | undefined {
  if (!isAscii(path)) return undefined;
  if (path.length <= NAME_MAX) return { name: path, prefix: '' };
  for (let cut = path.indexOf('/'); cut >= 0; cut = path.indexOf('/', cut + 1)) {
    const prefix = path.slice(0, cut);
    const name = path.slice(cut + 1);
    if (prefix.length <= PREFIX_MAX && name.length <= NAME_MAX && name.length > 0) return { name, prefix };
  }
  return undefined;
}

/** One pax record: `<length> <key>=<value>\n`, the length counting itself. */
export function paxRecord(key: string, value: string): Buffer {
  const body = Buffer.from(` ${key}=${value}\n`, 'utf8');
  let length = body.length + 1;
  while (String(length).length + body.length !== length) length = String(length).length + body.length;
  return Buffer.concat([Buffer.from(String(length), 'latin1'), body]);
}

function headerBlock(name: string, prefix: string, type: string, size: number, mode: number, mtime: number, linkName: string): Buffer {
  const block = Buffer.alloc(BLOCK);
  field(block, 0, NAME_MAX, name);
  octal(block, 100, 8, mode & 0o7777);
  octal(block, 108, 8, 0);
  octal(block, 116, 8, 0);
  octal(block, 124, 12, size);
  octal(block, 136, 12, mtime);
  block.fill(0x20, 148, 156);
  block.write(type, 156, 1, 'latin1');
  field(block, 157, 100, linkName);
  block.write('ustar\x0000', 257, 8, 'latin1');
  field(block, 265, 32, 'root');
  field(block, 297, 32, 'root');
  field(block, 345, PREFIX_MAX, prefix);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1');
  return block;
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

/** The header blocks of an entry: a pax header first where the name, link or size does not fit ustar. */
export function entryHeader(head: TarEntryHead): Buffer {
  const records: Buffer[] = [];
  const dirPath = head.type === 'dir' ? `${head.path.replace(/\/+$/, '')}/` : head.path;
  const split = splitUstarName(dirPath);
  if (!split) records.push(paxRecord('path', dirPath));
  const link = head.linkTarget ?? '';
  const linkFits = isAscii(link) && link.length <= NAME_MAX;
  if (!linkFits) records.push(paxRecord('linkpath', link));
  const size = head.type === 'file' ? head.size : 0;
  if (size > OCTAL_SIZE_MAX) records.push(paxRecord('size', String(size)));
  const mtime = Math.max(0, Math.floor(head.mtimeSeconds));
  const typeFlag = TYPE_FLAG[head.type];
  // The ustar fields stay readable by tools that ignore pax: an ASCII stand-in for the name, the low bits of the size.
  const fallback = split ?? { name: asciiStandIn(dirPath).slice(-NAME_MAX), prefix: '' };
  const main = headerBlock(fallback.name, fallback.prefix, typeFlag, size > OCTAL_SIZE_MAX ? 0 : size, head.mode, mtime, linkFits ? link : asciiStandIn(link).slice(0, NAME_MAX));
  if (records.length === 0) return main;
  const pax = Buffer.concat(records);
  const paxName = `PaxHeaders/${asciiStandIn(dirPath).slice(-80)}`;
  return Buffer.concat([headerBlock(paxName.slice(-NAME_MAX), '', 'x', pax.length, 0o644, mtime, ''), pax, padding(pax.length), main]);
}

const asciiStandIn = (text: string) => text.replace(/[^\x20-\x7e]/g, '_');

/**
 * Writes a POSIX tar (ustar with pax headers for long or non-ASCII names) entry by entry into a sink.
 * A file's bytes are given in pieces after its header; the writer checks that they add up to its size.
 */
export class TarWriter {
  private open: { path: string; left: number; size: number } | undefined;
  private ended = false;

  constructor(private readonly sink: ByteSink) {}

  /** Starts an entry; for a file, its bytes follow through `data` and `endEntry`. */
  async begin(head: TarEntryHead): Promise<void> {
    if (this.ended) throw new Error('The archive is already finished.');
    if (this.open) throw new Error(`The entry ${this.open.path} is not finished.`);
    await this.sink(entryHeader(head));
    if (head.type === 'file') this.open = { path: head.path, left: head.size, size: head.size };
  }

  async data(bytes: Buffer): Promise<void> {
    const open = this.open;
    if (!open) throw new Error('No file entry is open.');
    if (bytes.length > open.left) throw new Error(`The entry ${open.path} got more bytes than its size.`);
    open.left -= bytes.length;
    if (bytes.length > 0) await this.sink(bytes);
  }

  async endEntry(): Promise<void> {
    const open = this.open;
    if (!open) return;
    if (open.left !== 0) throw new Error(`The entry ${open.path} is ${open.left} bytes short of its size.`);
    this.open = undefined;
    const pad = padding(open.size);
    if (pad.length > 0) await this.sink(pad);
  }

  /** A whole file from memory. */
  async file(path: string, content: Buffer, mtimeSeconds: number, mode = 0o644): Promise<void> {
    await this.begin({ path, type: 'file', size: content.length, mode, mtimeSeconds });
    await this.data(content);
    await this.endEntry();
  }

  /** The two zero blocks that end the archive. */
  async finish(): Promise<void> {
    if (this.open) throw new Error(`The entry ${this.open.path} is not finished.`);
    this.ended = true;
    await this.sink(END_OF_ARCHIVE);
  }
}
