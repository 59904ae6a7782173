import { useCallback, useRef, useState } from 'react';
import type { ViewerLine } from '../../../../electron/core/contract';
import { describeError } from '../../../store/describeError';

export interface PagedPage {
  lines: ViewerLine[];
  nextCursor: string | null;
  scannedBytes?: number;
  totalBytes?: number;
}

export interface PagedLines {
  lines: readonly ViewerLine[];
  done: boolean;
  busy: boolean;
  error: string | null;
  scanned: { scannedBytes: number; totalBytes: number } | null;
  /** Starts over with a new query. */
  start(fetch: (cursor: string | undefined) => Promise<PagedPage>): void;
  /** The next page, unless one is on its way or there is none. */
  more(): void;
  clear(): void;
}

const KEEP = 100_000;

/** Lines fetched page by page by cursor (search hits, the timeline); a newer query drops the answers of an older one. */
export function usePagedLines(doing: string): PagedLines {
  const [lines, setLines] = useState<readonly ViewerLine[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [done, setDone] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [scanned, setScanned] = useState<PagedLines['scanned']>(null);
  const query = useRef(0);
  const fetcher = useRef<((cursor: string | undefined) => Promise<PagedPage>) | null>(null);
  const inFlight = useRef(false);

  const page = useCallback(
    async (after: string | undefined, generation: number) => {
      const fetch = fetcher.current;
      if (!fetch) return;
      inFlight.current = true;
      setBusy(true);
      try {
        const answer = await fetch(after);
        if (generation !== query.current) return;
        setLines((before) => (after === undefined ? answer.lines : [...before, ...answer.lines].slice(0, KEEP)));
        setCursor(answer.nextCursor);
        setDone(answer.nextCursor === null);
        if (answer.totalBytes !== undefined) setScanned({ scannedBytes: answer.scannedBytes ?? 0, totalBytes: answer.totalBytes });
      } catch (e) {
        if (generation === query.current) {
          setError(describeError(e, doing));
          setDone(true);
        }
      } finally {
        if (generation === query.current) {
          inFlight.current = false;
          setBusy(false);
        }
      }
    },
    [doing],
  );

  const start = useCallback(
    (fetch: (cursor: string | undefined) => Promise<PagedPage>) => {
      query.current++;
      fetcher.current = fetch;
      setLines([]);
      setCursor(null);
      setDone(false);
      setError(null);
      setScanned(null);
      void page(undefined, query.current);
    },
    [page],
  );
  const more = useCallback(() => {
    if (inFlight.current || done || cursor === null || lines.length >= KEEP) return;
    void page(cursor, query.current);
  }, [page, done, cursor, lines.length]);
  const clear = useCallback(() => {
    query.current++;
    fetcher.current = null;
    inFlight.current = false;
    setLines([]);
    setCursor(null);
    setDone(true);
    setBusy(false);
    setError(null);
    setScanned(null);
  }, []);
  return { lines, done, busy, error, scanned, start, more, clear };
}
