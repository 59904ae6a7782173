import { describe, expect, it } from 'vitest';
import { DEFAULT_STATEMENT_TIMEOUT_MS, statementTimeout } from '../../electron/core/connect/pg/databaseTypes';

describe('statementTimeout', () => {
  it('uses the default when none is given and refuses zero, negative and non-numbers', () => {
    expect(statementTimeout(undefined)).toBe(DEFAULT_STATEMENT_TIMEOUT_MS);
    expect(statementTimeout(499.6)).toBe(500);
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => statementTimeout(bad)).toThrow(/at least 1 ms/);
  });
});
