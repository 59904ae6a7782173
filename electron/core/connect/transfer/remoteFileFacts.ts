import type { SFTPWrapper } from 'ssh2';
import { ConnectError } from '../connectError';
import { parseSha256, parseStat, prefixSha256Shell, sha256Shell, statWithClockShell } from './remoteCommands';
import type { RemoteStat } from './remoteCommands';
import type { RemoteShell } from './remoteShell';
import { sftpStat } from './sftpSession';
import { firstLine, remoteReadFailure, sftpFailure } from './transferErrors';

/** Size, mtime and kind of the remote file and the platform's clock, through the shell with the transfer's rights. */
export async function shellStat(shell: RemoteShell, remotePath: string, signal?: AbortSignal): Promise<RemoteStat> {
  const result = await shell.runShell(statWithClockShell(remotePath), signal);
  const stat = result.code === 0 ? parseStat(result.output) : undefined;
  if (!stat) throw remoteReadFailure(remotePath, shell.who, `${result.errors}\n${result.output}`);
  return stat;
}

export async function sftpFileStat(sftp: SFTPWrapper, remotePath: string): Promise<RemoteStat> {
  try {
    const stats = await sftpStat(sftp, remotePath);
    return { size: stats.size, mtime: stats.mtime, isFile: stats.isFile(), isDirectory: stats.isDirectory() };
  } catch (error) {
    throw sftpFailure(error, remotePath);
  }
}

/** The platform's own SHA-256 of the file (sha256sum, or openssl where that is missing). */
export async function remoteSha256(shell: RemoteShell, remotePath: string, signal?: AbortSignal): Promise<string> {
  const result = await shell.runShell(sha256Shell(remotePath), signal);
  const sum = result.code === 0 ? parseSha256(result.output) : undefined;
  if (sum) return sum;
  const said = `${result.errors}\n${result.output}`;
  if (/no such file|permission denied/i.test(said)) throw remoteReadFailure(remotePath, shell.who, said);
  throw new ConnectError('verify_failed', `The platform could not compute the SHA-256 of ${remotePath}${firstLine(said) ? ` (${firstLine(said)})` : ''}, so the download cannot be verified. The partial file is kept.`, { remotePath });
}

/** The SHA-256 of the file's first `length` bytes: a file that only grew still matches what was read. */
export async function remotePrefixSha256(shell: RemoteShell, remotePath: string, length: number, signal?: AbortSignal): Promise<string | undefined> {
  const result = await shell.runShell(prefixSha256Shell(remotePath, length), signal);
  return result.code === 0 ? parseSha256(result.output) : undefined;
}
