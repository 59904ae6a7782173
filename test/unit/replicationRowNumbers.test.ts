import { describe, expect, it } from 'vitest';
import { NumberOrText, countOf, integerOf, secondsOf } from '../../electron/core/replication/rowNumbers';

describe('NumberOrText', () => {
  it('accepts JSON numbers, numeric text of PostgreSQL and null', () => {
    for (const value of [0, -3, 1.5, '0', '-17', '12345678901234567890', '1.25', '.5', '3.', '1e3', '2.5E-2', ' 42 ', null]) {
      expect(NumberOrText.safeParse(value).success, String(value)).toBe(true);
    }
  });

  it('refuses text that is not a number', () => {
    for (const value of ['', 'NaN', 'Infinity', '0x10', '12 bytes', '1,5', '--1', true, {}]) {
      expect(NumberOrText.safeParse(value).success, String(value)).toBe(false);
    }
  });
});

describe('countOf, secondsOf, integerOf', () => {
  it('reads text and numbers alike and keeps null as unknown', () => {
    expect([countOf('4096'), countOf(4096), countOf(null)]).toEqual([4096, 4096, null]);
    expect([secondsOf('0.25'), secondsOf(0.25), secondsOf(null)]).toEqual([0.25, 0.25, null]);
    expect([integerOf('-1048576'), integerOf(-1048576), integerOf(null)]).toEqual([-1048576, -1048576, null]);
  });

  it('clamps what cannot be negative to 0', () => {
    expect([countOf('-1'), countOf(-0), countOf(-5e9)]).toEqual([0, 0, 0]);
    expect([secondsOf('-0.004'), secondsOf(-3600)]).toEqual([0, 0]);
  });

  it('reads integer text exactly up to the largest exact integer and clamps beyond', () => {
    expect(countOf('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(countOf('9007199254740993')).toBe(Number.MAX_SAFE_INTEGER);
    expect(countOf('18446744073709551615')).toBe(Number.MAX_SAFE_INTEGER);
    expect(integerOf('-18446744073709551615')).toBe(Number.MIN_SAFE_INTEGER);
    expect(countOf('1e400')).toBe(Number.MAX_SAFE_INTEGER);
    expect(secondsOf('1e400')).toBeNull();
    expect(countOf('2.6')).toBe(3);
  });
});
