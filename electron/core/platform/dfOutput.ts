import type { DataPartition } from './platformFacts';

export type DfReading = { ok: true; partition: DataPartition; device: string } | { ok: false; problem: 'unparseable' | 'other_mount'; detail: string };

const HEADER = /^Filesystem\s+1024-blocks\s+Used\s+Available\s+Capacity\s+Mounted on$/;

/**
 * `df -kP MOUNT` as GNU coreutils and busybox print it: a header, then one line that ends with the
 * mount point. A different mount point means MOUNT is not mounted (df showed the filesystem below it).
 */
export function readDfPortable(text: string, mountPoint: string): DfReading {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines.length !== 2 || !HEADER.test(lines[0]?.trim() ?? '')) return { ok: false, problem: 'unparseable', detail: 'df printed something other than one filesystem in portable format' };
  const line = lines[1] ?? '';
  const match = /^(.+?)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d{1,3})%\s+(\/.*)$/.exec(line);
  if (!match) return { ok: false, problem: 'unparseable', detail: 'the line of df has no sizes in 1024-byte blocks' };
  const [, device = '', blocks = '', used = '', available = '', percent = '', mounted = ''] = match;
  if (mounted !== mountPoint) return { ok: false, problem: 'other_mount', detail: `df reports the filesystem mounted on ${mounted}` };
  const usePercent = Number(percent);
  if (usePercent > 100) return { ok: false, problem: 'unparseable', detail: 'df printed a use percentage above 100' };
  return {
    ok: true,
    device,
    partition: { sizeBytes: Number(blocks) * 1024, usedBytes: Number(used) * 1024, availableBytes: Number(available) * 1024, usePercent },
  };
}
