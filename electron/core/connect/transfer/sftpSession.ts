import type { Client, SFTPWrapper, Stats } from 'ssh2';

const PROBE_TIMEOUT_MS = 15_000;
const probes = new WeakMap<Client, Promise<SFTPWrapper | undefined>>();

function openSftp(client: Client): Promise<SFTPWrapper | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), PROBE_TIMEOUT_MS);
    try {
      client.sftp((error, sftp) => {
        clearTimeout(timer);
        if (error) resolve(undefined);
        else {
          sftp.on('error', () => undefined);
          sftp.on('close', () => probes.delete(client));
          resolve(sftp);
        }
      });
    } catch {
      clearTimeout(timer);
      resolve(undefined);
    }
  });
}

/** The connection's SFTP session, opened once and kept; undefined where the server has no SFTP subsystem (dropbear). */
export function sftpSession(client: Client): Promise<SFTPWrapper | undefined> {
  let probe = probes.get(client);
  if (!probe) {
    probe = openSftp(client);
    probes.set(client, probe);
    client.once('close', () => probes.delete(client));
  }
  return probe;
}

/** SFTP status codes ssh2 puts on its errors. */
export const SFTP_NO_SUCH_FILE = 2;
export const SFTP_PERMISSION_DENIED = 3;

export function sftpErrorCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

export function sftpStat(sftp: SFTPWrapper, path: string): Promise<Stats> {
  return new Promise((resolve, reject) => sftp.stat(path, (error, stats) => (error ? reject(error) : resolve(stats))));
}

export function sftpOpenRead(sftp: SFTPWrapper, path: string): Promise<Buffer> {
  return new Promise((resolve, reject) => sftp.open(path, 'r', (error, handle) => (error ? reject(error) : resolve(handle))));
}

const CLOSE_WAIT_MS = 5_000;

/** Closes a handle; gives up waiting after a while (a dropped connection never answers). */
export function sftpClose(sftp: SFTPWrapper, handle: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, CLOSE_WAIT_MS);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    try {
      sftp.close(handle, done);
    } catch {
      done();
    }
  });
}
