import { posix } from 'node:path';

/**
 * The relative path of an archive entry, as safe segments under the target folder; [] for the folder itself.
 * Returns undefined for a path that would leave it: absolute, with `..`, or with characters that mean a
 * separator or a drive on this machine.
 */
export function entrySegments(name: string, platform: NodeJS.Platform = process.platform): string[] | undefined {
  if (name.includes('\0') || name.startsWith('/')) return undefined;
  const segments = name.split('/').filter((s) => s !== '' && s !== '.');
  for (const segment of segments) {
    if (segment === '..' || segment.includes('\\')) return undefined;
    if (platform === 'win32' && (segment.includes(':') || /[<>"|?*]/.test(segment) || /[. ]$/.test(segment))) return undefined;
  }
  return segments;
}

/** Whether a symlink at `entry` (safe segments) pointing to `target` stays inside the target folder, read lexically. */
export function symlinkStaysInside(entry: readonly string[], target: string): boolean {
  if (target === '' || target.includes('\0') || target.startsWith('/') || target.includes('\\')) return false;
  const resolved = posix.normalize(posix.join(...entry.slice(0, -1), target));
  return resolved !== '..' && !resolved.startsWith('../') && !posix.isAbsolute(resolved);
}
