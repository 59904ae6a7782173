import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createUnxz, initModule } from 'node-liblzma/wasm';
import { MANIFEST_PATH } from './bundleManifest';
import type { ManifestFile } from './bundleManifest';
import { nameText } from './logEntryName';
import { TarReader } from './tarReader';
import { xzFooterIsWhole } from './xzFooter';

/**
 * Reads a written bundle back: it must decompress, end as a tar archive should, have the manifest last,
 * and every manifest file must be there with the same size and SHA-256. Returns what differs (empty: verified).
 */
export async function verifyBundle(path: string, expected: readonly ManifestFile[], signal?: AbortSignal): Promise<string[]> {
  await initModule();
  const found = new Map<string, { size: number; sha256: string }>();
  let current: { path: string; hash: Hash; size: number } | undefined;
  let last = '';
  const reader = new TarReader({
    entry(entry) {
      last = nameText(entry.name).text.replace(/\/+$/, '');
      current = entry.type === '0' ? { path: last, hash: createHash('sha256'), size: 0 } : undefined;
      const linked = entry.type === '1' ? found.get(nameText(entry.linkName).text) : undefined;
      if (linked) found.set(last, linked);
    },
    data(bytes) {
      if (!current) return;
      current.hash.update(bytes);
      current.size += bytes.length;
    },
    entryEnd() {
      if (current) found.set(current.path, { size: current.size, sha256: current.hash.digest('hex') });
      current = undefined;
    },
  });
  const unxz = createUnxz();
  const feed = (async () => {
    const writer = unxz.writable.getWriter();
    try {
      for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
        if (signal?.aborted) break;
        await writer.write(chunk as Buffer);
      }
      await writer.close();
    } catch (error) {
      await writer.abort(error).catch(() => undefined);
      throw error;
    }
  })();
  const plain = unxz.readable.getReader();
  try {
    for (let next = await plain.read(); !next.done; next = await plain.read()) {
      if (signal?.aborted) {
        await plain.cancel().catch(() => undefined);
        await feed.catch(() => undefined);
        return ['checking the bundle was cancelled'];
      }
      await reader.write(Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength));
    }
    await feed;
  } catch (error) {
    await plain.cancel(error).catch(() => undefined);
    await feed.catch(() => undefined);
    return [`the bundle does not decompress or unpack (${error instanceof Error ? error.message : String(error)})`];
  }
  const differences: string[] = [];
  if (!(await xzFooterIsWhole(path))) differences.push('the xz stream is cut short');
  if (!reader.complete) differences.push('the bundle ends before the end of its archive');
  if (last !== MANIFEST_PATH) differences.push('the manifest is not the last entry');
  for (const file of expected) {
    const got = found.get(file.path);
    if (!got) differences.push(`${file.path} is missing`);
    else if (got.size !== file.sizeBytes || got.sha256 !== file.sha256) differences.push(`${file.path} does not match what was collected`);
  }
  return differences;
}
