import { chmod, link, lstat, mkdir, open, symlink, utimes } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { ConnectError } from '../connectError';
import { BLOCK, isZeroBlock, parseHeader, parsePax } from './tarHeader';
import type { TarHeader } from './tarHeader';
import { entrySegments, symlinkStaysInside } from './tarEntryPath';

export interface TarExtractStats {
  files: number;
  folders: number;
  symlinks: number;
  hardlinks: number;
  /** Entries of kinds that are not unpacked (devices, FIFOs, sockets). */
  skipped: number;
  /** Bytes of file content. */
  bytes: number;
}

const META_LIMIT = 1024 * 1024;
const FILE_TYPES = new Set(['0', '\0', '7']);

type State =
  | { kind: 'header' }
  | { kind: 'file'; left: number; file: FileHandle; path: string; mode: number; mtime: number }
  | { kind: 'meta'; left: number; size: number; type: string; parts: Buffer[] }
  | { kind: 'skip'; left: number }
  | { kind: 'end' };

const refuse = (name: string, why: string) =>
  new ConnectError('remote_failed', `The folder's archive holds "${name}", which ${why}. Nothing was unpacked under the final name; check the folder on the platform.`, { entry: name });

/**
 * Unpacks a tar stream into `root` (an empty staging folder). Entries that would land outside it are refused;
 * symlinks are made last, only when they point inside and do not sit below another symlink, so no write
 * ever passes through one. Folder modes are applied by `finish` (a read-only folder would block its own files).
 */
export class TarExtractor {
  private state: State = { kind: 'header' };
  private header = Buffer.alloc(0);
  private zeroBlocks = 0;
  private longName: string | undefined;
  private longLink: string | undefined;
  private pax = new Map<string, string>();
  /** Padding after the file being written. */
  private afterFile = 0;
  private readonly symlinks: Array<{ segments: string[]; target: string }> = [];
  private readonly folders: Array<{ path: string; mode: number; mtime: number; depth: number }> = [];
  private readonly files = new Set<string>();
  readonly stats: TarExtractStats = { files: 0, folders: 0, symlinks: 0, hardlinks: 0, skipped: 0, bytes: 0 };

  constructor(private readonly root: string) {}

  async write(chunk: Buffer): Promise<void> {
    let p = 0;
    while (p < chunk.length) {
      const state = this.state;
      if (state.kind === 'end') return;
      if (state.kind === 'header') {
        const take = Math.min(BLOCK - this.header.length, chunk.length - p);
        this.header = Buffer.concat([this.header, chunk.subarray(p, p + take)]);
        p += take;
        if (this.header.length === BLOCK) {
          const block = this.header;
          this.header = Buffer.alloc(0);
          await this.onHeader(block);
        }
        continue;
      }
      const take = Math.min(state.left, chunk.length - p);
      const piece = chunk.subarray(p, p + take);
      p += take;
      state.left -= take;
      if (state.kind === 'file') {
        await state.file.write(piece);
        this.stats.bytes += take;
      } else if (state.kind === 'meta') state.parts.push(piece);
      if (state.left === 0) await this.onDataEnd(state);
    }
  }

  /** After the stream: the archive must be complete; makes the symlinks. */
  async end(): Promise<TarExtractStats> {
    if (this.state.kind === 'file') await this.state.file.close();
    if (this.state.kind !== 'end' && !(this.state.kind === 'header' && this.header.length === 0 && this.zeroBlocks > 0)) {
      throw new ConnectError('remote_failed', "The folder's archive ended early; nothing was saved. Download the folder again.");
    }
    const symlinkPaths = new Set(this.symlinks.map((s) => s.segments.join('/')));
    for (const { segments, target } of this.symlinks) {
      for (let i = 1; i < segments.length; i++) {
        if (symlinkPaths.has(segments.slice(0, i).join('/'))) throw refuse(segments.join('/'), 'is below another symlink');
      }
      const path = join(this.root, ...segments);
      await mkdir(join(this.root, ...segments.slice(0, -1)), { recursive: true });
      await symlink(target, path);
      this.stats.symlinks++;
    }
    return this.stats;
  }

  /** Gives folders their modes and times, deepest first. */
  async finish(): Promise<void> {
    const folders = [...this.folders].sort((a, b) => b.depth - a.depth);
    for (const folder of folders) {
      await chmod(folder.path, folder.mode & 0o777);
      await utimes(folder.path, folder.mtime, folder.mtime);
    }
  }

  /** Closes what is open after a failure. */
  async abort(): Promise<void> {
    if (this.state.kind === 'file') await this.state.file.close().catch(() => undefined);
    this.state = { kind: 'end' };
  }

