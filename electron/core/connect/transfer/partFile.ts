import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

/** What identifies the remote file a partial download belongs to. */
export const PartIdentity = z.strictObject({
  remotePath: z.string(),
  who: z.enum(['admin', 'root']),
  size: z.number().int().min(0),
  mtime: z.number(),
});
export type PartIdentity = z.output<typeof PartIdentity>;

const Sidecar = z.strictObject({
  kind: z.literal('ap-console-partial-download'),
  version: z.literal(1),
  identity: PartIdentity,
  /** Bytes in the partial file when it was last left; the file's own size is what a resume trusts. */
  offset: z.number().int().min(0),
});

export const partPath = (localPath: string) => `${localPath}.part`;
export const sidecarPath = (localPath: string) => `${localPath}.part.json`;

const sameIdentity = (a: PartIdentity, b: PartIdentity) => a.remotePath === b.remotePath && a.who === b.who && a.size === b.size && a.mtime === b.mtime;

async function readSidecar(localPath: string): Promise<z.output<typeof Sidecar> | undefined> {
  try {
    const parsed = Sidecar.safeParse(JSON.parse(await readFile(sidecarPath(localPath), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function writeSidecar(localPath: string, identity: PartIdentity, offset: number): Promise<void> {
  const body = { kind: 'ap-console-partial-download', version: 1, identity, offset } satisfies z.input<typeof Sidecar>;
  await writeFile(sidecarPath(localPath), `${JSON.stringify(body)}\n`);
}

async function hashFile(path: string, hash: Hash): Promise<number> {
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return bytes;
}

export interface OpenPart {
  file: FileHandle;
  /** Bytes already there: where the download goes on. */
  offset: number;
  /** The hash of those bytes, to be continued with the rest. */
  hash: Hash;
}

/** Opens the partial file: continued when it belongs to the same remote file, started over otherwise. */
export async function openPart(localPath: string, identity: PartIdentity): Promise<OpenPart> {
  await mkdir(dirname(localPath), { recursive: true });
  const part = partPath(localPath);
  const previous = await readSidecar(localPath);
  const partSize = await stat(part).then((s) => (s.isFile() ? s.size : -1), () => -1);
  const hash = createHash('sha256');
  if (previous && sameIdentity(previous.identity, identity) && partSize >= 0 && partSize <= identity.size) {
    const file = await open(part, 'r+');
    try {
      const offset = await hashFile(part, hash);
      await file.truncate(offset);
      return { file, offset, hash };
    } catch (error) {
      await file.close();
      throw error;
    }
  }
  await writeSidecar(localPath, identity, 0);
  const file = await open(part, 'w');
  return { file, offset: 0, hash };
}

/** Removes the partial file and its sidecar (after a failed verification, or once renamed into place). */
export async function discardPart(localPath: string): Promise<void> {
  await rm(partPath(localPath), { force: true });
  await rm(sidecarPath(localPath), { force: true });
}
