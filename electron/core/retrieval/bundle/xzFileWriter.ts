import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { createXz, initModule } from 'node-liblzma/wasm';

/**
 * xz preset of the bundles. Measured on generated log text with this WebAssembly build (one thread): preset 1 ran at
 * 8 MB/s with ratio 7.3, preset 3 at 1.1 MB/s with 7.8, so 1 (6% larger, several times faster; the platform's xz -6 gets 9.6).
 */
export const BUNDLE_XZ_PRESET = 1;
/** Pieces handed to the compressor: its work runs on this thread, so small pieces keep the event loop answering. */
const PIECE = 64 * 1024;

export interface XzFileResult {
  bytes: number;
  sha256: string;
}

/**
 * Compresses bytes with xz (node-liblzma's WebAssembly build) into a new file, hashing what is written.
 * `write` waits while the compressor is busy, so a fast source is held back instead of piling up in memory.
 */
export class XzFileWriter {
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private failure: unknown;

  private readonly writer: WritableStreamDefaultWriter<Uint8Array>;
  private readonly drained: Promise<void>;

  private constructor(
    private readonly file: FileHandle,
    preset: number,
  ) {
    const xz = createXz({ preset });
    this.writer = xz.writable.getWriter();
    this.drained = (async () => {
      const reader = xz.readable.getReader();
      for (let next = await reader.read(); !next.done; next = await reader.read()) {
        const chunk = next.value;
        const piece = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        await file.write(piece);
        this.hash.update(piece);
        this.bytes += piece.length;
      }
    })();
    this.drained.catch((error: unknown) => {
      this.failure ??= error;
      void this.writer.abort(error).catch(() => undefined);
    });
  }

  /** Creates `path` (it must not exist) and a compressor in front of it. */
  static async create(path: string, preset = BUNDLE_XZ_PRESET): Promise<XzFileWriter> {
    await initModule();
    return new XzFileWriter(await open(path, 'wx', 0o600), preset);
  }

  async write(bytes: Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    for (let p = 0; p < bytes.length; p += PIECE) {
      await this.writer.write(bytes.subarray(p, p + PIECE));
      if (this.failure) throw this.failure;
    }
  }

  /** Ends the xz stream, syncs and closes the file. */
  async finish(): Promise<XzFileResult> {
    await this.writer.close();
    await this.drained;
    await this.file.sync();
    await this.file.close();
    return { bytes: this.bytes, sha256: this.hash.digest('hex') };
  }

  /** Stops after a failure; the file stays for the caller to remove. */
  async abort(): Promise<void> {
    await this.writer.abort(new Error('aborted')).catch(() => undefined);
    await this.drained.catch(() => undefined);
    await this.file.close().catch(() => undefined);
  }
}
