import { useEffect, useImperativeHandle, useRef } from 'react';
import type { ReactNode, Ref } from 'react';
import { Box } from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';

export const LINE_HEIGHT = 20;

export interface LineListHandle {
  scrollToIndex(index: number, align?: 'start' | 'center' | 'end'): void;
  /** Whether the list is scrolled to its end (within a line). */
  atEnd(): boolean;
}

interface LineListProps {
  count: number;
  label: string;
  height: number | string;
  renderLine(index: number): ReactNode;
  /** Called with the first and last index in view, as the user scrolls. */
  onRange?(first: number, last: number): void;
  onScrolledAway?(atEnd: boolean): void;
  ref?: Ref<LineListHandle>;
  /** Rows of more than one line (search results, the timeline). */
  lineHeight?: number;
}

/** A long list of monospace lines: only the ones in view are in the page, long lines scroll sideways. */
export function LineList({ count, label, height, renderLine, onRange, onScrolledAway, ref, lineHeight = LINE_HEIGHT }: LineListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is used as it is each render, never memoized
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => lineHeight, overscan: 20 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  useImperativeHandle(ref, () => ({
    scrollToIndex: (index, align = 'center') => virtualizer.scrollToIndex(index, { align }),
    atEnd: () => {
      const el = scrollRef.current;
      return !el || el.scrollHeight - el.scrollTop - el.clientHeight < lineHeight * 1.5;
    },
  }));

  useEffect(() => {
    if (onRange && last >= first) onRange(first, last);
  }, [first, last, onRange]);

  return (
    <Box
      ref={scrollRef}
      role="log"
      aria-label={label}
      tabIndex={0}
      onScroll={(event) => {
        const el = event.currentTarget;
        onScrolledAway?.(el.scrollHeight - el.scrollTop - el.clientHeight < lineHeight * 1.5);
      }}
      sx={{
        height,
        overflow: 'auto',
        fontFamily: 'monospace',
        fontSize: '0.8rem',
        bgcolor: 'background.default',
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
        '&:focus-visible': { outline: 2, outlineColor: 'primary.main', outlineStyle: 'solid' },
      }}
    >
      <Box sx={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth: '100%', width: 'max-content' }}>
        {items.map((item) => (
          <Box
            key={item.key}
            data-index={item.index}
            sx={{ position: 'absolute', top: 0, left: 0, minWidth: '100%', height: lineHeight, transform: `translateY(${item.start}px)`, whiteSpace: 'pre', lineHeight: `${LINE_HEIGHT}px`, px: 1 }}
          >
            {renderLine(item.index)}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
