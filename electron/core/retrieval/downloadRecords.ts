import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { createJsonFileStore } from '../storage/jsonFileStore';

export const DOWNLOAD_RECORDS_FILE = 'retrieval-downloads.json';
const KEPT = 20_000;

const DownloadRecord = z.strictObject({
  platformId: z.string(),
  remotePath: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  /** The remote file's mtime in whole seconds, as stat printed it. */
  mtime: z.number().int(),
  localPath: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.iso.datetime({ offset: true }),
});
export type DownloadRecord = z.infer<typeof DownloadRecord>;
const RecordsFile = z.strictObject({ version: z.literal(1), records: z.array(DownloadRecord) });

export interface DownloadRecords {
  add(record: DownloadRecord): Promise<void>;
  /** The verified download of exactly this file (same size and time) whose local copy is still there with that size. */
  find(platformId: string, remotePath: string, sizeBytes: number, mtime: number): Promise<DownloadRecord | null>;
}

/** The console's own record of files it downloaded and verified: what makes a core dump safe to delete. */
export function createDownloadRecords(dataDir: string): DownloadRecords {
  const store = createJsonFileStore(join(dataDir, DOWNLOAD_RECORDS_FILE), RecordsFile, () => ({ version: 1 as const, records: [] }), { compact: true });
  const same = (r: DownloadRecord, platformId: string, remotePath: string) => r.platformId === platformId && r.remotePath === remotePath;
  return {
    async add(record) {
      const checked = DownloadRecord.parse(record);
      await store.update((current) => ({
        version: 1,
        records: [...current.records.filter((r) => !(same(r, checked.platformId, checked.remotePath) && r.sizeBytes === checked.sizeBytes && r.mtime === checked.mtime)), checked].slice(-KEPT),
      }));
    },
    async find(platformId, remotePath, sizeBytes, mtime) {
      const { records } = await store.read();
      for (let i = records.length - 1; i >= 0; i--) {
        const record = records[i] as DownloadRecord;
        if (!same(record, platformId, remotePath) || record.sizeBytes !== sizeBytes || record.mtime !== mtime) continue;
        const local = await stat(record.localPath).catch(() => null);
        if (local?.isFile() && local.size === sizeBytes) return record;
      }
      return null;
    },
  };
}
