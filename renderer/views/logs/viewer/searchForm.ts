/** What the viewer's search and timeline forms hold, as typed. */
export interface ViewerFilterForm {
  /** `datetime-local` values (local time, no zone), '' for none. */
  from: string;
  to: string;
  /** Only these files; empty for all. */
  files: readonly string[];
}

export type TimeRangeResult = { ok: true; from?: string; to?: string } | { ok: false; problem: string };

/** A datetime-local value as an ISO time in UTC, or null when it is not a time. */
export function isoOfLocal(value: string): string | null {
  if (!value) return null;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The form's time range for viewer.search / viewer.timeline, or why it cannot be used. */
export function timeRangeOf(form: Pick<ViewerFilterForm, 'from' | 'to'>): TimeRangeResult {
  const from = isoOfLocal(form.from);
  const to = isoOfLocal(form.to);
  if (form.from && !from) return { ok: false, problem: 'The "From" time is not a date and time. Pick one, or clear the field.' };
  if (form.to && !to) return { ok: false, problem: 'The "To" time is not a date and time. Pick one, or clear the field.' };
  if (from && to && Date.parse(from) > Date.parse(to)) return { ok: false, problem: '"From" is after "To": nothing can lie between. Swap them or clear one.' };
  return { ok: true, ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

/** An ISO time as a datetime-local value in the user's time zone (to the second). */
export function localOfIso(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** "12.0 MiB of 200 MiB searched" as a share, for the progress of a paged search. */
export function scannedShare(scannedBytes: number, totalBytes: number): number {
  return totalBytes > 0 ? Math.min(1, scannedBytes / totalBytes) : 1;
}
