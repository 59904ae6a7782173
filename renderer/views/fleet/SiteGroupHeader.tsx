import { memo } from 'react';
import type { SiteGroupRow } from './fleetRows';
import { RowIcon } from './RowIcon';

function countsText(row: SiteGroupRow): string {
  if (row.total === 0) return 'no platforms yet';
  const platforms = row.shown === row.total ? `${row.total} platform${row.total === 1 ? '' : 's'}` : `${row.shown} of ${row.total} platforms`;
  const troubles = [
    row.unreachable ? `${row.unreachable} not reached` : '',
    row.critical ? `${row.critical} critical` : '',
    row.warning ? `${row.warning} warning` : '',
  ].filter(Boolean);
  return [platforms, ...troubles].join(' · ');
}

/** A site's full-width header row: collapses and expands its platforms (click, Enter or Space on the row). */
export const SiteGroupHeader = memo(function SiteGroupHeader({ row, onToggle }: { row: SiteGroupRow; onToggle: (siteId: string) => void }) {
  return (
    <div className="fc-site">
      <button
        type="button"
        className="fc-toggle"
        tabIndex={-1}
        aria-label={`${row.collapsed ? 'Expand' : 'Collapse'} ${row.siteName}`}
        aria-expanded={!row.collapsed}
        onClick={(event) => {
          event.stopPropagation();
          onToggle(row.siteId);
        }}
      >
        <RowIcon name={row.collapsed ? 'chevronRight' : 'expandMore'} />
      </button>
      <span className="fc-site-name">{row.siteName}</span>
      {row.customer && <span className="fc-line fc-muted">{row.customer}</span>}
      <span className={row.unreachable + row.critical > 0 ? 'fc-site-counts fc-site-counts--trouble' : 'fc-site-counts'}>{countsText(row)}</span>
    </div>
  );
});
