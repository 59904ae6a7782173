import { useCallback, useMemo, useState } from 'react';
import { Alert, Box, Button, LinearProgress, Typography } from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import type { ViewerLine } from '../../../../electron/core/contract';
import { api } from '../../../api/api';
import { formatBytes } from '../../../format/bytes';
import { LineList } from '../LineList';
import { SearchField } from '../SearchField';
import { textMatcher } from '../textMatch';
import type { TextQuery } from '../textMatch';
import { FilterFields } from './FilterFields';
import { HitRow } from './HitRow';
import { scannedShare, timeRangeOf } from './searchForm';
import type { ViewerFilterForm } from './searchForm';
import { usePagedLines } from './usePagedLines';

const number = new Intl.NumberFormat();
const PAGE = 500;

/** Search across every text file of the bundle (text or regular expression, case, time range, files); results come page by page as they are scrolled to. */
export function SearchPanel({ bundleId, files, onOpen }: { bundleId: string; files: readonly string[]; onOpen(line: ViewerLine): void }) {
  const [query, setQuery] = useState<TextQuery>({ text: '', regex: false, caseSensitive: false });
  const [form, setForm] = useState<ViewerFilterForm>({ from: '', to: '', files: [] });
  const [searched, setSearched] = useState<TextQuery | null>(null);
  const paged = usePagedLines('search the bundle');
  const range = timeRangeOf(form);
  const localMatcher = useMemo(() => textMatcher(query), [query]);
  const shownMatcher = useMemo(() => (searched ? textMatcher(searched) : null), [searched]);

  const search = () => {
    if (!query.text || !range.ok || !localMatcher.ok) return;
    const params = { bundleId, pattern: query.text, regex: query.regex, caseSensitive: query.caseSensitive, limit: PAGE, ...(form.files.length ? { files: [...form.files] } : {}), ...(range.from ? { from: range.from } : {}), ...(range.to ? { to: range.to } : {}) };
    setSearched(query);
    paged.start(async (cursor) => {
      const answer = await api.call('viewer.search', { ...params, ...(cursor ? { cursor } : {}) });
      return { lines: answer.hits, nextCursor: answer.nextCursor, scannedBytes: answer.scannedBytes, totalBytes: answer.totalBytes };
    });
  };

  const { lines, more } = paged;
  const onRange = useCallback((_first: number, last: number) => last >= lines.length - 40 && more(), [lines.length, more]);
  const renderLine = useCallback(
    (index: number) => {
      const line = lines[index];
      if (!line) return null;
      return <HitRow line={line} ranges={shownMatcher?.ok ? shownMatcher.ranges(line.text) : []} onOpen={onOpen} />;
    },
    [lines, shownMatcher, onOpen],
  );

  const status = !searched
    ? ''
    : paged.busy && lines.length === 0
      ? 'Searching…'
      : `${number.format(lines.length)}${paged.done ? '' : '+'} line${lines.length === 1 ? '' : 's'} found${paged.scanned ? `, ${formatBytes(paged.scanned.scannedBytes)} of ${formatBytes(paged.scanned.totalBytes)} searched` : ''}${paged.done ? '' : '; scroll down for more'}`;
  return (
    <Box>
      <Box
        component="form"
        aria-label="Search the bundle"
        onSubmit={(event) => {
          event.preventDefault();
          search();
        }}
        sx={{ display: 'grid', gap: 1.5, mb: 1.5 }}
      >
        <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'flex-start', flexWrap: 'wrap' }}>
          <SearchField label="Search all logs" query={query} onChange={setQuery} problem={localMatcher.ok ? null : localMatcher.problem} width={300} />
          <Button type="submit" variant="contained" startIcon={<SearchIcon />} disabled={!query.text || !range.ok || !localMatcher.ok}>
            Search
          </Button>
        </Box>
        <FilterFields form={form} onChange={setForm} files={files} problem={range.ok ? null : range.problem} />
      </Box>
      {paged.error && (
        <Alert severity="error" sx={{ mb: 1 }}>
          {paged.error}
        </Alert>
      )}
      {searched && (
        <>
          <Typography variant="body2" color="text.secondary" role="status" sx={{ mb: 0.5 }}>
            {status}
          </Typography>
          {paged.busy && paged.scanned && <LinearProgress variant="determinate" value={scannedShare(paged.scanned.scannedBytes, paged.scanned.totalBytes) * 100} aria-label="Search progress" sx={{ mb: 0.5 }} />}
          {!paged.busy && lines.length === 0 && !paged.error ? (
            <Alert severity="info">{`Nothing matched "${searched.text}"${form.files.length || range.ok && (range.from || range.to) ? ' in the chosen files and time range' : ''}. Check the spelling, switch off "Match case", or widen the time range.`}</Alert>
          ) : (
            <LineList count={lines.length} label="Search results" height="max(320px, calc(100vh - 470px))" lineHeight={40} renderLine={renderLine} onRange={onRange} />
          )}
        </>
      )}
    </Box>
  );
}
