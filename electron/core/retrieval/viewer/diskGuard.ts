import { statfs } from 'node:fs/promises';

/** Free space kept on the cache's disk, whatever an archive claims to need. */
export const DISK_RESERVE_BYTES = 256 * 1024 * 1024;
const CHECK_EVERY = 128 * 1024 * 1024;

/** The local disk (of the viewer's cache) is too full to unpack a bundle. */
export class DiskFullError extends Error {
  constructor(
    readonly freeBytes: number,
    readonly neededBytes: number | null,
  ) {
    super('disk full');
    this.name = 'DiskFullError';
  }
}

export async function freeBytes(dir: string): Promise<number> {
  const s = await statfs(dir);
  return s.bavail * s.bsize;
}

/** Watches the free space while unpacking: refuses to start without room, and stops before the disk fills up. */
export class DiskGuard {
  private sinceCheck = 0;

  constructor(private readonly dir: string) {}

  /** Throws DiskFullError unless `needed` bytes fit with the reserve left over. */
  async ensureRoom(needed: number): Promise<void> {
    const free = await freeBytes(this.dir);
    if (free < needed + DISK_RESERVE_BYTES) throw new DiskFullError(free, needed);
  }

  async wrote(bytes: number): Promise<void> {
    this.sinceCheck += bytes;
    if (this.sinceCheck < CHECK_EVERY) return;
    this.sinceCheck = 0;
    const free = await freeBytes(this.dir);
    if (free < DISK_RESERVE_BYTES) throw new DiskFullError(free, null);
  }
}

export const isNoSpace = (error: unknown) => typeof error === 'object' && error !== null && ((error as { code?: string }).code === 'ENOSPC' || (error as { code?: string }).code === 'EDQUOT');
