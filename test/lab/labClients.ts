import { join } from 'node:path';
import { run } from './run';
import type { RunResult } from './run';

/** Real OpenSSH clients against lab platforms, with host keys pinned in the given known_hosts file on first use. */
export function sshOptions(knownHosts: string): string[] {
  return ['-o', 'StrictHostKeyChecking=accept-new', '-o', `UserKnownHostsFile=${knownHosts}`, '-o', 'LogLevel=ERROR', '-o', 'PubkeyAuthentication=no', '-o', 'ConnectTimeout=10'];
}

export function sshRun(knownHosts: string, address: string, user: string, password: string, command: string): Promise<RunResult> {
  return run('sshpass', ['-e', 'ssh', ...sshOptions(knownHosts), `${user}@${address}`, command], { allowFailure: true, env: { ...process.env, SSHPASS: password } });
}

export function sftpList(knownHosts: string, address: string, password: string, folder: string): Promise<RunResult> {
  return run('sshpass', ['-e', 'sftp', ...sshOptions(knownHosts), `admin@${address}`], { allowFailure: true, input: `ls ${folder}\n`, env: { ...process.env, SSHPASS: password } });
}

/** Legacy SCP (-O), which works where the server has no SFTP. */
export function scpFetch(knownHosts: string, address: string, password: string, remote: string, local: string): Promise<RunResult> {
  return run('sshpass', ['-e', 'scp', '-O', ...sshOptions(knownHosts), `admin@${address}:${remote}`, local], { allowFailure: true, env: { ...process.env, SSHPASS: password } });
}

export interface SuOutcome {
  result: string;
  output: string;
}

/** admin logs in, then `su root` answers the root password on the PTY, as partners do by hand. */
export async function suRoot(knownHosts: string, address: string, adminPassword: string, rootPassword: string, command: string): Promise<SuOutcome> {
  const { stdout } = await run('expect', [join(__dirname, 'suRoot.exp'), address, adminPassword, rootPassword, command, knownHosts], { allowFailure: true });
  return { result: /RESULT=(\S+)/.exec(stdout)?.[1] ?? 'none', output: (/OUTPUT=(.*)/.exec(stdout)?.[1] ?? '').trim() };
}
