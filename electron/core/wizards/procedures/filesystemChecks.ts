import type { FormFactor } from '../../platform/platformFacts';
import { command } from '../remoteCommand';
import type { Arg } from '../remoteCommand';
import type { StepContext } from '../wizardTypes';

/** The data and root partitions the wiki's e2fsck lines name for a form factor (admin-facts P5). */
export function recoveryDevices(formFactor: FormFactor | null): { data: string; root: string } {
  return formFactor === 'gateway-arm64' ? { data: '/dev/nvme0n1p2', root: '/dev/nvme0n1p3' } : { data: '/dev/sda2', root: '/dev/sda3' };
}

/** The form factor in words, as the partner knows the hardware. */
export function formFactorText(formFactor: FormFactor | null): string {
  if (formFactor === 'gateway-arm64') return 'an arm64 gateway (IPx13)';
  if (formFactor === 'gateway-arm') return 'an ARM gateway (IPx10/IPx11)';
  if (formFactor === 'vm') return 'a VM';
  return 'a platform of unknown form factor';
}

/** The file system tools live in /sbin and /usr/sbin, which `su root` (not a login shell) may leave out of PATH. */
export const sbin = (program: string, ...args: Arg[]) => command('env', 'PATH=/usr/sbin:/usr/bin:/sbin:/bin', program, ...args);

/** `dumpe2fs -h` of a device: the ext4 superblock's state and size; null fields when it cannot be read. */
export async function superblock(ctx: StepContext, device: string): Promise<{ state: string | null; bytes: number | null }> {
  const { output } = await ctx.exec(sbin('dumpe2fs', '-h', device), { quiet: true });
  return readSuperblock(output);
}

export function readSuperblock(output: string): { state: string | null; bytes: number | null } {
  const state = /^Filesystem state:\s+(.+)$/m.exec(output)?.[1]?.trim() ?? null;
  const blocks = Number(/^Block count:\s+(\d+)/m.exec(output)?.[1] ?? NaN);
  const size = Number(/^Block size:\s+(\d+)/m.exec(output)?.[1] ?? NaN);
  return { state, bytes: Number.isFinite(blocks) && Number.isFinite(size) ? blocks * size : null };
}

/** Whether a block device exists on the platform. */
export async function blockDevice(ctx: StepContext, device: string): Promise<boolean> {
  return (await ctx.exec(command('test', '-b', device), { quiet: true })).code === 0;
}

/** Where a device is mounted: by name in /proc/mounts, and by its device number in /proc/self/mountinfo (the root file system may show as /dev/root). */
export async function mountsOf(ctx: StepContext, device: string): Promise<string[]> {
  const { output: numbers, code } = await ctx.exec(command('stat', '-L', '-c', '%t %T', device), { quiet: true });
  const [major, minor] = numbers.trim().split(/\s+/).map((hex) => parseInt(hex, 16));
  const id = code === 0 && Number.isInteger(major) && Number.isInteger(minor) ? `${major}:${minor}` : null;
  const { output: info } = await ctx.exec(command('cat', '/proc/self/mountinfo'), { quiet: true });
  const byNumber = id ? info.split('\n').map((line) => line.split(' ')).filter((f) => f[2] === id).map((f) => f[4] ?? '') : [];
  return [...new Set([...byNumber, ...(await mountTable(ctx)).filter((m) => m.device === device).map((m) => m.mount)])];
}

/** Whether anything is mounted at a path. */
export async function mountedAt(ctx: StepContext, path: string): Promise<boolean> {
  return (await mountTable(ctx)).some((m) => m.mount === path);
}

async function mountTable(ctx: StepContext): Promise<Array<{ device: string; mount: string }>> {
  const { output } = await ctx.exec(command('cat', '/proc/mounts'), { quiet: true });
  return output.split('\n').map((line) => line.trim().split(/\s+/)).filter((f) => f.length >= 2).map(([device = '', mount = '']) => ({ device, mount }));
}

/** e2fsck -p: 0 clean, 1 errors corrected, 2 corrected and a reboot is due; 4 and up: not repaired. */
export const e2fsckRepaired = (code: number) => code >= 0 && code <= 3;
