import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { shellCommand } from '../../electron/core/connect/shellQuote';
import { LAB_DIR, mountNsFile, netnsName } from './labPaths';
import { run } from './run';
import type { RunOptions, RunResult } from './run';

const DEVICE_NODES: ReadonlyArray<[string, number, number]> = [
  ['null', 1, 3],
  ['zero', 1, 5],
  ['full', 1, 7],
  ['random', 1, 8],
  ['urandom', 1, 9],
  ['tty', 5, 0],
];

/** The folder holding the mount-namespace files must be a private mount, or the kernel refuses to bind them. */
export async function ensureNamespaceFolder(): Promise<void> {
  const folder = dirname(mountNsFile('x'));
  await mkdir(folder, { recursive: true });
  const mounted = await run('findmnt', ['-n', '-M', folder], { allowFailure: true });
  if (mounted.code !== 0) {
    await run('mount', ['--bind', folder, folder]);
    await run('mount', ['--make-private', folder]);
  }
}

export interface NamespaceLayout {
  dir: string;
  loopDevice: string;
  dataDevice: string;
  hideSftp: boolean;
  /** What `uname -m` answers inside the platform (an ARM gateway's armv7l); the host's when left out. */
  machine?: string;
}

/** Lines of the shell script that lays out an App Platform's filesystem inside its own mount namespace. */
export function layoutScript({ dir, dataDevice, hideSftp, machine }: NamespaceLayout, major: number, minor: number): string[] {
  const sh = (...argv: string[]) => shellCommand(argv);
  const lines = ['set -e', sh('mount', '-t', 'tmpfs', '-o', 'mode=755', 'lab-dev', '/dev')];
  for (const [name, maj, min] of DEVICE_NODES) lines.push(sh('mknod', '-m', '666', `/dev/${name}`, 'c', String(maj), String(min)));
  lines.push(
    sh('mkdir', '/dev/pts', '/dev/shm'),
    sh('mount', '-t', 'devpts', '-o', 'newinstance,ptmxmode=0666,mode=0620', 'devpts', '/dev/pts'),
    sh('ln', '-s', 'pts/ptmx', '/dev/ptmx'),
    sh('mount', '-t', 'tmpfs', '-o', 'mode=1777', 'shm', '/dev/shm'),
    sh('mknod', '-m', '660', `/dev/${dataDevice}`, 'b', String(major), String(minor)),
    sh('mount', '-t', 'tmpfs', '-o', 'mode=755', 'lab-run', '/run'),
    sh('mkdir', '-p', '/run/sshd', '/run/postgresql'),
    sh('chown', 'postgres:postgres', '/run/postgresql'),
    sh('mount', '--bind', join(dir, 'init.d'), '/etc/init.d'),
    sh('mount', '-t', 'tmpfs', '-o', 'mode=755', 'lab-mnt', '/mnt'),
    sh('mkdir', '/mnt/sda1', '/mnt/sda2'),
    sh('mount', '--bind', join(dir, 'sda1'), '/mnt/sda1'),
    sh('mount', `/dev/${dataDevice}`, '/mnt/sda2'),
    sh('mkdir', '-p', '/mnt/sda2/log/apps', '/mnt/sda2/log/core_dumps'),
    sh('mount', '--bind', '/mnt/sda2/log', '/var/log'),
    sh('mount', '--bind', join(dir, 'home'), '/home'),
    sh('mount', '--bind', join(dir, 'apps'), '/apps'),
  );
  for (const file of ['passwd', 'shadow', 'group']) lines.push(sh('mount', '--bind', join(dir, 'etc', file), `/etc/${file}`));
  if (machine) lines.push(sh('mount', '--bind', join(dir, 'uname'), '/usr/bin/uname'));
  if (hideSftp) lines.push(sh('mount', '--bind', '/bin/false', '/usr/lib/sftp-server'), sh('mount', '--bind', '/bin/false', '/usr/lib/openssh/sftp-server'));
  return lines;
}

/** Creates the platform's persistent mount namespace (kept by a bind mount of its ns file) and lays it out; ensureNamespaceFolder first. */
export async function createMountNamespace(name: string, layout: NamespaceLayout): Promise<void> {
  await mkdir('/apps', { recursive: true });
  const nsFile = mountNsFile(name);
  await writeFile(nsFile, '');
  const { stdout } = await run('stat', ['-L', '-c', '%t %T', layout.loopDevice]);
  const [major, minor] = stdout.trim().split(' ').map((hex) => parseInt(hex, 16));
  if (layout.machine) {
    await run('cp', ['/usr/bin/uname', join(layout.dir, 'uname-real')]);
    await writeFile(join(layout.dir, 'uname'), `#!/bin/sh\nif [ "$*" = -m ]; then echo ${shellCommand([layout.machine])}; exit 0; fi\nexec ${shellCommand([join(layout.dir, 'uname-real')])} "$@"\n`, { mode: 0o755 });
  }
  const script = layoutScript(layout, major ?? 7, minor ?? 0).join('\n');
  await run('unshare', [`--mount=${nsFile}`, '--propagation', 'private', 'sh', '-c', script]);
  // Detaching a mounted loop device defers it to the last unmount: the image is freed with the namespace.
  await run('losetup', ['-d', layout.loopDevice]);
}

/** Runs a program inside a platform: its network and mount namespaces, as root. */
export function inPlatform(name: string, argv: readonly string[], options?: RunOptions): Promise<RunResult> {
  const [program, ...args] = argv;
  if (!program) throw new Error('inPlatform needs a program');
  return run('nsenter', [`--net=/run/netns/${netnsName(name)}`, `--mount=${mountNsFile(name)}`, '--', program, ...args], options);
}

/** The command lines of the processes running in the platform's network namespace. */
export async function processesIn(name: string): Promise<string[]> {
  const pids = (await run('ip', ['netns', 'pids', netnsName(name)], { allowFailure: true })).stdout.split('\n').filter(Boolean);
  const lines = await Promise.all(pids.map((pid) => readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')));
  return lines.map((line) => line.split('\0').join(' ').trim()).filter(Boolean);
}

/** Unmounts the namespace folder, as often as it was mounted. */
export async function releaseNamespaceFolder(): Promise<void> {
  for (let i = 0; i < 16; i++) {
    if ((await run('findmnt', ['-n', '-M', NAMESPACE_FOLDER], { allowFailure: true })).code !== 0) return;
    await run('umount', ['--lazy', NAMESPACE_FOLDER], { allowFailure: true });
  }
}

export async function removeMountNamespace(name: string): Promise<void> {
  await run('umount', ['--lazy', mountNsFile(name)], { allowFailure: true });
}

export const NAMESPACE_FOLDER = join(LAB_DIR, 'ns');
