export interface UiMeasure {
  name: string;
  value: number | null;
  unit: 'ms' | 'MB';
  /** Upper bound the value must stay under; null for figures shown for context. */
  target: number | null;
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

export function formatUiTable(rows: readonly UiMeasure[]): string {
  const header = ['measure', 'value', 'target', 'met'];
  const cells = rows.map((r) => [
    r.name,
    r.value === null ? '-' : `${r.value.toFixed(r.unit === 'ms' && r.value < 100 ? 1 : 0)} ${r.unit}`,
    r.target === null ? '' : `< ${r.target} ${r.unit}`,
    r.target === null ? '' : r.value !== null && r.value < r.target ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) => c.map((text, i) => (i === 0 ? text.padEnd(widths[i] ?? 0) : text.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
