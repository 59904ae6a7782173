import { formatDuration } from './duration';

/** How long ago a moment (ms since the epoch) was: "just now", "12 s ago", "5 min ago", "3 days ago". */
export function formatAge(atMs: number, nowMs: number): string {
  const seconds = Math.floor((nowMs - atMs) / 1000);
  if (seconds < 2) return 'just now';
  return `${formatDuration(seconds)} ago`;
}

/** The same for an ISO 8601 time; an unreadable time reads "unknown". */
export function formatAgeOfIso(iso: string, nowMs: number): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? 'unknown' : formatAge(at, nowMs);
}

/** A date and time in the user's locale, to the minute. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
