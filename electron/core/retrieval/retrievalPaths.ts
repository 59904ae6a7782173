import { isAbsolute, join, resolve } from 'node:path';
import { posix } from 'node:path';

/** The folders on a platform whose files the console may read or fetch. */
export const READABLE_ROOTS = ['/var/log', '/mnt/sda2/log', '/home/admin'] as const;

export type PathCheck = { ok: true; path: string } | { ok: false; reason: string };

/**
 * A platform path the console may read: absolute, without `.`/`..` steps or control characters, and under one of
 * READABLE_ROOTS. The path is normalised (repeated and trailing slashes removed), not resolved on the platform.
 */
export function checkRemotePath(path: string): PathCheck {
  if (!path.startsWith('/')) return { ok: false, reason: `${path} is not an absolute path on the platform: choose it from the log list.` };
  if (/[\0\r\n]/.test(path)) return { ok: false, reason: 'The path holds a line break or NUL byte, which the console does not send to a platform: download its folder instead.' };
  const steps = path.split('/').filter((step) => step !== '');
  if (steps.some((step) => step === '.' || step === '..')) return { ok: false, reason: `${path} holds "." or ".." steps: choose the file from the log list instead.` };
  const normal = `/${steps.join('/')}`;
  const inside = READABLE_ROOTS.some((root) => normal === root || normal.startsWith(`${root}/`));
  if (!inside) return { ok: false, reason: `${normal} lies outside ${READABLE_ROOTS.join(', ')}, the folders the console reads logs and dumps from; it was not touched.` };
  return { ok: true, path: normal };
}

/** Like checkRemotePath, but throws the reason. */
export function remotePathOrThrow(path: string, fail: (reason: string) => Error): string {
  const checked = checkRemotePath(path);
  if (!checked.ok) throw fail(checked.reason);
  return checked.path;
}

/** One name as a local folder or file name: letters, digits, dot, dash and underscore; never empty, `.` or `..`. */
export function safeName(name: string): string {
  const cleaned = name.normalize('NFC').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, (dots) => '_'.repeat(dots.length)).slice(0, 200);
  return cleaned === '' ? '_' : cleaned;
}

/** Where downloads of a platform go when the user names no folder: <dataDir>/downloads/<site>/<platform>/. */
export function downloadsFolder(dataDir: string, siteName: string, platformName: string): string {
  return join(dataDir, 'downloads', safeName(siteName), safeName(platformName));
}

/** The local place of a remote path below `base`: each step sanitised, so nothing leaves `base`. */
export function localPathFor(base: string, remotePath: string): string {
  const steps = posix.normalize(remotePath).split('/').filter((step) => step !== '');
  const local = join(resolve(base), ...steps.map(safeName));
  if (!local.startsWith(resolve(base))) throw new Error(`local path for ${remotePath} left ${base}`);
  return local;
}

/** A user's target folder, absolute. */
export function targetFolder(targetDir: string): string | null {
  return isAbsolute(targetDir) ? resolve(targetDir) : null;
}
