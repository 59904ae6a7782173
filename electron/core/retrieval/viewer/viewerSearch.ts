import { z } from 'zod';
import type { Params, Result, ViewerLine } from '../../contract';
import { ContractError } from '../../rpc/contractError';
import type { LogFileReader } from './logFileReader';
import { MAX_LINE_BYTES } from './logFileReader';
import type { OpenBundle } from './openBundle';
import { decodeCursor, encodeCursor, queryPrint } from './viewerCursor';
import { isoOrNull } from './cachedBundle';

const CHUNK = 4 * 1024 * 1024;
/** One answer scans at most this long, then hands back a cursor (with the bytes scanned so far) to go on. */
export const SEARCH_BUDGET_MS = 4000;

const Position = z.object({ f: z.number().int().nonnegative(), l: z.number().int().nonnegative() });

type Query = Params<'viewer.search'>;

/** Finds the matches in one chunk of whole lines: the start of each match, ascending. */
interface Matcher {
  /** Returns text of the chunk when the matcher works on text (regex), for slicing lines. */
  each(bytes: Buffer, length: number, decode: (b: Buffer, s: number, e: number) => string, hit: (start: number, lineStart: number, lineEnd: number, text: string | undefined) => boolean): void;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function matcher(query: Query, encoding: 'utf-8' | 'latin1'): Matcher {
  if (!query.regex && query.caseSensitive) {
    const needle = Buffer.from(query.pattern, encoding === 'utf-8' ? 'utf8' : 'latin1');
    return {
      each(bytes, length, _decode, hit) {
        let p = 0;
        while (p < length) {
          const m = bytes.indexOf(needle, p);
          if (m < 0 || m >= length) return;
          const lineStart = bytes.lastIndexOf(10, m - 1) + 1;
          const nl = bytes.indexOf(10, m);
          const lineEnd = nl < 0 || nl >= length ? length : nl;
          if (!hit(m, lineStart, lineEnd, undefined)) return;
          p = lineEnd + 1;
        }
      },
    };
  }
  const source = query.regex ? query.pattern : escapeRegex(query.pattern);
  const re = compile(source, `gm${query.caseSensitive ? '' : 'i'}`);
  return {
    each(bytes, length, decode, hit) {
      const text = decode(bytes, 0, length);
      re.lastIndex = 0;
      for (;;) {
        const m = re.exec(text);
        if (!m) return;
        const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
        const nl = text.indexOf('\n', m.index);
        const lineEnd = nl < 0 ? text.length : nl;
        if (lineStart >= text.length) return;
        if (!hit(m.index, lineStart, lineEnd, text)) return;
        re.lastIndex = lineEnd + 1;
      }
    },
  };
}

function compile(source: string, flags: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (error) {
    const why = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : 'it does not parse';
    throw new ContractError('invalid_params', `The search is not a valid regular expression (${why}); correct it, or turn off regular expressions to search for the text as typed.`, 'pattern');
  }
}

const toMs = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso));

/** Counts line breaks in [from, to) of a chunk (bytes or its text). */
function breaks(data: Buffer | string, from: number, to: number): number {
  let n = 0;
  let p = from;
  for (;;) {
    const nl = typeof data === 'string' ? data.indexOf('\n', p) : data.indexOf(10, p);
    if (nl < 0 || nl >= to) return n;
    n++;
    p = nl + 1;
  }
}

/**
 * viewer.search: the lines that match, file by file in the bundle's order, each file read in chunks of whole lines.
 * With a time range only the lines within it are read (the index's times never decrease within a file).
 */
