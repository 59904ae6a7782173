import type { z } from 'zod';
import { FleetError } from './fleetError';

/** "must be …" fragments as a sentence for the user. */
export function sentence(fragment: string): string {
  const text = fragment.trim();
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** Checks input that did not come through the contract (imports, direct callers); the first problem names its field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue ? issue.path.map(String).join('.') : '';
  const message = issue?.message ?? 'invalid value';
  throw new FleetError('invalid', sentence(field ? `${field}: ${message}` : message), field || undefined);
}
