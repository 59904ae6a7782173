import { BUILDS } from '../platform/buildGates';
import { readMeminfoBytes } from '../platform/procFiles';

/** gcore memory dumps came with 13r3 (admin-facts P16); gdb itself is checked on the platform too. */
export const MEMORY_DUMP_MIN_BUILD = BUILDS.memoryDumpMinimum;
/** Room kept free beside the dump's expected size. */
export const FREE_SPACE_MARGIN = 64 * 1024 * 1024;
export const DUMP_FOLDER = '/home/admin';

export interface ProcessMemory {
  name: string;
  rssBytes: number;
  vmSizeBytes: number;
}

/** Name, VmRSS and VmSize of /proc/PID/status; null when it is not a process status (kernel threads have no Vm lines). */
export function readProcessMemory(status: string): ProcessMemory | null {
  const name = /^Name:\s*(.*)$/m.exec(status)?.[1]?.trim();
  const rss = readMeminfoBytes(status, 'VmRSS');
  const size = readMeminfoBytes(status, 'VmSize');
  if (!name || typeof rss !== 'number' || typeof size !== 'number') return null;
  return { name, rssBytes: rss, vmSizeBytes: size };
}

/** The bytes free for unprivileged users in the folder's filesystem, from `df -kP FOLDER`. */
export function readFreeBytes(df: string): number | null {
  const lines = df.replace(/\r/g, '').split('\n').filter((l) => l.trim() !== '');
  if (lines.length < 2 || !/^Filesystem\s/.test(lines[0] ?? '')) return null;
  const match = /\s(\d+)\s+(\d+)\s+(\d+)\s+\d{1,3}%\s+\/.*$/.exec(lines[lines.length - 1] ?? '');
  return match?.[3] ? Number(match[3]) * 1024 : null;
}

/** gcore writes the pages the process has in memory, so its resident size plus a margin must fit. */
export function bytesNeeded(memory: ProcessMemory): number {
  return memory.rssBytes + FREE_SPACE_MARGIN;
}
