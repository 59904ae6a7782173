import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FocusEvent, KeyboardEvent, MouseEvent, ReactNode } from 'react';
import { Box, LinearProgress } from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import { gridTemplate, nextSort } from './fleetColumns';
import type { FleetColumn } from './fleetColumns';
import { FleetGridHeader } from './FleetGridHeader';
import { PlatformRowView, SiteRowView } from './FleetGridRow';
import { fleetGridSx } from './fleetGridStyles';
import type { FleetGridRow, FleetSort } from './fleetRows';
import { countShown, selectRange, selectShown, toggleOne } from './fleetSelection';
import type { Selection } from './fleetSelection';

export const ROW_HEIGHT = 52;
const HEADER_HEIGHT = 44;
const OVERSCAN = 6;

interface FleetGridProps {
  label: string;
  columns: readonly FleetColumn[];
  rows: readonly FleetGridRow[];
  sort: FleetSort | null;
  onSortChange: (sort: FleetSort | null) => void;
  selection: Selection;
  onSelectionChange: (next: Selection) => void;
  onToggleSite: (siteId: string) => void;
  onOpenPlatform: (id: string) => void;
  loading: boolean;
  /** Shown in the body when there are no rows. */
  empty: ReactNode;
}

/**
 * The fleet as an ARIA grid of fixed-height rows, only those in view mounted: typing in the filter costs the
 * filter and the few rows on screen, however large the fleet. Arrow keys, Home/End and Page keys move between
 * rows; Enter opens a platform or folds a site; Space selects a platform.
 */
export function FleetGrid({ label, columns, rows, sort, onSortChange, selection, onSelectionChange, onToggleSite, onOpenPlatform, loading, empty }: FleetGridProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const focusWanted = useRef(false);
  const anchor = useRef<string | null>(null);
  const { template, minWidth } = useMemo(() => gridTemplate(columns), [columns]);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is used as it is each render, never memoized
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: OVERSCAN, scrollMargin: HEADER_HEIGHT });
  const activeIndex = Math.min(active, Math.max(0, rows.length - 1));

  const latest = useRef({ rows, selection });
  latest.current = { rows, selection };
  const onCheck = useCallback(
    (id: string, event: MouseEvent) => {
      const { rows: shown, selection: current } = latest.current;
      const next = event.shiftKey && anchor.current ? selectRange(current, shown, anchor.current, id) : toggleOne(current, id);
      anchor.current = id;
      onSelectionChange(next);
    },
    [onSelectionChange],
  );
  const counts = useMemo(() => countShown(rows, selection), [rows, selection]);
  const onSelectShown = useCallback((select: boolean) => onSelectionChange(selectShown(latest.current.selection, latest.current.rows, select)), [onSelectionChange]);
  const onSort = useCallback((column: FleetColumn) => onSortChange(nextSort(sort, column)), [sort, onSortChange]);

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    focusWanted.current = true;
    setActive(next);
    virtualizer.scrollToIndex(next);
  };
  const items = virtualizer.getVirtualItems();
  useEffect(() => {
    if (!focusWanted.current) return;
    const element = scrollRef.current?.querySelector<HTMLElement>(`[data-rowindex="${activeIndex}"]`);
    if (element) {
      focusWanted.current = false;
      element.focus({ preventScroll: true });
    }
  }, [activeIndex, items]);

  const rowIndexOf = (target: EventTarget) => {
    const index = Number((target as HTMLElement).closest<HTMLElement>('[data-rowindex]')?.dataset.rowindex);
    return Number.isInteger(index) ? index : null;
  };
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const index = rowIndexOf(event.target);
    const row = index === null ? undefined : rows[index];
    // The checkbox and the site's toggle button handle their own clicks.
    if (!row || (event.target as HTMLElement).closest('input, button')) return;
    if (row.kind === 'site') onToggleSite(row.siteId);
    else onOpenPlatform(row.id);
  };
  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    const index = rowIndexOf(event.target);
    if (index !== null && index !== activeIndex) setActive(index);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // While the row moved to is not mounted yet, keys act on it rather than on the row that still has the focus.
    const index = focusWanted.current ? activeIndex : rowIndexOf(event.target);
    if (index === null || rows.length === 0) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const row = rows[index];
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, PageDown: index + page, PageUp: index - page, Home: 0, End: rows.length - 1 };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
    } else if (row && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      if (row.kind === 'site') onToggleSite(row.siteId);
      else if (event.key === 'Enter') onOpenPlatform(row.id);
      else {
        anchor.current = row.id;
        onSelectionChange(toggleOne(selection, row.id));
      }
    }
  };

  return (
    <Box sx={fleetGridSx} className="fg-root">
      {loading && <LinearProgress className="fg-loading" aria-label="Reading the fleet" />}
      <div
        ref={scrollRef}
        role="grid"
        aria-label={label}
        aria-rowcount={rows.length + 1}
        aria-colcount={columns.length + 1}
        aria-multiselectable
        aria-busy={loading}
        className="fg-scroll"
        tabIndex={-1}
        onClick={onClick}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
        style={{ ['--fg-template' as string]: template, ['--fg-min-width' as string]: `${minWidth}px` }}
      >
        <div role="rowgroup" className="fg-head" style={{ height: HEADER_HEIGHT }}>
          <FleetGridHeader columns={columns} sort={sort} onSort={onSort} shown={counts.shown} selected={counts.selected} onSelectShown={onSelectShown} />
        </div>
        <div role="rowgroup" className="fg-body" style={{ height: virtualizer.getTotalSize() - HEADER_HEIGHT }}>
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const place = { index: item.index, top: item.start - HEADER_HEIGHT, active: item.index === activeIndex };
            return row.kind === 'site' ? (
              <SiteRowView key={row.id} row={row} {...place} onToggle={onToggleSite} />
            ) : (
              <PlatformRowView key={row.id} row={row} columns={columns} {...place} selected={selection.has(row.id)} onCheck={onCheck} />
            );
          })}
        </div>
        {rows.length === 0 && !loading && <div className="fg-empty">{empty}</div>}
      </div>
    </Box>
  );
}
