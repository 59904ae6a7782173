import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Box, Button, TextField, Typography } from '@mui/material';
import type { ViewerFile, ViewerLine } from '../../../../electron/core/contract';
import { api } from '../../../api/api';
import { formatBytes } from '../../../format/bytes';
import { describeError } from '../../../store/describeError';
import { LineList } from '../LineList';
import type { LineListHandle } from '../LineList';
import { READ_PAGE_LINES, READ_WINDOW_LINES, lineAt, pageOf, pageStart, pagesToLoad, trimPages, windowStartFor } from './linePages';
import { lineTimeText } from './lineTime';

const number = new Intl.NumberFormat();

/** A line to show and mark, with a nonce so that jumping to the same line again scrolls again. */
export interface JumpTarget {
  line: number;
  nonce: number;
}

/**
 * One file of the bundle, fetched a page at a time as it scrolls: a file of millions of lines costs what is in view.
 * Very long files are shown a window of lines at a time (the browser cannot scroll further); "Go to line" and the window buttons move it.
 * Keyed by bundle and path.
 */
export function FileReader({ bundleId, file, jump }: { bundleId: string; file: ViewerFile; jump: JumpTarget | null }) {
  const [pages, setPages] = useState<ReadonlyMap<number, readonly ViewerLine[]>>(new Map());
  const [totalLines, setTotalLines] = useState(file.lines);
  const [error, setError] = useState<string | null>(null);
  const [windowStart, setWindowStart] = useState(() => (jump ? windowStartFor(jump.line, file.lines) : 1));
  const [marked, setMarked] = useState<JumpTarget | null>(jump);
  const [goTo, setGoTo] = useState('');
  const loading = useRef(new Set<number>());
  const listRef = useRef<LineListHandle>(null);
  const [range, setRange] = useState<[number, number]>([0, 0]);
  const shown = Math.max(0, Math.min(READ_WINDOW_LINES, totalLines - windowStart + 1));

  const load = useCallback(
    async (page: number) => {
      loading.current.add(page);
      try {
        const { lines, totalLines: total } = await api.call('viewer.read', { bundleId, path: file.path, fromLine: pageStart(page), count: READ_PAGE_LINES });
        setTotalLines(total);
        setPages((before) => trimPages(new Map(before).set(page, lines), page));
      } catch (e) {
        setError(describeError(e, `read ${file.path}`));
      } finally {
        loading.current.delete(page);
      }
    },
    [bundleId, file.path],
  );

  useEffect(() => {
    if (file.binary || error) return;
    const have = new Set([...pages.keys(), ...loading.current]);
    for (const page of pagesToLoad(windowStart + range[0], windowStart + range[1], totalLines, have)) void load(page);
  }, [range, pages, totalLines, load, file.binary, error, windowStart]);

  // A jump from search or timeline: move the window if needed, then scroll to the line and mark it.
  const [seenJump, setSeenJump] = useState(jump);
  if (jump !== seenJump) {
    setSeenJump(jump);
    setMarked(jump);
    if (jump && (jump.line < windowStart || jump.line >= windowStart + READ_WINDOW_LINES)) setWindowStart(windowStartFor(jump.line, totalLines));
  }
  useEffect(() => {
    if (marked) listRef.current?.scrollToIndex(marked.line - windowStart, 'center');
  }, [marked, windowStart]);

  const goToLine = () => {
    const line = Number(goTo);
    if (!Number.isInteger(line) || line < 1) return;
    const target = Math.min(line, Math.max(1, totalLines));
    setMarked({ line: target, nonce: Date.now() });
    if (target < windowStart || target >= windowStart + READ_WINDOW_LINES) setWindowStart(windowStartFor(target, totalLines));
  };

  const onRange = useCallback((first: number, last: number) => setRange([first, last]), []);
  const renderLine = useCallback(
    (index: number) => {
      const number1 = windowStart + index;
      const line = lineAt(pages, number1);
      const isMarked = marked?.line === number1;
      return (
        <Box component="span" sx={isMarked ? { bgcolor: 'warning.light', color: 'common.black', display: 'inline-block', minWidth: '100%' } : undefined} data-line={number1}>
          <Box component="span" sx={{ color: isMarked ? 'inherit' : 'text.secondary', userSelect: 'none', display: 'inline-block', minWidth: '7ch', textAlign: 'right', mr: 1.5 }}>
            {number1}
          </Box>
          {line ? line.text : pages.has(pageOf(number1)) ? '' : '…'}
        </Box>
      );
    },
    [pages, marked, windowStart],
  );

  if (file.binary) {
    return (
      <Alert severity="info">
        {`${file.path} is a binary file (${formatBytes(file.sizeBytes)}), such as a core dump: it is listed and kept, but not shown as text. Open it with gdb or send it to innovaphone support.`}
      </Alert>
    );
  }
  const windowed = totalLines > READ_WINDOW_LINES;
  return (
    <Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, mb: 0.5, flexWrap: 'wrap' }}>
        <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere', flex: 1, minWidth: 260 }}>
          <Box component="span" sx={{ fontFamily: 'monospace', color: 'text.primary', fontWeight: 500 }}>
            {file.path}
          </Box>
          {`: ${number.format(totalLines)} line${totalLines === 1 ? '' : 's'}, ${formatBytes(file.sizeBytes)}${file.encoding === 'latin1' ? ', read as Latin-1' : ''}${file.firstAt ? `, ${lineTimeText(file.firstAt)} to ${lineTimeText(file.lastAt)}` : ''}`}
        </Typography>
        <Box
          component="form"
          aria-label="Go to a line"
          onSubmit={(event) => {
            event.preventDefault();
            goToLine();
          }}
          sx={{ display: 'flex', gap: 1 }}
        >
          <TextField size="small" label="Go to line" value={goTo} onChange={(event) => setGoTo(event.target.value.replace(/\D/g, ''))} slotProps={{ htmlInput: { inputMode: 'numeric' } }} sx={{ width: 130 }} />
          <Button type="submit" size="small" disabled={!goTo}>
            Go
          </Button>
        </Box>
      </Box>
      {windowed && (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 0.5, flexWrap: 'wrap' }}>
          <Typography variant="body2" color="text.secondary" role="status">
            {`Showing lines ${number.format(windowStart)} to ${number.format(windowStart + shown - 1)} of ${number.format(totalLines)}.`}
          </Typography>
          <Button size="small" disabled={windowStart <= 1} onClick={() => setWindowStart(Math.max(1, windowStart - READ_WINDOW_LINES))}>
            Earlier lines
          </Button>
          <Button size="small" disabled={windowStart + shown > totalLines} onClick={() => setWindowStart(Math.min(totalLines - READ_WINDOW_LINES + 1, windowStart + READ_WINDOW_LINES))}>
            Later lines
          </Button>
        </Box>
      )}
      {error && (
        <Alert severity="error" sx={{ mb: 1 }}>
          {error}
        </Alert>
      )}
      <LineList key={windowStart} ref={listRef} count={shown} label={`Lines of ${file.path}`} height="max(360px, calc(100vh - 330px))" renderLine={renderLine} onRange={onRange} />
    </Box>
  );
}
