import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ContractError } from '../../rpc/contractError';

/** A fingerprint of the query a cursor belongs to, so a cursor is never applied to another search. */
export function queryPrint(query: unknown): string {
  return createHash('sha256').update(JSON.stringify(query)).digest('hex').slice(0, 16);
}

export function encodeCursor(print: string, position: unknown): string {
  return Buffer.from(JSON.stringify({ q: print, p: position })).toString('base64url');
}

/** The position in a cursor given by an earlier answer to the same query; a clear error for anything else. */
export function decodeCursor<T>(cursor: string, print: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    raw = undefined;
  }
  const parsed = z.object({ q: z.string(), p: schema }).safeParse(raw);
  if (!parsed.success) throw new ContractError('invalid_params', 'The cursor is not one the viewer gave; start again from the first page.', 'cursor');
  if (parsed.data.q !== print) throw new ContractError('invalid_params', 'The cursor belongs to a different search or filter; start again from the first page.', 'cursor');
  return parsed.data.p;
}
