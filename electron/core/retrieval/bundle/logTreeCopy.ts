import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { symlinkStaysInside } from '../../connect/transfer/tarEntryPath';
import { logKind } from './bundleManifest';
import type { ManifestFile } from './bundleManifest';
import { logEntryName, nameText } from './logEntryName';
import type { IncomingEntry, TarReaderHandlers } from './tarReader';
import type { TarWriter } from './tarWriter';

const KIND_NAMES: Record<string, string> = { '3': 'a character device', '4': 'a block device', '6': 'a FIFO', S: 'a sparse file' };

interface OpenFile {
  path: string;
  remote: string;
  size: number;
  hash: Hash;
}

/**
 * Copies the entries of the platform's log tar into the bundle's tar as they pass: each file's bytes are
 * hashed on the way, folders and links inside the tree are kept, anything else is left out with a sentence
 * in `problems`. `onBytes` counts file bytes for progress.
 */
export class LogTreeCopy implements TarReaderHandlers {
  readonly files: ManifestFile[] = [];
  readonly problems: string[] = [];
  private open: OpenFile | undefined;
  /** Whether the current entry is copied (a refused one is read past). */
  private copying = false;
  private readonly copied = new Map<string, ManifestFile>();

  constructor(
    private readonly out: TarWriter,
    private readonly onEntry: (path: string) => void,
    private readonly onBytes: (bytes: number) => void,
  ) {}

  async entry(entry: IncomingEntry): Promise<void> {
    this.copying = false;
    const name = logEntryName(entry.name);
    if (!name.ok) {
      this.problems.push(`The platform's log archive held an entry named "${name.shown}", outside /var/log; it was left out.`);
      return;
    }
    if (name.renamed) this.problems.push(`The name of ${name.remote} is not valid UTF-8; it is stored in the bundle as ${name.path} (each byte that is not UTF-8 as %XX).`);
    const mtimeSeconds = entry.mtime;
    const mode = entry.mode & 0o7777;
    if (entry.type === '0') {
      this.onEntry(name.path);
      await this.out.begin({ path: name.path, type: 'file', size: entry.size, mode, mtimeSeconds });
      this.open = { path: name.path, remote: name.remote, size: entry.size, hash: createHash('sha256') };
      this.copying = true;
      return;
    }
    if (entry.type === '5') {
      await this.out.begin({ path: name.path, type: 'dir', size: 0, mode, mtimeSeconds });
      return;
    }
    const target = nameText(entry.linkName).text;
    if (entry.type === '2') {
      if (!symlinkStaysInside(name.path.split('/'), target)) {
        this.problems.push(`${name.remote} is a symbolic link to ${target}, outside the log folder; the link was left out (its target is not in the bundle).`);
        return;
      }
      await this.out.begin({ path: name.path, type: 'symlink', size: 0, mode, mtimeSeconds, linkTarget: target });
      return;
    }
    if (entry.type === '1') {
      const targetName = logEntryName(entry.linkName);
      const original = targetName.ok ? this.copied.get(targetName.path) : undefined;
      if (!original) {
        this.problems.push(`${name.remote} is a hard link to ${target}, which is not in the bundle; it was left out.`);
        return;
      }
      await this.out.begin({ path: name.path, type: 'hardlink', size: 0, mode, mtimeSeconds, linkTarget: original.path });
      this.files.push({ ...original, path: name.path, source: name.remote });
      return;
    }
    this.problems.push(`${name.remote} is ${KIND_NAMES[entry.type] ?? `an entry of tar type "${entry.type}"`}, not a regular file; it was left out.`);
  }

  async data(bytes: Buffer): Promise<void> {
    const open = this.open;
    if (!this.copying || !open) return;
    open.hash.update(bytes);
    await this.out.data(bytes);
    this.onBytes(bytes.length);
  }

  async entryEnd(): Promise<void> {
    const open = this.open;
    this.open = undefined;
    if (!this.copying || !open) return;
    this.copying = false;
    await this.out.endEntry();
    const file: ManifestFile = { path: open.path, source: open.remote, sizeBytes: open.size, sha256: open.hash.digest('hex'), kind: logKind(open.path) };
    this.files.push(file);
    this.copied.set(file.path, file);
  }
}
