import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Box, Button, Chip, FormControlLabel, IconButton, Stack, Switch, Tooltip, Typography } from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import PauseIcon from '@mui/icons-material/Pause';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import ReplayIcon from '@mui/icons-material/Replay';
import { HighlightedText } from '../../logs/HighlightedText';
import { LineList } from '../../logs/LineList';
import type { LineListHandle } from '../../logs/LineList';
import { SearchField } from '../../logs/SearchField';
import { textMatcher } from '../../logs/textMatch';
import type { TextQuery } from '../../logs/textMatch';
import { FOLLOW_LINES_KEPT } from './followBuffer';
import { useLogFollow } from './useLogFollow';

const number = new Intl.NumberFormat();

interface FollowProps {
  platformId: string;
  path: string;
  onClose(): void;
}

/** A log followed live as `tail -F` does, with search, pause and auto-scroll; keeps the newest 20,000 lines. "Follow again" starts a fresh follow. */
export function FollowPane(props: FollowProps) {
  const [generation, setGeneration] = useState(0);
  return <FollowSession key={generation} {...props} onAgain={() => setGeneration(generation + 1)} />;
}

function FollowSession({ platformId, path, onClose, onAgain }: FollowProps & { onAgain(): void }) {
  const [paused, setPaused] = useState(false);
  const [autoScroll, setAutoScroll] = useState(true);
  const [onlyMatching, setOnlyMatching] = useState(false);
  const [query, setQuery] = useState<TextQuery>({ text: '', regex: false, caseSensitive: false });
  const deferred = useDeferredValue(query);
  const { phase, buffer, held, message } = useLogFollow(platformId, path, paused);
  const listRef = useRef<LineListHandle>(null);

  const matcher = useMemo(() => textMatcher(deferred), [deferred]);
  const shown = useMemo(() => {
    if (!onlyMatching || !matcher.ok || !deferred.text) return null;
    const indexes: number[] = [];
    buffer.lines.forEach((line, i) => matcher.test(line) && indexes.push(i));
    return indexes;
  }, [buffer.lines, matcher, onlyMatching, deferred.text]);
  const count = shown ? shown.length : buffer.lines.length;

  useEffect(() => {
    if (autoScroll && count > 0) listRef.current?.scrollToIndex(count - 1, 'end');
  }, [autoScroll, count, buffer]);

  const renderLine = useCallback(
    (index: number) => {
      const at = shown ? (shown[index] ?? 0) : index;
      const text = buffer.lines[at] ?? '';
      return (
        <>
          <Box component="span" sx={{ color: 'text.secondary', userSelect: 'none', display: 'inline-block', minWidth: '6ch', textAlign: 'right', mr: 1.5 }}>
            {buffer.firstLine + at}
          </Box>
          <HighlightedText text={text} ranges={matcher.ok && deferred.text ? matcher.ranges(text) : []} />
        </>
      );
    },
    [buffer, shown, matcher, deferred.text],
  );

  const state =
    phase === 'starting' ? 'Starting…' : phase === 'ended' ? 'Stopped' : paused ? `Paused${held ? `, ${number.format(held)} new lines held` : ''}` : 'Following live';
  return (
    <Box component="section" aria-label={`Following ${path}`}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap', rowGap: 1 }}>
        <Typography sx={{ fontFamily: 'monospace', fontWeight: 500, overflowWrap: 'anywhere', flex: 1, minWidth: 240 }}>{path}</Typography>
        <Chip size="small" color={phase === 'following' && !paused ? 'success' : 'default'} label={state} role="status" />
        <Button size="small" startIcon={paused ? <PlayArrowIcon /> : <PauseIcon />} onClick={() => setPaused(!paused)} disabled={phase !== 'following'}>
          {paused ? 'Resume' : 'Pause'}
        </Button>
        {phase === 'ended' && (
          <Button size="small" startIcon={<ReplayIcon />} onClick={onAgain}>
            Follow again
          </Button>
        )}
        <FormControlLabel control={<Switch size="small" checked={autoScroll} onChange={(event) => setAutoScroll(event.target.checked)} />} label="Auto-scroll" />
        <Tooltip title="Stop following">
          <IconButton size="small" aria-label="Stop following" onClick={onClose}>
            <CloseIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      </Stack>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start', mb: 1, flexWrap: 'wrap', rowGap: 1 }}>
        <SearchField label="Search the followed lines" query={query} onChange={setQuery} problem={matcher.ok ? null : matcher.problem} />
        <FormControlLabel control={<Switch size="small" checked={onlyMatching} onChange={(event) => setOnlyMatching(event.target.checked)} />} label="Only matching lines" />
      </Stack>
      {message && (
        <Alert severity={phase === 'ended' && buffer.lines.length === 0 ? 'error' : 'info'} sx={{ mb: 1 }}>
          {message}
        </Alert>
      )}
      <LineList
        ref={listRef}
        count={count}
        label={`Lines of ${path}`}
        height={360}
        renderLine={renderLine}
        onScrolledAway={(atEnd) => {
          if (!atEnd && autoScroll) setAutoScroll(false);
        }}
      />
      <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 0.5 }}>
        {shown ? `${number.format(shown.length)} of ${number.format(buffer.lines.length)} lines match. ` : `${number.format(buffer.lines.length)} lines. `}
        {buffer.dropped > 0
          ? `The oldest ${number.format(buffer.dropped)} lines were let go to keep the newest ${number.format(FOLLOW_LINES_KEPT)}; download the file for all of it.`
          : `The newest ${number.format(FOLLOW_LINES_KEPT)} lines are kept.`}
      </Typography>
    </Box>
  );
}
