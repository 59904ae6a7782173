import { describe, expect, it } from 'vitest';
import { ConnectError } from '../../electron/core/connect/connectError';
import { inlineParams, sqlLiteral } from '../../electron/core/connect/pg/sqlParams';

describe('sqlLiteral', () => {
  it('quotes text, doubling quotes and switching to E-strings when a backslash is present', () => {
    expect(sqlLiteral("it's")).toBe("'it''s'");
    expect(sqlLiteral('a\\b')).toBe(" E'a\\\\b'");
    expect(sqlLiteral("\\'")).toBe(" E'\\\\'''");
  });

  it('renders null as NULL and numbers and booleans as quoted text, as pg sends parameters', () => {
    expect(sqlLiteral(null)).toBe('NULL');
    expect(sqlLiteral(42)).toBe("'42'");
    expect(sqlLiteral(-1.5)).toBe("'-1.5'");
    expect(sqlLiteral(true)).toBe("'true'");
  });
});

describe('inlineParams', () => {
  it('replaces $n with the matching literal, also when followed by a cast', () => {
    expect(inlineParams('SELECT $1::int, $2 WHERE x = $1', [5, 'a'])).toBe("SELECT '5'::int, 'a' WHERE x = '5'");
  });

  it('handles $10 and above as one parameter', () => {
    const params = Array.from({ length: 11 }, (_, i) => i + 1);
    expect(inlineParams('SELECT $1, $10, $11, $2, $3, $4, $5, $6, $7, $8, $9', params)).toBe(
      "SELECT '1', '10', '11', '2', '3', '4', '5', '6', '7', '8', '9'",
    );
  });

  it('leaves $n alone inside strings, quoted identifiers, comments and dollar quotes', () => {
    const sql = `SELECT '$1', "$1", E'\\'$1', $$ $1 $$, $t$ $1 $t$ /* $1 /* $1 */ $1 */ -- $1\n, $1`;
    expect(inlineParams(sql, ['v'])).toBe(`SELECT '$1', "$1", E'\\'$1', $$ $1 $$, $t$ $1 $t$ /* $1 /* $1 */ $1 */ -- $1\n, 'v'`);
  });

  it('reads doubled quotes inside strings and identifiers', () => {
    expect(inlineParams(`SELECT 'a''$1', "x""$1", $1`, [1])).toBe(`SELECT 'a''$1', "x""$1", '1'`);
  });

  it('treats a quote after an identifier ending in e as a plain string, not an E-string', () => {
    expect(inlineParams("SELECT date'2020-01-01', typE'\\', $1", [1])).toBe("SELECT date'2020-01-01', typE'\\', '1'");
  });

  it('does not take $ inside identifiers for a parameter', () => {
    expect(inlineParams('SELECT a$1 FROM t WHERE b = $1', ['x'])).toBe("SELECT a$1 FROM t WHERE b = 'x'");
  });

  it('keeps hostile values inside their literal', () => {
    const value = "x'); DROP TABLE instances; --\\";
    const sql = inlineParams('SELECT $1', [value]);
    expect(sql).toBe("SELECT  E'x''); DROP TABLE instances; --\\\\'");
  });

  it('refuses a $n without a value and a value without its $n', () => {
    expect(() => inlineParams('SELECT $2', ['a'])).toThrow(ConnectError);
    expect(() => inlineParams('SELECT $1', ['a', 'b'])).toThrow(/every parameter must appear/);
  });

  it('refuses unterminated strings, identifiers, comments and dollar quotes', () => {
    for (const sql of ["SELECT 'abc", 'SELECT "abc', 'SELECT /* x', 'SELECT $x$ abc']) expect(() => inlineParams(sql, [])).toThrow(ConnectError);
  });

  it('returns statements without parameters unchanged', () => {
    expect(inlineParams('SELECT 1', [])).toBe('SELECT 1');
  });
});
