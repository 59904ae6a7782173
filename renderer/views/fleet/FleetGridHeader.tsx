import { memo } from 'react';
import type { FleetColumn } from './fleetColumns';
import type { FleetSort } from './fleetRows';
import { RowIcon } from './RowIcon';
import { SelectShownCheckbox } from './SelectShownCheckbox';

interface HeaderProps {
  columns: readonly FleetColumn[];
  sort: FleetSort | null;
  onSort: (column: FleetColumn) => void;
  shown: number;
  selected: number;
  onSelectShown: (select: boolean) => void;
}

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

/** The column headers: a click sorts (first direction, the other, none); the first one selects the shown platforms. */
export const FleetGridHeader = memo(function FleetGridHeader({ columns, sort, onSort, shown, selected, onSelectShown }: HeaderProps) {
  return (
    <div role="row" className="fg-row fg-header" aria-rowindex={1}>
      <div role="columnheader" className="fg-cell fg-cell--check" aria-label="Selection">
        <SelectShownCheckbox shown={shown} selected={selected} onChange={onSelectShown} />
      </div>
      {columns.map((column) => {
        const direction = sort?.field === column.field ? sort.direction : null;
        return (
          <div key={column.field} role="columnheader" className={column.center ? 'fg-cell fg-cell--center' : 'fg-cell'} data-field={column.field} aria-sort={direction ? ARIA_SORT[direction] : 'none'}>
            <button type="button" className="fg-sort" title={column.description ?? `Sort by ${column.header.toLowerCase()}`} onClick={() => onSort(column)}>
              <span>{column.header}</span>
              {direction && <RowIcon name={direction === 'asc' ? 'arrowUp' : 'arrowDown'} />}
            </button>
          </div>
        );
      })}
    </div>
  );
});
