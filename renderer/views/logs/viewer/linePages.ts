import type { ViewerLine } from '../../../../electron/core/contract';

/** Lines of one file fetched page by page as the reader scrolls; never the whole file. */
export const READ_PAGE_LINES = 500;

/** The page (0-based) that holds a 1-based line number. */
export const pageOf = (line: number, pageLines = READ_PAGE_LINES) => Math.floor((line - 1) / pageLines);

/** The first line (1-based) of a page. */
export const pageStart = (page: number, pageLines = READ_PAGE_LINES) => page * pageLines + 1;

/** The pages that hold the visible range [first, last] (1-based, inclusive), with one page of slack on each side, not yet loaded or loading. */
export function pagesToLoad(first: number, last: number, totalLines: number, have: ReadonlySet<number>, pageLines = READ_PAGE_LINES): number[] {
  if (totalLines <= 0 || last < first) return [];
  const lastPage = pageOf(totalLines, pageLines);
  const from = Math.max(0, pageOf(Math.max(1, first), pageLines) - 1);
  const to = Math.min(lastPage, pageOf(Math.min(totalLines, last), pageLines) + 1);
  const wanted: number[] = [];
  for (let page = from; page <= to; page++) if (!have.has(page)) wanted.push(page);
  return wanted;
}

/** Keeps at most `keep` pages, dropping those farthest from the one in view. */
export function trimPages<T>(pages: ReadonlyMap<number, T>, around: number, keep = 40): Map<number, T> {
  if (pages.size <= keep) return new Map(pages);
  const kept = [...pages.keys()].sort((a, b) => Math.abs(a - around) - Math.abs(b - around)).slice(0, keep);
  return new Map(kept.map((page) => [page, pages.get(page) as T]));
}

/** The line at a 1-based number from the loaded pages, or null while its page is not loaded. */
export function lineAt(pages: ReadonlyMap<number, readonly ViewerLine[]>, line: number, pageLines = READ_PAGE_LINES): ViewerLine | null {
  const page = pages.get(pageOf(line, pageLines));
  return page?.[(line - 1) % pageLines] ?? null;
}

/** The reader shows at most this many lines at once, so that the list's height stays within what a browser can scroll. */
export const READ_WINDOW_LINES = 400_000;

/** The first line (1-based) of the window that shows `line` near its middle, within a file of `totalLines`. */
export function windowStartFor(line: number, totalLines: number, windowLines = READ_WINDOW_LINES): number {
  if (totalLines <= windowLines) return 1;
  const start = Math.max(1, line - Math.floor(windowLines / 2));
  return Math.min(start, totalLines - windowLines + 1);
}
