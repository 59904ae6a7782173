import { chmod, chown, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlatformSpec } from './labSpec';
import { run } from './run';

const LAB_USERS = new Set(['root', 'admin']);

async function passwordHash(password: string): Promise<string> {
  const { stdout } = await run('openssl', ['passwd', '-6', '-stdin'], { input: `${password}\n` });
  return stdout.trim();
}

function withoutLabUsers(text: string, idField?: number): string[] {
  return text.split('\n').filter((line) => {
    const fields = line.split(':');
    return line && !LAB_USERS.has(fields[0] ?? '') && (idField === undefined || fields[idField] !== '1000');
  });
}

/** The platform's own /etc/passwd, /etc/shadow and /etc/group: the host's system users plus root and admin as on an AP. */
export async function writeAccounts(dir: string, spec: PlatformSpec): Promise<void> {
  const etc = join(dir, 'etc');
  await mkdir(etc, { recursive: true });
  const [passwd, shadow, group] = await Promise.all(['passwd', 'shadow', 'group'].map((file) => readFile(join('/etc', file), 'utf8')));
  const days = Math.floor(Date.now() / 86_400_000);
  await writeFile(join(etc, 'passwd'), [...withoutLabUsers(passwd ?? '', 2), 'root:x:0:0:root:/home/root:/bin/sh', 'admin:x:1000:1000:admin:/home/admin:/bin/sh', ''].join('\n'));
  await writeFile(
    join(etc, 'shadow'),
    [...withoutLabUsers(shadow ?? ''), `root:${await passwordHash(spec.rootPassword)}:${days}:0:99999:7:::`, `admin:${await passwordHash(spec.adminPassword)}:${days}:0:99999:7:::`, ''].join('\n'),
  );
  await chmod(join(etc, 'shadow'), 0o640);
  await writeFile(join(etc, 'group'), [...withoutLabUsers(group ?? '', 2), 'root:x:0:', 'admin:x:1000:', ''].join('\n'));
}

/** sda1's label (the image build), the home folders and the app binaries' folders. */
export async function writePlatformTree(dir: string, spec: PlatformSpec): Promise<void> {
  await mkdir(join(dir, 'sda1'), { recursive: true });
  await writeFile(join(dir, 'sda1', 'label'), `${spec.build}\n`);
  for (const home of ['home/admin', 'home/root', 'apps/manager', 'apps/webserver', 'run', 'ssh', 'init.d']) await mkdir(join(dir, home), { recursive: true });
  await chmod(join(dir, 'home', 'root'), 0o700);
  await chown(join(dir, 'home', 'admin'), 1000, 1000);
}

/** A sparse image file holding a real ext4 filesystem, the platform's data partition. */
export async function makeDataImage(dir: string, spec: PlatformSpec): Promise<string> {
  const image = join(dir, 'data.img');
  await run('truncate', ['-s', `${spec.diskMiB}M`, image]);
  await run('mkfs.ext4', ['-q', '-F', '-L', 'data', '-m', '0', image]);
  return image;
}
