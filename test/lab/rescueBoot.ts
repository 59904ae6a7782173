import { join } from 'node:path';
import { platformDir } from './labPaths';
import { inPlatform } from './platformNamespace';
import { run } from './run';

const image = (name: string) => join(platformDir(name), 'data.img');

/** Major and minor of a host block device, as mknod wants them. */
async function deviceNumbers(device: string): Promise<[string, string]> {
  const { stdout } = await run('stat', ['-L', '-c', '%t %T', device]);
  const [major = '7', minor = '0'] = stdout.trim().split(' ').map((hex) => String(parseInt(hex, 16)));
  return [major, minor];
}

/** The loop device that backs a platform's data image now, if one does. */
export async function dataLoopDevice(name: string): Promise<string | null> {
  const { stdout } = await run('losetup', ['-n', '-l', '-O', 'NAME,BACK-FILE'], { allowFailure: true });
  for (const line of stdout.split('\n')) {
    const [device, backing] = line.trim().split(/\s+/);
    if (device && backing === image(name)) return device;
  }
  return null;
}

/**
 * What booting the rescue system does to the data partition: nothing runs from it and it is not mounted.
 * The manager and PostgreSQL stop, /var/log and /mnt/sda2 are unmounted, and /dev/<device> is backed by a fresh loop device
 * (the lab's own one goes with the last unmount), so e2fsck can open it.
 */
export async function rescueBoot(name: string, device: string): Promise<void> {
  await inPlatform(name, ['/etc/init.d/S92manager', 'stop'], { allowFailure: true });
  await inPlatform(name, ['/etc/init.d/S50postgresql', 'stop'], { allowFailure: true });
  await inPlatform(name, ['umount', '/var/log']);
  await inPlatform(name, ['umount', '/mnt/sda2']);
  for (let i = 0; i < 50 && (await dataLoopDevice(name)); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  const loop = (await run('losetup', ['--find', '--show', image(name)])).stdout.trim();
  const [major, minor] = await deviceNumbers(loop);
  await inPlatform(name, ['rm', '-f', `/dev/${device}`]);
  await inPlatform(name, ['mknod', '-m', '660', `/dev/${device}`, 'b', major, minor]);
}

/** Booting normally again: the data partition mounted with /var/log on it, then PostgreSQL and the manager, as the AP's init does. */
export async function normalBoot(name: string, device: string): Promise<void> {
  await inPlatform(name, ['mount', `/dev/${device}`, '/mnt/sda2']);
  await inPlatform(name, ['mount', '--bind', '/mnt/sda2/log', '/var/log']);
  const loop = await dataLoopDevice(name);
  // Detached while mounted, the loop device goes with the last unmount, as the lab's own one does.
  if (loop) await run('losetup', ['-d', loop]);
  await inPlatform(name, ['/etc/init.d/S50postgresql', 'start']);
  await inPlatform(name, ['/etc/init.d/S92manager', 'start']);
}

/** The hypervisor's "expand the disk": the data image grows and the kernel sees the new size of its device. */
export async function growDataDisk(name: string, addMiB: number): Promise<void> {
  const loop = await dataLoopDevice(name);
  if (!loop) throw new Error(`No loop device backs ${name}'s data image.`);
  await run('truncate', ['-s', `+${addMiB}M`, image(name)]);
  await run('losetup', ['-c', loop]);
}
