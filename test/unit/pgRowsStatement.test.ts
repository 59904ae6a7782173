import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConnectError } from '../../electron/core/connect/connectError';
import { checkRows, parseRows, queryFunction, rowsStatement } from '../../electron/core/connect/pg/rowsStatement';

describe('rowsStatement', () => {
  it('wraps the statement as a subquery aggregated to JSON, dropping trailing semicolons', () => {
    expect(rowsStatement('SELECT 1 AS a;  \n')).toBe("SELECT coalesce(json_agg(apc_row), '[]'::json) AS apc_rows FROM (\nSELECT 1 AS a\n) AS apc_row");
  });

  it('keeps a trailing line comment from swallowing the end of the wrapper', () => {
    expect(rowsStatement('SELECT 1 -- note')).toContain('-- note\n) AS apc_row');
  });

  it('refuses an empty statement', () => {
    expect(() => rowsStatement(' ; ')).toThrow(ConnectError);
  });
});

describe('parseRows', () => {
  it('accepts the array pg parsed and the text psql printed alike', () => {
    const rows = [{ a: 1, b: 'x', c: null, d: [1, 2], e: { k: true } }];
    expect(parseRows(rows)).toEqual(rows);
    expect(parseRows(JSON.stringify(rows))).toEqual(rows);
  });

  it('refuses cut-off text and rows that are not objects', () => {
    expect(() => parseRows('[{"a":1}')).toThrow(/not valid JSON/);
    expect(() => parseRows('[1,2]')).toThrow(/unexpected shape/);
  });
});

describe('checkRows and queryFunction', () => {
  const schema = z.object({ name: z.string(), size: z.number() });

  it('returns rows checked against the schema', async () => {
    const query = queryFunction(async () => [{ name: 'manager', size: 8000 }]);
    await expect(query('SELECT', [], schema)).resolves.toEqual([{ name: 'manager', size: 8000 }]);
  });

  it('names the row and field that does not fit', () => {
    expect(() => checkRows([{ name: 'a', size: 1 }, { name: 'b', size: '2' }], schema)).toThrow(/Row 2 .* at size/);
  });
});
