import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlatformSpec } from './labSpec';
import { inPlatform } from './platformNamespace';
import { run } from './run';

export const SSH_PORT = 22;

/** A fresh host key for the platform, in the format its SSH server reads. */
export async function makeHostKey(dir: string, kind: PlatformSpec['sshServer']): Promise<void> {
  if (kind === 'openssh') {
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'ap-lab', '-f', join(dir, 'ssh', 'ssh_host_ed25519_key')]);
  } else {
    await run('dropbearkey', ['-t', 'ed25519', '-f', join(dir, 'ssh', 'dropbear_ed25519_host_key')]);
  }
}

function sshdConfig(dir: string): string {
  return [
    `Port ${SSH_PORT}`,
    'ListenAddress 0.0.0.0',
    `HostKey ${join(dir, 'ssh', 'ssh_host_ed25519_key')}`,
    `PidFile ${join(dir, 'run', 'sshd.pid')}`,
    'PermitRootLogin no',
    'PasswordAuthentication yes',
    'KbdInteractiveAuthentication yes',
    'UsePAM yes',
    'PrintMotd no',
    'Subsystem sftp /usr/lib/openssh/sftp-server',
    '',
  ].join('\n');
}

/** Starts the platform's SSH server inside its namespaces: OpenSSH with SFTP, or dropbear with SCP only. */
export async function startSshServer(name: string, dir: string, kind: PlatformSpec['sshServer']): Promise<void> {
  if (kind === 'openssh') {
    const config = join(dir, 'ssh', 'sshd_config');
    await writeFile(config, sshdConfig(dir));
    await inPlatform(name, ['/usr/sbin/sshd', '-f', config]);
  } else {
    await inPlatform(name, ['/usr/sbin/dropbear', '-r', join(dir, 'ssh', 'dropbear_ed25519_host_key'), '-p', String(SSH_PORT), '-P', join(dir, 'run', 'dropbear.pid'), '-w']);
  }
  await listening(name);
}

/** sshd forks into the background before it binds its port: wait until the platform's namespace has the listener. */
async function listening(name: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await inPlatform(name, ['ss', '-Hltn', `sport = :${SSH_PORT}`], { allowFailure: true })).stdout.trim() === '') {
    if (Date.now() > deadline) throw new Error(`The SSH server of ${name} did not listen on port ${SSH_PORT} within ${timeoutMs / 1000} s.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
