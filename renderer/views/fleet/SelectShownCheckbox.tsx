import { createContext, useContext, useLayoutEffect, useMemo } from 'react';
import { gridClasses, gridTabIndexColumnHeaderSelector, useGridApiContext, useGridRootProps, useGridSelector } from '@mui/x-data-grid';
import type { GridRowSelectionModel } from '@mui/x-data-grid';
import type { FleetGridRow } from './fleetRows';

export interface ShownSelection {
  /** The grid's rows as shown: site headers and the platforms the filter lets through. */
  rows: readonly FleetGridRow[];
  selection: GridRowSelectionModel;
}

export const ShownSelectionContext = createContext<ShownSelection>({ rows: [], selection: { type: 'include', ids: new Set() } });

/** Shown platforms, and how many of them are selected; nothing to count while nothing is selected. */
function countShown({ rows, selection }: ShownSelection): { shown: number; selected: number } {
  let shown = 0;
  let selected = 0;
  const include = selection.type === 'include';
  if (include && selection.ids.size === 0) return { shown: 0, selected: 0 };
  for (const row of rows) {
    if (row.kind !== 'platform') continue;
    shown++;
    if (selection.ids.has(row.id) === include) selected++;
  }
  return { shown, selected };
}

/**
 * "Select all" in the checkbox column's header, for the platforms the filter shows: the grid's own header box
 * asks every row whether it can be selected on each key of the filter, this one counts only while a selection exists.
 */
export function SelectShownCheckbox({ field }: { field: string }) {
  const apiRef = useGridApiContext();
  const rootProps = useGridRootProps();
  const state = useContext(ShownSelectionContext);
  const tabIndexState = useGridSelector(apiRef, gridTabIndexColumnHeaderSelector);
  const { shown, selected } = useMemo(() => countShown(state), [state]);
  const all = selected > 0 && selected === shown;
  const some = selected > 0 && !all;
  const tabIndex = tabIndexState !== null && tabIndexState.field === field ? 0 : -1;
  useLayoutEffect(() => {
    // As the grid's header box does: the box takes the header's place in the tab order.
    const header = apiRef.current.getColumnHeaderElement(field);
    if (tabIndex === 0 && header) header.tabIndex = -1;
  }, [apiRef, field, tabIndex]);
  const toggle = (value: boolean) => apiRef.current.publishEvent('headerSelectionCheckboxChange', { value });
  const Checkbox = rootProps.slots.baseCheckbox;
  return (
    <Checkbox
      checked={all}
      indeterminate={some}
      onChange={(event) => toggle((event.target as HTMLInputElement).checked)}
      onKeyDown={(event) => {
        // The grid keeps Space from reaching the box itself.
        if (event.key === ' ') toggle(!(all || some));
      }}
      className={gridClasses.checkboxInput}
      tabIndex={tabIndex}
      slotProps={{ htmlInput: { 'aria-label': rootProps.localeText[all ? 'checkboxSelectionUnselectAllRows' : 'checkboxSelectionSelectAllRows'], name: 'select_all_rows' } }}
      {...rootProps.slotProps?.baseCheckbox}
    />
  );
}
