import { z } from 'zod';

/**
 * A number as a row may carry it: a JSON number, or PostgreSQL's text of a numeric or bigint
 * ("123", "-4", "1.5", "1e3"). Anything else fails the row check.
 */
export const NumberOrText = z.union([z.number(), z.string().trim().regex(/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/)]).nullable();
export type NumberOrText = z.output<typeof NumberOrText>;

const INTEGER_TEXT = /^[+-]?\d+$/;

/** The value as a JavaScript number; integer text of any length is read exactly first (BigInt), then rounded to the nearest double. */
function toNumber(value: number | string): number {
  if (typeof value === 'number') return value;
  const text = value.trim();
  return INTEGER_TEXT.test(text) ? Number(BigInt(text)) : Number(text);
}

/**
 * A whole count that cannot be negative (bytes behind): negative readings (races between two reads)
 * read 0, and counts beyond 2^53 (8 PiB) read 2^53 - 1, the largest exact one.
 */
export function countOf(value: NumberOrText): number | null {
  if (value === null) return null;
  const n = toNumber(value);
  if (Number.isNaN(n)) return null;
  return n <= 0 ? 0 : Math.min(Math.round(n), Number.MAX_SAFE_INTEGER);
}

/** A duration in seconds that cannot be negative (ages, lags): a clock skew between the two servers reads 0. */
export function secondsOf(value: NumberOrText): number | null {
  if (value === null) return null;
  const n = toNumber(value);
  if (!Number.isFinite(n)) return null;
  return n <= 0 ? 0 : n;
}

/** A whole number that may be negative, within the exact range. */
export function integerOf(value: NumberOrText): number | null {
  if (value === null) return null;
  const n = toNumber(value);
  if (Number.isNaN(n)) return null;
  return Math.max(Number.MIN_SAFE_INTEGER, Math.min(Math.round(n), Number.MAX_SAFE_INTEGER));
}
