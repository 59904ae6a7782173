/** One line of the results: a tool over one fleet. */
export interface BenchRow {
  tool: string;
  platforms: number;
  /** Platforms that answered completely, per run (cold first). */
  okPerRun: number[];
  coldSeconds: number;
  /** The median of the warm runs; null for a tool that has none. */
  warmSeconds: number | null;
  peakRssBytes: number | null;
  /** CPU time on this side: the engine's process, or the tool with the ssh clients it forked; cold, then the warm median. */
  clientCpuSeconds: { cold: number; warm: number | null };
  /** Busy CPU time of the whole machine meanwhile: mostly the lab's platforms running the probe. */
  machineCpuSeconds: { cold: number; warm: number | null };
}

export const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

const fixed = (value: number | null, digits: number) => (value === null || !Number.isFinite(value) ? '-' : value.toFixed(digits));
const ratio = (reference: number | null, value: number | null) => (reference === null || value === null || value <= 0 ? '-' : `${(reference / value).toFixed(1)}x`);
export const mb = (bytes: number) => bytes / 1024 / 1024;

/**
 * The table: wall times, platforms per second, and how many times faster than Ansible (Ansible's cold
 * run against the row's cold run, Ansible's runs over ControlPersist masters against the row's warm runs).
 */
export function formatTable(rows: readonly BenchRow[], ansible: BenchRow | undefined): string {
  const header = ['tool', 'platforms ok', 'cold s', 'warm s (median of 2)', 'per s cold', 'per s warm', 'vs Ansible cold', 'vs Ansible warm', 'peak RSS MB', 'client CPU s cold', 'client CPU s warm', 'all CPUs s cold/warm'];
  const cells = rows.map((r) => [
    r.tool,
    `${r.okPerRun.map((ok) => String(ok)).join('/')} of ${r.platforms}`,
    fixed(r.coldSeconds, 2),
    fixed(r.warmSeconds, 2),
    fixed(r.platforms / r.coldSeconds, 1),
    r.warmSeconds === null ? '-' : fixed(r.platforms / r.warmSeconds, 1),
    ratio(ansible?.coldSeconds ?? null, r.coldSeconds),
    ratio(ansible?.warmSeconds ?? null, r.warmSeconds),
    r.peakRssBytes === null ? '-' : fixed(mb(r.peakRssBytes), 0),
    fixed(r.clientCpuSeconds.cold, 1),
    fixed(r.clientCpuSeconds.warm, 1),
    `${fixed(r.machineCpuSeconds.cold, 0)}/${fixed(r.machineCpuSeconds.warm, 0)}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) => c.map((text, i) => (i === 0 ? text.padEnd(widths[i] ?? 0) : text.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), ...cells.map(line)].join('\n');
}
