import { useEffect, useRef } from 'react';
import { Box } from '@mui/material';
import { MONO } from './StepDetails';

/** A step's output as a scrolling monospace pane that follows new text while the view is at its end. */
export function OutputPane({ text, label, live }: { text: string; label: string; live: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const atEnd = useRef(true);
  useEffect(() => {
    const el = ref.current;
    if (el && atEnd.current) el.scrollTop = el.scrollHeight;
  }, [text]);
  return (
    <Box
      ref={ref}
      role="log"
      aria-label={label}
      aria-live={live ? 'polite' : 'off'}
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
      }}
      sx={{
        fontFamily: MONO,
        fontSize: '0.8rem',
        whiteSpace: 'pre-wrap',
        overflowWrap: 'anywhere',
        maxHeight: 260,
        overflow: 'auto',
        bgcolor: (t) => (t.palette.mode === 'dark' ? 'grey.900' : 'grey.100'),
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
        p: 1,
        '&:focus-visible': { outline: (t) => `2px solid ${t.palette.primary.main}`, outlineOffset: 2 },
      }}
    >
      {text}
    </Box>
  );
}
