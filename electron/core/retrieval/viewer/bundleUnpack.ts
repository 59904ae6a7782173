import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { createGunzip } from 'node:zlib';
import { parseHeader } from '../../connect/transfer/tarHeader';
import type { BundleSummary } from '../../contract';
import { DOCUMENT_LIMIT, MANIFEST_PATH, SUMMARY_PATH, readManifest, readSummary } from './bundleDocuments';
import type { ManifestDoc } from './bundleDocuments';
import { FileIngest } from './fileIngest';
import type { IngestTarget, IngestedFile } from './fileIngest';
import { SNIFF_BYTES, looksBinary } from './textSniff';
import { TarWalker } from './tarWalk';
import type { TarEnd, TarEntrySink } from './tarWalk';
import { XzDecodeError, xzDecode } from './xzDecode';
import { plural, sizeWords } from './viewerWords';

export type ArchiveKind = 'tar.xz' | 'tar.gz' | 'tar' | 'text';

/** The archive cannot be read at all; the message is a sentence for the user. */
export class UnreadableArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableArchiveError';
  }
}

export interface Unpacked {
  kind: ArchiveKind;
  files: Map<string, IngestedFile>;
  summary: BundleSummary | undefined;
  manifest: ManifestDoc | undefined;
  /** summary.json or manifest.json was there but could not be read. */
  badDocuments: string[];
  problems: string[];
}

const READ_CHUNK = 1024 * 1024;

/** What the archive is, by its first bytes. */
export async function archiveKind(path: string): Promise<ArchiveKind> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await file.read(head, 0, SNIFF_BYTES, 0);
    const bytes = head.subarray(0, bytesRead);
    if (bytes.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return 'tar.xz';
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'tar.gz';
    if (bytesRead >= 512 && parseHeader(bytes.subarray(0, 512))) return 'tar';
    if (!looksBinary(bytes)) return 'text';
    throw new UnreadableArchiveError(`${basename(path)} is neither a tar archive (.tar, .tar.xz) nor a text log; pick a support bundle or a log archive made as the wiki describes (tar -cf - /var/log/* | xz -z - > log.tar.xz).`);
  } finally {
    await file.close();
  }
}

function decoded(path: string, kind: ArchiveKind): AsyncIterable<Buffer> {
  const raw = createReadStream(path, { highWaterMark: READ_CHUNK });
  if (kind === 'tar.xz') return xzDecode(raw);
  if (kind === 'tar.gz') return raw.pipe(createGunzip({ chunkSize: READ_CHUNK }));
  return raw;
}

/** A sink that also keeps the bytes of a small document (summary.json, manifest.json). */
function keeping(sink: TarEntrySink, keep: (bytes: Buffer) => void): TarEntrySink {
  const parts: Buffer[] = [];
  return {
    write: async (chunk) => {
      parts.push(Buffer.from(chunk));
      await sink.write(chunk);
    },
    end: async (complete) => {
      await sink.end(complete);
      if (complete) keep(Buffer.concat(parts));
    },
  };
}

/**
 * Unpacks an archive (or copies a single text log) into `target.root/files/` and indexes every file on the way.
 * Damage does not throw: what was read stays, and `problems` says what is missing. Throws UnreadableArchiveError when
 * nothing at all could be read, and passes disk and file-system errors on.
 */
