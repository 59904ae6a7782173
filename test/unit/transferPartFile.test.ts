import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isConnectError } from '../../electron/core/connect/connectError';
import { discardPart, openPart, partPath, sidecarPath, writeSidecar } from '../../electron/core/connect/transfer/partFile';
import type { PartIdentity } from '../../electron/core/connect/transfer/partFile';
import { PartWriter } from '../../electron/core/connect/transfer/partWriter';
import { localFailure } from '../../electron/core/connect/transfer/transferErrors';

const identity: PartIdentity = { remotePath: '/var/log/big file.log', who: 'admin', size: 3_000_000, mtime: 1_700_000_000 };
const data = Buffer.from(Array.from({ length: identity.size }, (_, i) => (i * 31) % 251));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Writes `bytes` in network-sized chunks. */
async function writeChunks(writer: PartWriter, bytes: Buffer): Promise<void> {
  for (let p = 0; p < bytes.length; p += 32 * 1024) await writer.write(bytes.subarray(p, Math.min(bytes.length, p + 32 * 1024)));
  await writer.flush();
}

describe('partial download files', () => {
  let dir: string;
  let local: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'apc-transfer-part-'));
    local = join(dir, 'sub', 'big file.log');
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('starts empty, then resumes from the bytes already there with the hash carried on', async () => {
    const first = await openPart(local, identity);
    expect(first.offset).toBe(0);
    const writer = new PartWriter(first.file, 0, first.hash);
    await writeChunks(writer, data.subarray(0, 1_234_567));
    await first.file.close();
    await writeSidecar(local, identity, writer.written);

    const second = await openPart(local, identity);
    expect(second.offset).toBe(1_234_567);
    const rest = new PartWriter(second.file, second.offset, second.hash);
    await writeChunks(rest, data.subarray(1_234_567));
    await second.file.close();
    expect(rest.hash.digest('hex')).toBe(sha(data));
    expect((await readFile(partPath(local))).equals(data)).toBe(true);
  });

  it('starts over when the remote file is not the same any more, or the sidecar is unreadable', async () => {
    for (const change of [{ mtime: identity.mtime + 1 }, { size: identity.size + 1 }, { who: 'root' as const }, { remotePath: '/other' }, 'corrupt', 'longer'] as const) {
      // 'longer': the partial file holds more than the remote file has, under the same identity.
      const base = change === 'longer' ? { ...identity, size: 50_000 } : identity;
      const first = await openPart(local, base);
      const writer = new PartWriter(first.file, first.offset, first.hash);
      await writeChunks(writer, data.subarray(0, 100_000));
      await first.file.close();
      let next = base;
      if (change === 'corrupt') await writeFile(sidecarPath(local), '{"kind":');
      else if (change !== 'longer') next = { ...identity, ...change };
      const again = await openPart(local, next);
      expect(again.offset, JSON.stringify(change)).toBe(0);
      expect((await stat(partPath(local))).size).toBe(0);
      expect(again.hash.digest('hex')).toBe(sha(Buffer.alloc(0)));
      await again.file.close();
      await discardPart(local);
    }
  });

  it('removes both files on discard', async () => {
    const part = await openPart(local, identity);
    await part.file.close();
    await discardPart(local);
    await expect(stat(partPath(local))).rejects.toThrow();
    await expect(stat(sidecarPath(local))).rejects.toThrow();
  });

  it('reports a full disk as a local failure that keeps the partial file for a resume', async () => {
    const { open } = await import('node:fs/promises');
    const full = await open('/dev/full', 'w');
    const writer = new PartWriter(full, 0, createHash('sha256'));
    let failure: unknown;
    try {
      await writeChunks(writer, data);
    } catch (error) {
      failure = error;
    } finally {
      await full.close();
    }
    expect((failure as NodeJS.ErrnoException).code).toBe('ENOSPC');
    const explained = localFailure(failure, local, 4096);
    expect(isConnectError(explained, 'local_failed')).toBe(true);
    expect(explained.message).toMatch(/local disk is full/);
    expect(explained.message).toMatch(/keeps 4096 bytes/);
  });
});
