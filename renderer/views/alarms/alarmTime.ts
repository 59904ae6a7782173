const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long something lasted: "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function formatDuration(ms: number): string {
  const span = Math.max(0, ms);
  if (span < MINUTE) return `${Math.floor(span / 1000)} s`;
  if (span < HOUR) return `${Math.floor(span / MINUTE)} min`;
  if (span < DAY) {
    const minutes = Math.floor((span % HOUR) / MINUTE);
    return minutes ? `${Math.floor(span / HOUR)} h ${minutes} min` : `${Math.floor(span / HOUR)} h`;
  }
  const hours = Math.floor((span % DAY) / HOUR);
  return hours ? `${Math.floor(span / DAY)} d ${hours} h` : `${Math.floor(span / DAY)} d`;
}

/** "just now" under a minute, else "12 min ago". */
export function formatAge(iso: string, now: number): string {
  const span = now - Date.parse(iso);
  return span < MINUTE ? 'just now' : `${formatDuration(span)} ago`;
}

/** How long a cleared alarm was raised. */
export function alarmDuration(raisedAt: string, clearedAt: string | null): string {
  return clearedAt ? formatDuration(Date.parse(clearedAt) - Date.parse(raisedAt)) : '';
}
