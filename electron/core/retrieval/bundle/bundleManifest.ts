import { z } from 'zod';

export const BUNDLE_FORMAT = 'ap-console-bundle/1';
export const SUMMARY_PATH = 'summary.json';
export const MANIFEST_PATH = 'manifest.json';
export const AUDIT_PATH = 'console/audit.jsonl';
export const LOG_PREFIX = 'var/log/';
export const CORE_DUMP_PREFIX = 'var/log/core_dumps/';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const Bytes = z.number().int().nonnegative();

/** summary.json: the platform at collection time (the contract's BundleSummary fields). */
export const BundleSummaryFile = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  platformId: z.string(),
  platformName: z.string(),
  siteName: z.string(),
  address: z.string(),
  build: z.string().nullable(),
  collectedAt: z.iso.datetime({ offset: true }),
  disk: z.strictObject({ usedBytes: Bytes, sizeBytes: Bytes }).nullable(),
  alarms: z.array(z.strictObject({ severity: z.enum(['warning', 'critical']), kind: z.string(), cause: z.string() })),
  includesCoreDumps: z.boolean(),
});
export type BundleSummaryFile = z.infer<typeof BundleSummaryFile>;

export const ManifestFileKind = z.enum(['log', 'core-dump', 'command', 'summary', 'audit']);
export type ManifestFileKind = z.infer<typeof ManifestFileKind>;

export const ManifestFile = z.strictObject({
  /** The path in the archive. */
  path: z.string().min(1),
  /** The remote path, or the command that produced it. */
  source: z.string(),
  sizeBytes: Bytes,
  sha256: Sha256,
  kind: ManifestFileKind,
});
export type ManifestFile = z.infer<typeof ManifestFile>;

/** manifest.json, the archive's last entry: every file with its SHA-256, and what could not be collected. */
export const BundleManifest = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  createdAt: z.iso.datetime({ offset: true }),
  platform: z.strictObject({ id: z.string(), name: z.string(), site: z.string(), address: z.string() }),
  files: z.array(ManifestFile),
  problems: z.array(z.string()),
});
export type BundleManifest = z.infer<typeof BundleManifest>;

/** What kind a file from the log tree is, by where it lies in the archive. */
export const logKind = (archivePath: string): ManifestFileKind => (archivePath.startsWith(CORE_DUMP_PREFIX) ? 'core-dump' : 'log');

export const jsonBytes = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
