import { memo } from 'react';
import type { CSSProperties, MouseEvent } from 'react';
import type { FleetColumn } from './fleetColumns';
import type { PlatformRow, SiteGroupRow } from './fleetRows';
import { SiteGroupHeader } from './SiteGroupHeader';

/** Where a row is: its index among the shown rows, its offset in the body, whether it takes the grid's focus. */
interface RowPlace {
  index: number;
  top: number;
  active: boolean;
}

const rowStyle = (top: number): CSSProperties => ({ transform: `translateY(${top}px)` });

export const SiteRowView = memo(function SiteRowView({ row, index, top, active, onToggle }: RowPlace & { row: SiteGroupRow; onToggle: (siteId: string) => void }) {
  return (
    <div
      role="row"
      className="fg-row fg-row--site"
      data-id={row.id}
      data-rowindex={index}
      aria-rowindex={index + 2}
      tabIndex={active ? 0 : -1}
      style={rowStyle(top)}
    >
      <div role="gridcell" className="fg-cell fg-cell--site" aria-colspan={99}>
        <SiteGroupHeader row={row} onToggle={onToggle} />
      </div>
    </div>
  );
});

interface PlatformRowProps extends RowPlace {
  row: PlatformRow;
  columns: readonly FleetColumn[];
  selected: boolean;
  onCheck: (id: string, event: MouseEvent) => void;
}

export const PlatformRowView = memo(function PlatformRowView({ row, columns, index, top, active, selected, onCheck }: PlatformRowProps) {
  return (
    <div
      role="row"
      className={selected ? 'fg-row fg-row--selected' : 'fg-row'}
      data-id={row.id}
      data-rowindex={index}
      aria-rowindex={index + 2}
      aria-selected={selected}
      tabIndex={active ? 0 : -1}
      style={rowStyle(top)}
    >
      <div role="gridcell" className="fg-cell fg-cell--check">
        <input
          type="checkbox"
          className="fc-check"
          tabIndex={-1}
          checked={selected}
          aria-label={`Select ${row.name}`}
          onChange={() => undefined}
          onClick={(event) => onCheck(row.id, event)}
        />
      </div>
      {columns.map((column) => (
        <div key={column.field} role="gridcell" className={column.center ? 'fg-cell fg-cell--center' : 'fg-cell'} data-field={column.field}>
          {column.render(row)}
        </div>
      ))}
    </div>
  );
});
