import { z } from 'zod';
import type { Params, Result, ViewerLine } from '../../contract';
import { isoOrNull } from './cachedBundle';
import type { LogFileReader } from './logFileReader';
import { MinHeap } from './minHeap';
import type { OpenBundle } from './openBundle';
import { decodeCursor, encodeCursor, queryPrint } from './viewerCursor';

/** The merge key of a line: its sort time (null for -Infinity: lines before a file's first time), file order, line index. */
const Key = z.object({ t: z.number().nullable(), f: z.number().int().nonnegative(), l: z.number().int().nonnegative() });
type Key = z.infer<typeof Key>;

interface Head {
  reader: LogFileReader;
  i: number;
  end: number;
  t: number;
}

const less = (a: Head, b: Head) => a.t < b.t || (a.t === b.t && a.reader.order < b.reader.order);

/** The first line of `reader` that comes after `key` in the merged order. */
async function firstAfter(reader: LogFileReader, key: Key): Promise<number> {
  const t = key.t ?? -Infinity;
  if (reader.order === key.f) return key.l + 1;
  return reader.firstAtOrAfter(t, reader.order < key.f);
}

/**
 * viewer.timeline: the lines of all text files with times, merged by time with a heap over one head per file (each file's
 * sort times never decrease, so a page needs only the heads, and a cursor is the key of the last line shown).
 */
export async function bundleTimeline(bundle: OpenBundle, query: Params<'viewer.timeline'>): Promise<Result<'viewer.timeline'>> {
  const readers = bundle.textReaders(query.files, true);
  const from = query.from === undefined ? undefined : Date.parse(query.from);
  const to = query.to === undefined ? undefined : Date.parse(query.to);
  const print = queryPrint({ f: query.files ?? null, from: from ?? null, to: to ?? null });
  const after = query.cursor ? decodeCursor(query.cursor, print, Key) : undefined;
  const heap = new MinHeap<Head>(less);
  for (const reader of readers) {
    let i = from === undefined ? 0 : await reader.firstAtOrAfter(from);
    if (after) i = Math.max(i, await firstAfter(reader, after));
    const end = to === undefined ? reader.lines : await reader.firstAtOrAfter(to, true);
    if (i < end) heap.push({ reader, i, end, t: await reader.sortTime(i) });
  }
  const picked: Array<{ reader: LogFileReader; i: number }> = [];
  let last: Key | undefined;
  while (picked.length < (query.limit ?? 500)) {
    const head = heap.pop();
    if (!head) break;
    picked.push({ reader: head.reader, i: head.i });
    last = { t: Number.isFinite(head.t) ? head.t : null, f: head.reader.order, l: head.i };
    if (head.i + 1 < head.end) heap.push({ ...head, i: head.i + 1, t: await head.reader.sortTime(head.i + 1) });
  }
  const lines = await textOf(picked);
  return { lines, nextCursor: heap.size > 0 && last ? encodeCursor(print, last) : null };
}

/** Reads the picked lines' text, one read per run of consecutive lines of a file, and puts them back in merge order. */
async function textOf(picked: Array<{ reader: LogFileReader; i: number }>): Promise<ViewerLine[]> {
  const out: Array<ViewerLine | undefined> = new Array(picked.length);
  const byFile = new Map<LogFileReader, number[]>();
  picked.forEach((p, n) => {
    const slots = byFile.get(p.reader);
    if (slots) slots.push(n);
    else byFile.set(p.reader, [n]);
  });
  for (const [reader, slots] of byFile) {
    let k = 0;
    while (k < slots.length) {
      let run = 1;
      const firstLine = picked[slots[k] as number]?.i ?? 0;
      while (k + run < slots.length && picked[slots[k + run] as number]?.i === firstLine + run) run++;
      const lines = await reader.readLines(firstLine, run);
      lines.forEach((line, j) => {
        out[slots[k + j] as number] = { file: reader.file.path, line: line.line, at: isoOrNull(line.at), text: line.text };
      });
      k += run;
    }
  }
  return out.filter((l): l is ViewerLine => l !== undefined);
}
