import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { ext4State } from './faults';
import { platformDir } from './labPaths';
import { inPlatform } from './platformNamespace';
import { run } from './run';

const image = (name: string) => join(platformDir(name), 'data.img');
const rootImage = (name: string) => join(platformDir(name), 'root.img');
/** The root partition beside a data partition: sda2 → sda3, nvme0n1p2 → nvme0n1p3. */
export const rootDeviceOf = (dataDevice: string) => dataDevice.replace(/2$/, '3');

/** Major and minor of a host block device, as mknod wants them. */
async function deviceNumbers(device: string): Promise<[string, string]> {
  const { stdout } = await run('stat', ['-L', '-c', '%t %T', device]);
  const [major = '7', minor = '0'] = stdout.trim().split(' ').map((hex) => String(parseInt(hex, 16)));
  return [major, minor];
}

async function loopDeviceOf(file: string): Promise<string | null> {
  const { stdout } = await run('losetup', ['-n', '-l', '-O', 'NAME,BACK-FILE'], { allowFailure: true });
  for (const line of stdout.split('\n')) {
    const [device, backing] = line.trim().split(/\s+/);
    if (device && backing === file) return device;
  }
  return null;
}

/** The loop device that backs a platform's data image now, if one does. */
export const dataLoopDevice = (name: string) => loopDeviceOf(image(name));

/** /dev/<device> in the platform, backed by a new loop device on `file`. */
async function attachAsDevice(name: string, file: string, device: string): Promise<void> {
  const loop = (await run('losetup', ['--find', '--show', file])).stdout.trim();
  const [major, minor] = await deviceNumbers(loop);
  await inPlatform(name, ['rm', '-f', `/dev/${device}`]);
  await inPlatform(name, ['mknod', '-m', '660', `/dev/${device}`, 'b', major, minor]);
}

/**
 * The root partition as the rescue system sees it: an unmounted ext4 partition (lab platforms run on the host's root,
 * so a small image of its own stands in for it, made once and kept, so a fault set on it survives).
 */
async function attachRootPartition(name: string, device: string): Promise<void> {
  const file = rootImage(name);
  if (!(await access(file).then(() => true, () => false))) {
    await run('truncate', ['-s', '16M', file]);
    await run('mkfs.ext4', ['-q', '-F', '-L', 'root', file]);
  }
  await attachAsDevice(name, file, device);
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
  await attachAsDevice(name, image(name), device);
  await attachRootPartition(name, rootDeviceOf(device));
}

/** Booting normally again: the root partition in use as / (which the lab does not show), the data partition mounted with /var/log on it, then PostgreSQL and the manager, as the AP's init does. */
export async function normalBoot(name: string, device: string): Promise<void> {
  await inPlatform(name, ['rm', '-f', `/dev/${rootDeviceOf(device)}`]);
  const root = await loopDeviceOf(rootImage(name));
  if (root) await run('losetup', ['-d', root]);
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

/** The ext4 state of the stand-in root partition, read from its image (the platform has no /dev node for it once booted normally). */
export async function rootPartitionState(name: string): Promise<string> {
  return ext4State((await run('dumpe2fs', ['-h', rootImage(name)])).stdout);
}
