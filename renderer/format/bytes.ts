const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** Bytes as a partner reads them: 1.4 GiB, 512 MiB. */
export function formatBytes(bytes: number): string {
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${bytes < 0 ? '-' : ''}${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** A signed rate such as "+1.2 GiB/h"; "no change" while the size stays the same. */
export function formatBytesPerHour(bytesPerHour: number): string {
  if (Math.abs(bytesPerHour) < 1) return 'no change';
  return `${bytesPerHour > 0 ? '+' : '−'}${formatBytes(Math.abs(bytesPerHour))}/h`;
}

/** "83 %", and one decimal below 10 so that a nearly empty disk does not read 0 %. */
export function formatPercent(percent: number): string {
  return `${percent < 10 && percent > 0 ? percent.toFixed(1) : Math.round(percent)} %`;
}
