/** A line's time as "2026-12-02 05:16:37.120" in the user's time zone; milliseconds only where there are some. */
export function lineTimeText(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const ms = date.getMilliseconds();
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}${ms ? `.${pad(ms, 3)}` : ''}`;
}
