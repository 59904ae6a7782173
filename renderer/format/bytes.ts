import { byteText } from '../../electron/core/format/byteText';

/** Bytes as a partner reads them: 1.4 GiB, 512 MiB. */
export const formatBytes = byteText;

/** A signed rate such as "+1.2 GiB/h"; "no change" while the size stays the same. */
export function formatBytesPerHour(bytesPerHour: number): string {
  if (Math.abs(bytesPerHour) < 1) return 'no change';
  return `${bytesPerHour > 0 ? '+' : '−'}${formatBytes(Math.abs(bytesPerHour))}/h`;
}

/** "83 %", and one decimal below 10 so that a nearly empty disk does not read 0 %. */
export function formatPercent(percent: number): string {
  return `${percent < 10 && percent > 0 ? percent.toFixed(1) : Math.round(percent)} %`;
}
