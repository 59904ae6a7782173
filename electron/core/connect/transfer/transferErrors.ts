import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { ConnectError, isConnectError } from '../connectError';
import { SFTP_NO_SUCH_FILE, SFTP_PERMISSION_DENIED, sftpErrorCode } from './sftpSession';

const FULL_DISK = new Set(['ENOSPC', 'EDQUOT']);

function errno(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A failure writing the local copy; a file's partial download stays for a resume (bytesKept null: nothing is kept). */
export function localFailure(error: unknown, localPath: string, bytesKept: number | null): ConnectError {
  if (isConnectError(error)) return error;
  const code = errno(error);
  const kept = bytesKept === null ? 'Nothing was kept.' : `The partial file ${basename(localPath)}.part keeps ${bytesKept} bytes; download again to continue from there.`;
  if (code && FULL_DISK.has(code)) return new ConnectError('local_failed', `The local disk is full while saving ${localPath}. Free some space. ${kept}`, { errno: code, bytesKept });
  if (code === 'EACCES' || code === 'EPERM') return new ConnectError('local_failed', `Cannot write ${localPath} here (permission denied). Choose a folder you may write to.`, { errno: code });
  if (code === 'EROFS') return new ConnectError('local_failed', `Cannot write ${localPath}: the local disk is read-only. Choose another folder.`, { errno: code });
  return new ConnectError('local_failed', `Saving ${localPath} failed (${code ?? (error instanceof Error ? error.message : String(error))}). ${kept}`, { errno: code, bytesKept });
}

/** The first line of what a remote tool printed, shortened: platform output, shown as is. */
export function firstLine(text: string): string {
  const line = text.replace(/\r/g, '').split('\n').find((l) => l.trim() !== '') ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line.trim();
}

/** A remote file that cannot be read, from what the platform answered. */
export function remoteReadFailure(remotePath: string, who: 'admin' | 'root', answer: string): ConnectError {
  if (/no such file|not found|does not exist/i.test(answer)) {
    return new ConnectError('remote_failed', `${remotePath} does not exist on the platform (any more). Check the path; the file may have been removed or rotated.`, { remotePath });
  }
  if (/permission denied|not permitted/i.test(answer)) {
    const hint = who === 'admin' ? ' Download it as root.' : '';
    return new ConnectError('remote_failed', `${who} may not read ${remotePath} on the platform.${hint}`, { remotePath });
  }
  const said = firstLine(answer);
  return new ConnectError('remote_failed', `Reading ${remotePath} on the platform failed${said ? ` (${said})` : ''}. Check the path and try again.`, { remotePath });
}

/** An SFTP failure, told the same way as the shell ones. */
export function sftpFailure(error: unknown, remotePath: string): ConnectError {
  const code = sftpErrorCode(error);
  if (code === SFTP_NO_SUCH_FILE) return remoteReadFailure(remotePath, 'admin', 'No such file');
  if (code === SFTP_PERMISSION_DENIED) return remoteReadFailure(remotePath, 'admin', 'Permission denied');
  return remoteReadFailure(remotePath, 'admin', error instanceof Error ? error.message : String(error));
}

/** A connection that dropped mid-transfer. */
export function connectionCut(what: string, bytes: number, total: number | null): ConnectError {
  const where = total === null ? `after ${bytes} bytes` : `at byte ${bytes} of ${total}`;
  return new ConnectError('disconnected', `The connection to the platform dropped while ${what} ${where}. The partial file is kept: download again to continue from there.`, { bytes, total });
}

/** Errors of the local filesystem carry a syscall; everything else came from the platform or the connection. */
export const isLocalError = (error: unknown): boolean => !isConnectError(error) && typeof (error as { syscall?: unknown } | null)?.syscall === 'string';

/** Makes a rename in the folder durable; not every system can sync a folder (Windows), and the rename is atomic anyway. */
export async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    await handle.sync().finally(() => handle.close());
  } catch {
    // best effort
  }
}
