import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Box, Button, Typography } from '@mui/material';
import TimelineIcon from '@mui/icons-material/Timeline';
import type { ViewerLine } from '../../../../electron/core/contract';
import { api } from '../../../api/api';
import { LineList } from '../LineList';
import { fileColours } from './fileColours';
import { FilterFields } from './FilterFields';
import { HitRow } from './HitRow';
import { timeRangeOf } from './searchForm';
import type { ViewerFilterForm } from './searchForm';
import { usePagedLines } from './usePagedLines';

const number = new Intl.NumberFormat();
const PAGE = 500;

/** Every log's lines merged by time, a colour per file, fetched page by page as it scrolls. */
export function TimelinePanel({ bundleId, files, onOpen }: { bundleId: string; files: readonly string[]; onOpen(line: ViewerLine): void }) {
  const [form, setForm] = useState<ViewerFilterForm>({ from: '', to: '', files: [] });
  const paged = usePagedLines('read the merged timeline');
  const colours = useMemo(() => fileColours(files), [files]);
  const range = timeRangeOf(form);
  const { start } = paged;

  const show = useCallback(
    (shown: ViewerFilterForm) => {
      const r = timeRangeOf(shown);
      if (!r.ok) return;
      const params = { bundleId, limit: PAGE, ...(shown.files.length ? { files: [...shown.files] } : {}), ...(r.from ? { from: r.from } : {}), ...(r.to ? { to: r.to } : {}) };
      start(async (cursor) => {
        const answer = await api.call('viewer.timeline', { ...params, ...(cursor ? { cursor } : {}) });
        return { lines: answer.lines, nextCursor: answer.nextCursor };
      });
    },
    [bundleId, start],
  );
  // The whole bundle's timeline shows at once; the form narrows it.
  useEffect(() => show({ from: '', to: '', files: [] }), [show]);

  const { lines, more } = paged;
  const onRange = useCallback((_first: number, last: number) => last >= lines.length - 40 && more(), [lines.length, more]);
  const renderLine = useCallback(
    (index: number) => {
      const line = lines[index];
      return line ? <HitRow line={line} ranges={[]} colour={colours.get(line.file)} onOpen={onOpen} /> : null;
    },
    [lines, colours, onOpen],
  );
  return (
    <Box>
      <Box
        component="form"
        aria-label="Narrow the timeline"
        onSubmit={(event) => {
          event.preventDefault();
          show(form);
        }}
        sx={{ display: 'flex', gap: 1.5, alignItems: 'flex-start', mb: 1.5, flexWrap: 'wrap' }}
      >
        <Box sx={{ flex: 1, minWidth: 480 }}>
          <FilterFields form={form} onChange={setForm} files={files} problem={range.ok ? null : range.problem} />
        </Box>
        <Button type="submit" variant="contained" startIcon={<TimelineIcon />} disabled={!range.ok}>
          Show
        </Button>
      </Box>
      {paged.error && (
        <Alert severity="error" sx={{ mb: 1 }}>
          {paged.error}
        </Alert>
      )}
      <Typography variant="body2" color="text.secondary" role="status" sx={{ mb: 0.5 }}>
        {paged.busy && lines.length === 0
          ? 'Merging the logs…'
          : `${number.format(lines.length)}${paged.done ? '' : '+'} lines of ${form.files.length || files.length} files, oldest first, a colour per file${paged.done ? '' : '; scroll down for more'}`}
      </Typography>
      {!paged.busy && lines.length === 0 && !paged.error ? (
        <Alert severity="info">No log line lies in the chosen time range and files. Widen the range or clear the file filter.</Alert>
      ) : (
        <LineList count={lines.length} label="Merged timeline" height="max(320px, calc(100vh - 470px))" lineHeight={40} renderLine={renderLine} onRange={onRange} />
      )}
    </Box>
  );
}
