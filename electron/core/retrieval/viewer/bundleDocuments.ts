import { z } from 'zod';
import { AlarmSeverity } from '../../contract';
import type { BundleSummary } from '../../contract';

/** The support bundle format this viewer reads (see the bundle writer); other values are read as far as they fit. */
export const BUNDLE_FORMAT = 'ap-console-bundle/1';
export const SUMMARY_PATH = 'summary.json';
export const MANIFEST_PATH = 'manifest.json';
/** summary.json and manifest.json are small; anything larger is not one of them. */
export const DOCUMENT_LIMIT = 64 * 1024 * 1024;

const text = z.string().max(10_000);
const maybe = <T extends z.ZodType>(schema: T) => schema.nullable().optional().catch(null);

/** summary.json as read back from an archive someone gave us: every field optional, wrong ones dropped. */
const SummaryFile = z.object({
  format: z.string(),
  platformId: maybe(text),
  platformName: maybe(text),
  siteName: maybe(text),
  address: maybe(text),
  build: maybe(text),
  collectedAt: maybe(z.iso.datetime({ offset: true })),
  disk: maybe(z.object({ usedBytes: z.number().nonnegative(), sizeBytes: z.number().nonnegative() })),
  alarms: z.array(z.object({ severity: AlarmSeverity, kind: text, cause: text })).max(10_000).optional().catch([]),
  includesCoreDumps: maybe(z.boolean()),
});

const ManifestFile = z.object({
  path: z.string().min(1).max(4096),
  sizeBytes: z.number().nonnegative(),
  sha256: z.string().regex(/^[0-9a-fA-F]{64}$/),
});

const ManifestFileDoc = z.object({
  format: z.string(),
  files: z.array(ManifestFile).max(1_000_000),
  problems: z.array(text).max(10_000).optional().catch([]),
});
export type ManifestDoc = z.infer<typeof ManifestFileDoc>;

const parseJson = (bytes: Buffer): unknown => {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
};

/** The bundle's summary in the contract's shape, or undefined when the file is not a summary this viewer understands. */
export function readSummary(bytes: Buffer): BundleSummary | undefined {
  const parsed = SummaryFile.safeParse(parseJson(bytes));
  if (!parsed.success || !parsed.data.format.startsWith('ap-console-bundle/')) return undefined;
  const s = parsed.data;
  return {
    platformId: s.platformId ?? null,
    platformName: s.platformName ?? null,
    siteName: s.siteName ?? null,
    address: s.address ?? null,
    build: s.build ?? null,
    collectedAt: s.collectedAt ?? null,
    disk: s.disk ?? null,
    alarms: s.alarms ?? [],
    includesCoreDumps: s.includesCoreDumps ?? null,
  };
}

export function readManifest(bytes: Buffer): ManifestDoc | undefined {
  const parsed = ManifestFileDoc.safeParse(parseJson(bytes));
  return parsed.success && parsed.data.format.startsWith('ap-console-bundle/') ? parsed.data : undefined;
}
