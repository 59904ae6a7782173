import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { once } from 'node:events';
import type { Client } from 'ssh2';
import { ConnectError } from '../connectError';
import { exec, execStream } from '../sshExec';
import { quoteArg } from '../shellQuote';

export const UPLOAD_DIR = '/home/admin';
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * Copies a local file into admin's /home/admin (the wiki's SCP drop folder) through `cat` on an exec channel,
 * which OpenSSH and dropbear both run without SFTP; the copy's sha256 is checked on the platform.
 */
export async function uploadToAdminHome(client: Client, localPath: string, remoteName: string, signal?: AbortSignal): Promise<{ remotePath: string; sha256: string; bytes: number }> {
  if (!NAME.test(remoteName)) throw new ConnectError('local_failed', `"${remoteName}" is not a plain file name for /home/admin.`);
  let bytes: number;
  try {
    const facts = await stat(localPath);
    if (!facts.isFile()) throw new Error('not a file');
    bytes = facts.size;
  } catch {
    throw new ConnectError('local_failed', `${localPath} cannot be read on this computer. Pick the file again.`);
  }
  const remotePath = `${UPLOAD_DIR}/${remoteName}`;
  const part = `${remotePath}.part`;
  const hash = createHash('sha256');
  const upload = await execStream(client, `cat > ${quoteArg(part)}`, { signal, label: 'upload' });
  upload.channel.resume();
  for await (const chunk of createReadStream(localPath)) {
    hash.update(chunk as Buffer);
    if (!upload.channel.write(chunk)) await once(upload.channel, 'drain');
  }
  upload.channel.end();
  const { code } = await upload.done;
  if (code !== 0) throw new ConnectError('remote_failed', `Writing ${part} failed (exit ${code}). Check the free space on the platform and try again.`);
  const sha256 = hash.digest('hex');
  const check = await exec(client, `sha256sum ${quoteArg(part)} && mv -f ${quoteArg(part)} ${quoteArg(remotePath)}`, { signal, timeoutMs: 120_000 });
  const remoteSha = check.stdout.toString('utf8').slice(0, 64);
  if (check.code !== 0 || remoteSha !== sha256) {
    await exec(client, `rm -f ${quoteArg(part)}`, { timeoutMs: 30_000 }).catch(() => undefined);
    throw new ConnectError('verify_failed', `The copy of ${localPath} on the platform does not match (sha256 ${remoteSha || 'unreadable'}, expected ${sha256}). Try again.`);
  }
  return { remotePath, sha256, bytes };
}
