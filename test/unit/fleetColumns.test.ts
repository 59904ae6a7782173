import { describe, expect, it } from 'vitest';
import { CHECKBOX_COLUMN_WIDTH, FLEET_COLUMNS, gridTemplate, nextSort } from '../../renderer/views/fleet/fleetColumns';
import { SORT_FIELDS } from '../../renderer/views/fleet/fleetRows';

const column = (field: string) => {
  const found = FLEET_COLUMNS.find((c) => c.field === field);
  if (!found) throw new Error(`no column ${field}`);
  return found;
};

describe('fleet columns', () => {
  it('has one column per sort field, in the order of the sort fields', () => {
    expect(FLEET_COLUMNS.map((c) => c.field)).toEqual([...SORT_FIELDS]);
  });

  it('lays out fixed and flexible tracks after the checkbox, and says the width below which the grid scrolls', () => {
    const { template, minWidth } = gridTemplate([column('state'), column('name')]);
    expect(template).toBe(`${CHECKBOX_COLUMN_WIDTH}px 72px minmax(130px, 0.8fr)`);
    expect(minWidth).toBe(CHECKBOX_COLUMN_WIDTH + 72 + 130);
  });

  it('sorts worst first on the first click for states, then the other way, then not at all', () => {
    const state = column('state');
    const first = nextSort(null, state);
    expect(first).toEqual({ field: 'state', direction: 'desc' });
    const second = nextSort(first, state);
    expect(second).toEqual({ field: 'state', direction: 'asc' });
    expect(nextSort(second, state)).toBeNull();
    expect(nextSort(second, column('name'))).toEqual({ field: 'name', direction: 'asc' });
  });
});
