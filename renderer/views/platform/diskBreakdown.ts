import type { PlatformStatus } from '../../../electron/core/contract';

export type DiskPartKey = 'pgsql' | 'logs' | 'coreDumps' | 'reserve' | 'other' | 'free' | 'filesystem';

export interface DiskPart {
  key: DiskPartKey;
  label: string;
  /** null: not read (it is then counted in "other"). */
  bytes: number | null;
  /** Share of the partition's size, 0-100; null with bytes. */
  percent: number | null;
  /** Why a figure is missing or what it means. */
  note: string | null;
}

export interface DiskBreakdown {
  sizeBytes: number;
  usedBytes: number;
  parts: DiskPart[];
}

type BreakdownInput = Pick<PlatformStatus, 'disk' | 'pgsqlBytes' | 'logsBytes' | 'coreDumps' | 'reserveFilePresent'>;

function reserveNote(present: boolean | null, bytes: number | null): string | null {
  if (present === false) return 'missing';
  if (present === null) return 'not read';
  return bytes === null ? 'present, size not reported (counted in other)' : null;
}

/**
 * The data partition split by what fills it. "Other" is what is used beyond the parts read, never negative;
 * `reserveBytes` is the reserve file's size where it is known. Free is what df calls available; the
 * filesystem part is what ext4 keeps back for root.
 */
export function diskBreakdown(status: BreakdownInput, reserveBytes: number | null): DiskBreakdown | null {
  const disk = status.disk;
  if (!disk || disk.sizeBytes <= 0) return null;
  const reserve = status.reserveFilePresent === false ? 0 : reserveBytes;
  const read = [status.pgsqlBytes, status.logsBytes, status.coreDumps?.bytes ?? null, reserve];
  const counted = read.reduce<number>((sum, bytes) => sum + (bytes ?? 0), 0);
  const missing = (bytes: number | null) => (bytes === null ? 'not read (counted in other)' : null);
  const part = (key: DiskPartKey, label: string, bytes: number | null, note: string | null): DiskPart => ({
    key,
    label,
    bytes,
    percent: bytes === null ? null : (bytes / disk.sizeBytes) * 100,
    note,
  });
  const free = Math.min(disk.availBytes, Math.max(0, disk.sizeBytes - disk.usedBytes));
  const parts = [
    part('pgsql', 'PostgreSQL data', status.pgsqlBytes, missing(status.pgsqlBytes)),
    part('logs', 'Logs (/var/log)', status.logsBytes, missing(status.logsBytes)),
    part('coreDumps', 'Core dumps', status.coreDumps?.bytes ?? null, missing(status.coreDumps?.bytes ?? null)),
    part('reserve', 'Reserve file', reserve, reserveNote(status.reserveFilePresent, reserve)),
    part('other', 'Other', Math.max(0, disk.usedBytes - counted), counted > disk.usedBytes ? 'the parts read add up to more than df counts as used' : null),
    part('free', 'Free', free, null),
  ];
  const keptBack = Math.max(0, disk.sizeBytes - disk.usedBytes - free);
  if (keptBack > 0) parts.push(part('filesystem', 'Kept back by the filesystem', keptBack, 'only root may write here'));
  return { sizeBytes: disk.sizeBytes, usedBytes: disk.usedBytes, parts };
}
