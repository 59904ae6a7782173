import { ApiError } from '../api/apiClient';

/** A sentence for the user: the engine's own message when it sent one, never a stack trace. */
export function describeError(error: unknown, doing: string): string {
  if (error instanceof ApiError) return error.message;
  return `Could not ${doing}. Check that the console engine is still running, then try again.`;
}
