import type { FleetGridRow } from './fleetRows';

export type Selection = ReadonlySet<string>;
export const NO_SELECTION: Selection = new Set();

function setIn(set: Set<string>, id: string, present: boolean): void {
  if (present) set.add(id);
  else set.delete(id);
}

/** Shown platforms, and how many of them are selected; nothing to count while nothing is selected. */
export function countShown(rows: readonly FleetGridRow[], selection: Selection): { shown: number; selected: number } {
  if (selection.size === 0) return { shown: 0, selected: 0 };
  let shown = 0;
  let selected = 0;
  for (const row of rows) {
    if (row.kind !== 'platform') continue;
    shown++;
    if (selection.has(row.id)) selected++;
  }
  return { shown, selected };
}

/** Selects (or unselects) every platform the filter shows; selected platforms it hides stay selected. */
export function selectShown(selection: Selection, rows: readonly FleetGridRow[], select: boolean): Selection {
  const next = new Set(selection);
  for (const row of rows) if (row.kind === 'platform') setIn(next, row.id, select);
  return next;
}

export function toggleOne(selection: Selection, id: string): Selection {
  const next = new Set(selection);
  if (!next.delete(id)) next.add(id);
  return next;
}

/** Shift+click: the platforms from the anchor to the clicked row, as shown, take the clicked row's new state. */
export function selectRange(selection: Selection, rows: readonly FleetGridRow[], anchorId: string, toId: string): Selection {
  const from = rows.findIndex((row) => row.id === anchorId);
  const to = rows.findIndex((row) => row.id === toId);
  if (from < 0 || to < 0) return toggleOne(selection, toId);
  const select = !selection.has(toId);
  const next = new Set(selection);
  for (let i = Math.min(from, to); i <= Math.max(from, to); i++) {
    const row = rows[i];
    if (row?.kind === 'platform') setIn(next, row.id, select);
  }
  return next;
}