export async function unpackArchive(path: string, target: IngestTarget, kind: ArchiveKind): Promise<Unpacked> {
  const result: Unpacked = { kind, files: new Map(), summary: undefined, manifest: undefined, badDocuments: [], problems: [] };
  const ingests: FileIngest[] = [];
  const done = (file: IngestedFile) => result.files.set(file.path, file);
  if (kind === 'text') {
    const name = basename(path).replace(/[^A-Za-z0-9._-]/g, '_') || 'log.txt';
    const facts = await stat(path);
    const ingest = await FileIngest.start(target, { path: name, size: facts.size, mtimeMs: facts.mtimeMs }, done);
    try {
      for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK })) await ingest.write(chunk as Buffer);
      await ingest.end(true);
    } finally {
      await ingest.close();
    }
    return result;
  }
  const walker = new TarWalker({
    file: async (entry) => {
      const collectedAt = result.summary?.collectedAt ? Date.parse(result.summary.collectedAt) : 0;
      const mtimeMs = entry.mtime > 946_684_800 ? entry.mtime * 1000 : collectedAt;
      const ingest = await FileIngest.start(target, { path: entry.path, size: entry.size, mtimeMs }, done).catch((error: unknown) => {
        if (isPathClash(error)) {
          result.problems.push(`${entry.path} could not be unpacked: its name clashes with another entry of the archive.`);
          return undefined;
        }
        throw error;
      });
      if (!ingest) return undefined;
      ingests.push(ingest);
      const isDocument = (entry.path === SUMMARY_PATH || entry.path === MANIFEST_PATH) && entry.size <= DOCUMENT_LIMIT;
      if (!isDocument) return ingest;
      return keeping(ingest, (bytes) => {
        if (entry.path === SUMMARY_PATH) {
          result.summary = readSummary(bytes);
          if (!result.summary) result.badDocuments.push(SUMMARY_PATH);
        } else {
          result.manifest = readManifest(bytes);
          if (!result.manifest) result.badDocuments.push(MANIFEST_PATH);
        }
      });
    },
    skipped: (sentence) => result.problems.push(sentence),
  });
  let failure: XzDecodeError | Error | undefined;
  try {
    for await (const chunk of decoded(path, kind)) {
      await walker.write(chunk);
      if (walker.finished) break;
    }
  } catch (error) {
    if (error instanceof XzDecodeError || isZlibError(error)) failure = error as Error;
    else throw error;
  } finally {
    if (!walker.finished) await walker.end().catch(() => undefined);
    for (const ingest of ingests) await ingest.close();
  }
  const end = await walker.end();
  if (walker.entryCount === 0 && result.files.size === 0) {
    throw new UnreadableArchiveError(`${basename(path)} could not be read: ${failure ? 'its compressed data is damaged or cut off' : 'it holds no tar entries'}. Copy or download it again, or check that it is a support bundle or a log archive.`);
  }
  result.problems.push(...endProblems(end, failure, result.files.size));
  return result;
}

function endProblems(end: TarEnd, failure: Error | undefined, files: number): string[] {
  const kept = `The ${plural(files, 'file')} before that point ${files === 1 ? 'is' : 'are'} shown.`;
  const again = 'Copy or download the archive again to see the rest.';
  const cut = end.kind === 'cut' && end.path ? ` ${end.path} is incomplete: only ${sizeWords(end.doneBytes)} of its ${sizeWords(end.size)} could be read.` : '';
  if (failure instanceof XzDecodeError && failure.reason === 'truncated') return [`The archive ends early (it was probably cut off while copying or downloading).${cut} ${kept} ${again}`];
  if (failure instanceof XzDecodeError && failure.reason === 'memory') return [`The archive needs more memory to decompress than the viewer allows, so it was read only in part.${cut} ${kept}`];
  if (failure && end.kind === 'complete') return ['The archive has unreadable data after its end; everything in it was read and is shown.'];
  if (failure) return [`The archive is damaged: its compressed data is corrupt from some point on.${cut} ${kept} ${again}`];
  if (end.kind === 'damaged') return [`The archive is damaged after ${plural(end.entries, 'entry', 'entries')} (a tar header is corrupt). ${kept} ${again}`];
  if (end.kind === 'cut') return [`The archive ends early, in the middle of an entry.${cut} ${kept} ${again}`];
  if (end.kind === 'no-end-marker') return [`The archive ends without tar's end marker, so it may have been cut off. ${kept}`];
  return [];
}

const isPathClash = (error: unknown) => ['ENOTDIR', 'EISDIR', 'EEXIST'].includes((error as { code?: string } | null)?.code ?? '');
const isZlibError = (error: unknown) => typeof (error as { errno?: unknown } | null)?.errno === 'number' && String((error as { code?: string }).code ?? '').startsWith('Z_');

