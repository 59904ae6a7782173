import type { BundleSummary } from '../../contract';
import { MANIFEST_PATH, SUMMARY_PATH } from './bundleDocuments';
import type { CachedFile } from './cachedBundle';
import type { Unpacked } from './bundleUnpack';

const MAX_LISTED = 20;

/**
 * The files as the viewer lists them, checked against the manifest, with the problems found: files that do not match
 * or are missing, what the bundle writer itself reported, and unreadable summary or manifest.
 */
export function verifiedFiles(unpacked: Unpacked): { files: CachedFile[]; problems: string[]; source: 'bundle' | 'log-archive'; summary: BundleSummary | null } {
  const problems = [...unpacked.problems];
  const expected = new Map((unpacked.manifest?.files ?? []).map((f) => [f.path, f]));
  const mismatched: string[] = [];
  const files: CachedFile[] = [...unpacked.files.values()]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => {
      const entry = expected.get(f.path);
      const verified = entry ? f.complete && entry.sha256.toLowerCase() === f.sha256 && entry.sizeBytes === f.writtenBytes : null;
      if (verified === false && f.complete) mismatched.push(f.path);
      return { path: f.path, sizeBytes: f.writtenBytes, lines: f.lines, firstAt: f.firstAt, lastAt: f.lastAt, binary: f.binary, encoding: f.encoding, verified, index: f.index };
    });
  const missing = [...expected.keys()].filter((path) => !unpacked.files.has(path));
  const list = (paths: string[]) => paths.slice(0, MAX_LISTED).join(', ') + (paths.length > MAX_LISTED ? ` and ${paths.length - MAX_LISTED} more` : '');
  if (mismatched.length > 0) {
    problems.push(`${list(mismatched)} ${mismatched.length === 1 ? 'does' : 'do'} not match the bundle's manifest (changed or damaged after the bundle was made); read ${mismatched.length === 1 ? 'it' : 'them'} with care or collect a new bundle.`);
  }
  if (missing.length > 0) problems.push(`${list(missing)} ${missing.length === 1 ? 'is' : 'are'} listed in the manifest but missing from the archive.`);
  for (const problem of unpacked.manifest?.problems ?? []) problems.push(`When the bundle was made: ${problem}`);
  for (const doc of unpacked.badDocuments) {
    problems.push(doc === SUMMARY_PATH ? `${SUMMARY_PATH} could not be read, so the platform's summary is not shown.` : `${MANIFEST_PATH} could not be read, so the files cannot be checked against it.`);
  }
  const looksLikeBundle = unpacked.summary !== undefined || unpacked.files.has(SUMMARY_PATH);
  if (looksLikeBundle && !unpacked.files.has(MANIFEST_PATH)) {
    problems.push(`The bundle has no ${MANIFEST_PATH} (its last entry, so the archive was probably cut off); its files cannot be checked.`);
  }
  const source = unpacked.manifest !== undefined || unpacked.summary !== undefined ? 'bundle' : 'log-archive';
  return { files, problems, source, summary: unpacked.summary ?? null };
}