export async function searchBundle(bundle: OpenBundle, query: Query, budgetMs = SEARCH_BUDGET_MS): Promise<Result<'viewer.search'>> {
  const readers = bundle.textReaders(query.files);
  const from = toMs(query.from);
  const to = toMs(query.to);
  const print = queryPrint({ p: query.pattern, r: query.regex, c: query.caseSensitive, f: query.files ?? null, from: from ?? null, to: to ?? null });
  const start = query.cursor ? decodeCursor(query.cursor, print, Position) : { f: 0, l: 0 };
  const totalBytes = readers.reduce((sum, r) => sum + r.file.sizeBytes, 0);
  const deadline = Date.now() + budgetMs;
  const hits: ViewerLine[] = [];
  let before = readers.slice(0, start.f).reduce((sum, r) => sum + r.file.sizeBytes, 0);
  const matchers = new Map<string, Matcher>([['utf-8', matcher(query, 'utf-8')]]);
  for (let fi = start.f; fi < readers.length; fi++) {
    const reader = readers[fi] as LogFileReader;
    const lo = from === undefined ? 0 : await reader.firstAtOrAfter(from);
    const hi = to === undefined ? reader.lines : await reader.firstAtOrAfter(to, true);
    const first = Math.max(lo, fi === start.f ? start.l : 0);
    if (first < hi) {
      const encoding = reader.file.encoding;
      const m = matchers.get(encoding) ?? matcher(query, encoding);
      matchers.set(encoding, m);
      const stop = await scanFile(reader, m, first, hi, (query.limit ?? 500) - hits.length, deadline, hits);
      if (stop) {
        return { hits, nextCursor: encodeCursor(print, { f: fi, l: stop.line }), scannedBytes: before + stop.byte, totalBytes };
      }
    }
    before += reader.file.sizeBytes;
  }
  return { hits, nextCursor: null, scannedBytes: totalBytes, totalBytes };
}

/** Scans lines [first, end) of one file; returns where to go on when `want` hits were found or time ran out. */
async function scanFile(reader: LogFileReader, m: Matcher, first: number, end: number, want: number, deadline: number, hits: ViewerLine[]): Promise<{ line: number; byte: number } | undefined> {
  const byteEnd = await reader.offset(end);
  let pos = await reader.offset(first);
  let line = first;
  const buffer = Buffer.allocUnsafe(CHUNK);
  const path = reader.file.path;
  const decode = (b: Buffer, s: number, e: number) => reader.decode(b, s, e);
  return reader.withData(async (handle) => {
    let lastHitLine = -1;
    while (pos < byteEnd) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK, byteEnd - pos), pos);
      if (bytesRead === 0) return undefined;
      let usable = bytesRead;
      let wholeLines = true;
      if (pos + bytesRead < byteEnd) {
        const lastNl = buffer.lastIndexOf(10, bytesRead - 1);
        if (lastNl >= 0) usable = lastNl + 1;
        else wholeLines = false;
      }
      let countPos = 0;
      let countLine = line;
      let found: { line: number } | undefined;
      const pending: Array<{ line: number; text: string }> = [];
      m.each(buffer, usable, decode, (_start, lineStart, lineEnd, text) => {
        countLine += breaks(text ?? buffer, countPos, lineStart);
        countPos = lineStart;
        if (countLine === lastHitLine) return true;
        lastHitLine = countLine;
        const lineText = text === undefined ? reader.lineText(buffer, lineStart, lineEnd) : cut(text, lineStart, lineEnd);
        pending.push({ line: countLine, text: lineText });
        if (pending.length >= want) {
          found = { line: countLine };
          return false;
        }
        return true;
      });
      for (const p of pending) hits.push({ file: path, line: p.line + 1, at: isoOrNull(await reader.ownTime(p.line)), text: p.text });
      if (found) {
        const next = found.line + 1;
        return { line: next, byte: await reader.offset(next) };
      }
      want -= pending.length;
      if (wholeLines) line = countLine + breaks(buffer, countPos, usable);
      pos += usable;
      if (wholeLines && Date.now() > deadline && pos < byteEnd) return { line, byte: pos };
    }
    return undefined;
  });
}

function cut(text: string, start: number, end: number): string {
  let e = end;
  if (e > start && text.charCodeAt(e - 1) === 13) e--;
  return e - start > MAX_LINE_BYTES ? `${text.slice(start, start + MAX_LINE_BYTES)}… (line cut)` : text.slice(start, e);
}
