import type { Hash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';

const FLUSH_BYTES = 1024 * 1024;
const MAX_PENDING_BYTES = 8 * 1024 * 1024;
const MAX_BUFFERS_PER_WRITE = 512;
/** Written bytes are pushed to the disk in the background every so often, so the final fsync is short. */
const SYNC_EVERY_BYTES = 64 * 1024 * 1024;

/**
 * Appends to the partial file and hashes what it is given. Small network chunks are gathered into
 * large writes, one in flight at a time, so the disk does not set the pace.
 */
export class PartWriter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private inFlight: Promise<void> | undefined;
  private failure: unknown;
  private position: number;
  private unsynced = 0;
  private syncing = false;
  /** Bytes handed in, those already in the file when it was opened included. */
  bytes: number;

  constructor(
    private readonly file: FileHandle,
    start: number,
    readonly hash: Hash,
  ) {
    this.position = start;
    this.bytes = start;
  }

  /** Bytes known to be in the file. */
  get written(): number {
    return this.position;
  }

  /** Takes a chunk; returns a promise only when the caller should wait for the disk before the next one. */
  write(chunk: Buffer): Promise<void> | undefined {
    if (this.failure) throw this.failure;
    this.hash.update(chunk);
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    this.bytes += chunk.length;
    if (!this.inFlight && this.pendingBytes >= FLUSH_BYTES) this.startWrite();
    return this.inFlight && this.pendingBytes >= MAX_PENDING_BYTES ? this.room() : undefined;
  }

  private async room(): Promise<void> {
    while (this.inFlight && this.pendingBytes >= MAX_PENDING_BYTES) await this.inFlight;
    if (this.failure) throw this.failure;
  }

  /** Writes out everything handed in so far. */
  async flush(): Promise<void> {
    for (;;) {
      if (this.inFlight) await this.inFlight;
      else if (this.pending.length > 0 && !this.failure) this.startWrite();
      else break;
    }
    if (this.failure) throw this.failure;
  }

  private startWrite(): void {
    const buffers = this.pending.splice(0, MAX_BUFFERS_PER_WRITE);
    const size = buffers.reduce((sum, b) => sum + b.length, 0);
    this.pendingBytes -= size;
    this.inFlight = this.writeAll(buffers, size).then(
      () => {
        this.inFlight = undefined;
        if (this.pendingBytes >= FLUSH_BYTES) this.startWrite();
      },
      (error: unknown) => {
        this.failure = error;
        this.inFlight = undefined;
      },
    );
  }

  private async writeAll(buffers: Buffer[], size: number): Promise<void> {
    let rest = buffers;
    let left = size;
    while (left > 0) {
      const { bytesWritten } = await this.file.writev(rest, this.position);
      this.position += bytesWritten;
      this.unsynced += bytesWritten;
      left -= bytesWritten;
      if (left > 0) rest = [Buffer.concat(rest).subarray(bytesWritten)];
    }
    if (this.unsynced >= SYNC_EVERY_BYTES && !this.syncing) {
      this.unsynced = 0;
      this.syncing = true;
      this.file.datasync().then(
        () => (this.syncing = false),
        () => (this.syncing = false),
      );
    }
  }
}
