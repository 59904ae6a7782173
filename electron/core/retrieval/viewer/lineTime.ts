/**
 * The time at the start of a log line, in ms since the epoch (UTC), or NaN.
 * Formats: ISO 8601 (`2026-12-01T10:00:00.123Z`, `2026-12-01 10:00:00.123`, with `T` or a space, optional zone; the AP's app
 * logs in /var/log/apps write `2026-12-01 10:00:00.123 service: …`), `2026/12/01 10:00:00`, `01.12.2026 10:00:00.123`,
 * syslog `Dec  1 10:00:00` (year from `syslogYearRef`), ctime `Mon Dec  1 10:00:00 2026`.
 * A leading `[` or syslog `<priority>` is skipped. Times without a zone are read as UTC (the AP's clock).
 */
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_MS = 86_400_000;

export interface LineTimeContext {
  /** ms of a moment at or after the log's last line (the bundle's collectedAt, or the file's mtime): syslog lines have no year. */
  syslogYearRef: number;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

function digits(b: Uint8Array, p: number, n: number): number {
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = b[p + i] ?? 0;
    if (!isDigit(c)) return -1;
    v = v * 10 + c - 48;
  }
  return v;
}

/** `HH:MM:SS(.fff)?` at p: [ms within the day, end], or undefined. */
function clock(b: Uint8Array, p: number): [number, number] | undefined {
  const h = digits(b, p, 2);
  const m = digits(b, p + 3, 2);
  const s = digits(b, p + 6, 2);
  if (h < 0 || m < 0 || s < 0 || b[p + 2] !== 58 || b[p + 5] !== 58 || h > 23 || m > 59 || s > 60) return undefined;
  let end = p + 8;
  let ms = 0;
  if ((b[end] === 46 || b[end] === 44) && isDigit(b[end + 1] ?? 0)) {
    let scale = 100;
    end++;
    while (isDigit(b[end] ?? 0)) {
      ms += ((b[end] ?? 48) - 48) * scale;
      scale /= 10;
      end++;
    }
  }
  return [((h * 60 + m) * 60 + s) * 1000 + Math.floor(ms), end];
}

/** `Z`, `+HH:MM`, `+HHMM`, `+HH` at p: offset in ms to subtract, 0 when absent. */
function zone(b: Uint8Array, p: number): number {
  const c = b[p];
  if (c === 90) return 0;
  if (c !== 43 && c !== 45) return 0;
  const h = digits(b, p + 1, 2);
  if (h < 0) return 0;
  let m = digits(b, b[p + 3] === 58 ? p + 4 : p + 3, 2);
  if (m < 0) m = 0;
  return (c === 43 ? 1 : -1) * (h * 60 + m) * 60_000;
}

function validDate(y: number, mo: number, d: number): boolean {
  return y >= 1970 && y <= 2200 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
}

function month(b: Uint8Array, p: number): number {
  const name = String.fromCharCode((b[p] ?? 0) | 32, (b[p + 1] ?? 0) | 32, (b[p + 2] ?? 0) | 32);
  return MONTHS.indexOf(name);
}

/** `Mmm dd HH:MM:SS` at p (day space-padded or not): [month 0-11, day, ms in day, end] */
function syslogParts(b: Uint8Array, p: number): [number, number, number, number] | undefined {
  const mo = month(b, p);
  if (mo < 0 || b[p + 3] !== 32) return undefined;
  let q = p + 4;
  if (b[q] === 32) q++;
  let day = digits(b, q, 2);
  let after = q + 2;
  if (day < 0) {
    day = digits(b, q, 1);
    after = q + 1;
  }
  if (day < 1 || day > 31 || b[after] !== 32) return undefined;
  const t = clock(b, after + 1);
  return t ? [mo, day, t[0], t[1]] : undefined;
}

export function lineTime(b: Uint8Array, start: number, ctx: LineTimeContext): number {
  let p = start;
  const first = b[p];
  if (first === 91) p++;
  else if (first === 60) {
    let q = p + 1;
    while (q < p + 5 && isDigit(b[q] ?? 0)) q++;
    if (b[q] === 62) p = q + 1;
  }
  const c0 = b[p] ?? 0;
  if (isDigit(c0)) {
    const y = digits(b, p, 4);
    if (y >= 0 && (b[p + 4] === 45 || b[p + 4] === 47)) {
      const mo = digits(b, p + 5, 2);
      const d = digits(b, p + 8, 2);
      const sep = b[p + 10];
      if (!validDate(y, mo, d) || b[p + 7] !== b[p + 4] || (sep !== 84 && sep !== 32)) return NaN;
      const t = clock(b, p + 11);
      if (!t) return NaN;
      return Date.UTC(y, mo - 1, d) + t[0] - zone(b, t[1]);
    }
    const d = digits(b, p, 2);
    if (d >= 0 && b[p + 2] === 46 && b[p + 5] === 46) {
      const mo = digits(b, p + 3, 2);
      const y2 = digits(b, p + 6, 4);
      if (!validDate(y2, mo, d) || b[p + 10] !== 32) return NaN;
      const t = clock(b, p + 11);
      return t ? Date.UTC(y2, mo - 1, d) + t[0] - zone(b, t[1]) : NaN;
    }
    return NaN;
  }
  if ((c0 | 32) < 97 || (c0 | 32) > 122) return NaN;
  const syslog = syslogParts(b, p);
  if (syslog) {
    const [mo, day, ms] = syslog;
    const refYear = new Date(ctx.syslogYearRef).getUTCFullYear();
    const at = Date.UTC(refYear, mo, day) + ms;
    return at > ctx.syslogYearRef + 2 * DAY_MS ? Date.UTC(refYear - 1, mo, day) + ms : at;
  }
  // ctime: `Mon Dec  1 10:00:00 2026`
  if (b[p + 3] === 32) {
    const inner = syslogParts(b, p + 4);
    if (inner && b[inner[3]] === 32) {
      const y = digits(b, inner[3] + 1, 4);
      if (y >= 1970) return Date.UTC(y, inner[0], inner[1]) + inner[2];
    }
  }
  return NaN;
}

/** Bytes of a line head that `lineTime` may look at. */
export const LINE_TIME_HEAD = 48;