  private async onHeader(block: Buffer): Promise<void> {
    if (isZeroBlock(block)) {
      if (++this.zeroBlocks >= 2) this.state = { kind: 'end' };
      return;
    }
    this.zeroBlocks = 0;
    const header = parseHeader(block);
    if (!header) throw new ConnectError('remote_failed', "The folder's archive is damaged (a header checksum is wrong); nothing was saved. Download the folder again.");
    const size = Number(this.pax.get('size') ?? header.size);
    const padded = Math.ceil(size / BLOCK) * BLOCK;
    if (header.type === 'L' || header.type === 'K' || header.type === 'x') {
      if (size > META_LIMIT) throw refuse(header.name, 'has an oversized extended header');
      this.state = size > 0 ? { kind: 'meta', left: padded, size, type: header.type, parts: [] } : { kind: 'header' };
      return;
    }
    if (header.type === 'g') {
      this.state = padded > 0 ? { kind: 'skip', left: padded } : { kind: 'header' };
      return;
    }
    const name = this.pax.get('path') ?? this.longName ?? header.name;
    const linkName = this.pax.get('linkpath') ?? this.longLink ?? header.linkName;
    const mtime = Number(this.pax.get('mtime') ?? header.mtime);
    this.pax = new Map();
    this.longName = undefined;
    this.longLink = undefined;
    const segments = entrySegments(name);
    if (!segments) throw refuse(name, 'would land outside the target folder');
    await this.onEntry({ ...header, size, mtime }, name, linkName, segments, padded);
  }

  private async onEntry(header: TarHeader, name: string, linkName: string, segments: string[], padded: number): Promise<void> {
    const path = join(this.root, ...segments);
    if (FILE_TYPES.has(header.type)) {
      if (segments.length === 0) throw refuse(name, 'is a file in place of the folder itself');
      await mkdir(join(this.root, ...segments.slice(0, -1)), { recursive: true });
      const file = await open(path, 'wx', 0o600);
      this.files.add(segments.join('/'));
      this.stats.files++;
      const state = { kind: 'file' as const, left: header.size, file, path, mode: header.mode, mtime: header.mtime };
      if (header.size === 0) await this.closeFile(state);
      else this.state = state;
      this.afterFile = padded - header.size;
      return;
    }
    if (header.type === '5') {
      if (segments.length > 0) {
        await mkdir(path, { recursive: true });
        this.stats.folders++;
        this.folders.push({ path, mode: header.mode, mtime: header.mtime, depth: segments.length });
      }
    } else if (header.type === '2') {
      if (segments.length === 0 || !symlinkStaysInside(segments, linkName)) throw refuse(name, `is a symlink to "${linkName}", outside the target folder`);
      this.symlinks.push({ segments, target: linkName });
    } else if (header.type === '1') {
      const target = entrySegments(linkName);
      if (!target || !this.files.has(target.join('/')) || segments.length === 0) throw refuse(name, `is a hard link to "${linkName}", not a file of this archive`);
      await mkdir(join(this.root, ...segments.slice(0, -1)), { recursive: true });
      await link(join(this.root, ...target), path);
      this.stats.hardlinks++;
    } else {
      this.stats.skipped++;
    }
    this.state = padded > 0 ? { kind: 'skip', left: padded } : { kind: 'header' };
  }

  private async closeFile(state: Extract<State, { kind: 'file' }>): Promise<void> {
    await state.file.close();
    await chmod(state.path, state.mode & 0o777);
    await utimes(state.path, state.mtime, state.mtime);
  }

  private async onDataEnd(state: Exclude<State, { kind: 'header' | 'end' }>): Promise<void> {
    if (state.kind === 'file') {
      await this.closeFile(state);
      this.state = this.afterFile > 0 ? { kind: 'skip', left: this.afterFile } : { kind: 'header' };
      return;
    }
    if (state.kind === 'meta') {
      const data = Buffer.concat(state.parts).subarray(0, state.size);
      const value = (raw: Buffer) => raw.toString('utf8').replace(/\0.*$/s, '');
      if (state.type === 'L') this.longName = value(data);
      else if (state.type === 'K') this.longLink = value(data);
      else this.pax = parsePax(data);
    }
    this.state = { kind: 'header' };
  }
}

/** True when nothing is at the path (not even a dangling symlink). */
export async function pathIsFree(path: string): Promise<boolean> {
  return lstat(path).then(
    () => false,
    (error: { code?: string }) => error.code === 'ENOENT',
  );
}
