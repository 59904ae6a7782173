/** Readers for the kernel's own text files; each returns null when the text is not what the kernel prints. */

const DECIMAL = /^\d+(?:\.\d+)?$/;

/** /proc/uptime: "12345.67 23456.78" (seconds up, idle seconds). */
export function readUptime(text: string): number | null {
  const [up] = text.trim().split(/\s+/);
  return up !== undefined && DECIMAL.test(up) ? Number(up) : null;
}

/** /proc/loadavg: "0.42 0.30 0.25 1/123 4567". */
export function readLoadAverage(text: string): { one: number; five: number; fifteen: number } | null {
  const fields = text.trim().split(/\s+/);
  if (fields.length < 3) return null;
  const [one, five, fifteen] = fields;
  if (![one, five, fifteen].every((f) => f !== undefined && DECIMAL.test(f))) return null;
  return { one: Number(one), five: Number(five), fifteen: Number(fifteen) };
}

/** A line of /proc/meminfo in bytes ("MemTotal:  2048000 kB"); undefined when the kernel does not report it, null when garbled. */
export function readMeminfoBytes(text: string, key: string): number | null | undefined {
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0 || line.slice(0, colon) !== key) continue;
    const match = /^\s*(\d+)(\s+kB)?\s*$/.exec(line.slice(colon + 1));
    if (!match?.[1]) return null;
    return Number(match[1]) * (match[2] ? 1024 : 1);
  }
  return undefined;
}

/** /sys/devices/system/cpu/online: "0", "0-3", "0,2-3". */
export function readCpuList(text: string): number | null {
  const list = text.trim();
  if (!/^\d+(?:-\d+)?(?:,\d+(?:-\d+)?)*$/.test(list)) return null;
  let count = 0;
  for (const part of list.split(',')) {
    const [from, to] = part.split('-').map(Number);
    if (from === undefined) return null;
    const last = to ?? from;
    if (last < from) return null;
    count += last - from + 1;
  }
  return count > 0 ? count : null;
}

/** A count printed by `grep -c`. */
export function readCount(text: string): number | null {
  const value = text.trim();
  return /^\d+$/.test(value) ? Number(value) : null;
}
