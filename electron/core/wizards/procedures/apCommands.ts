import { AP_PATHS } from '../../platform/platformPaths';
import { command } from '../remoteCommand';

/** The init scripts and checks the wiki's procedures use, as commands (admin-facts 1c). */
export const AP = {
  managerStop: command('/etc/init.d/S92manager', 'stop'),
  managerStart: command('/etc/init.d/S92manager', 'start'),
  managerRestart: command('/etc/init.d/S92manager', 'restart'),
  postgresRestart: command('/etc/init.d/S50postgresql', 'restart'),
  postgresStop: command('/etc/init.d/S50postgresql', 'stop'),
  postgresStart: command('/etc/init.d/S50postgresql', 'start'),
  dfHuman: command('df', '-h'),
  /** Bytes of the data partition: size, used, available (POSIX output, 1024-byte blocks). */
  dfData: command('df', '-Pk', AP_PATHS.dataMount),
} as const;

/** The data partition's figures from `df -Pk /mnt/sda2`, in bytes; null when the output is not df's. */
export function readDataDf(output: string): { sizeBytes: number; usedBytes: number; availableBytes: number; percent: number } | null {
  const line = output.split('\n').map((l) => l.trim()).find((l) => /^\S+\s+\d+\s+\d+\s+\d+\s+\d+%/.test(l));
  if (!line) return null;
  const [, size = '0', used = '0', available = '0', percent = '0'] = line.split(/\s+/);
  return { sizeBytes: Number(size) * 1024, usedBytes: Number(used) * 1024, availableBytes: Number(available) * 1024, percent: parseInt(percent, 10) };
}
