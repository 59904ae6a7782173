import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { platformDir } from './labPaths';
import type { PlatformSpec } from './labSpec';
import { writeCoreDumps } from './labLogs';
import { inPlatform } from './platformNamespace';
import { psqlAsPostgres, quoteLiteral } from './postgres';
import { run } from './run';
import { makeHostKey, startSshServer } from './sshServer';

const FILLER = '/mnt/sda2/lab-filler';
const RESERVE = '/mnt/sda2/empty_if_no_space';
const MANAGER = '/apps/manager/manager';
const BLOCK_MARKER = '/apps/manager/lab-block-on-core-dumps';
const MANAGER_VERSION = '/apps/manager/version';

const sh = (name: string, script: string, ...args: string[]) => inPlatform(name, ['sh', '-ec', script, 'sh', ...args]);

/** Fills the data partition to a percentage (1..100); 100 writes until ENOSPC. */
export async function fillDisk(name: string, percent: number): Promise<void> {
  if (!(percent > 0 && percent <= 100)) throw new Error('fill-disk takes a percentage from 1 to 100');
  await inPlatform(name, ['rm', '-f', FILLER]);
  if (percent === 100) {
    await inPlatform(name, ['dd', 'if=/dev/zero', `of=${FILLER}`, 'bs=4k'], { allowFailure: true });
    return;
  }
  // df's Use% is used / (used + available); aim at that, not at the raw size.
  const { stdout } = await inPlatform(name, ['df', '-B1', '--output=used,avail', '/mnt/sda2']);
  const [used = 0, avail = 0] = (stdout.trim().split('\n')[1] ?? '').trim().split(/\s+/).map(Number);
  const want = Math.floor(((used + avail) * percent) / 100) - used;
  if (want > 0) await inPlatform(name, ['fallocate', '-l', String(want), FILLER]);
}

export const healDisk = (name: string) => inPlatform(name, ['rm', '-f', FILLER]);

/** Fills the data partition to the last block as a crash loop does: a core dump of `coreDumpMiB`, then one big app log. */
export async function fillDiskWithLogs(name: string, service = 'webserver', coreDumpMiB = 64): Promise<{ coreDump: string; log: string }> {
  const coreDump = `/var/log/core_dumps/${service}/core.4242`;
  const log = `/var/log/apps/${service}/${service}.log.9`;
  await inPlatform(name, ['mkdir', '-p', `/var/log/core_dumps/${service}`, `/var/log/apps/${service}`]);
  await inPlatform(name, ['dd', 'if=/dev/zero', `of=${coreDump}`, 'bs=1M', `count=${coreDumpMiB}`], { allowFailure: true });
  await inPlatform(name, ['dd', 'if=/dev/zero', `of=${log}`, 'bs=64k'], { allowFailure: true });
  await inPlatform(name, ['sync']);
  return { coreDump, log };
}

export const removeReserve = (name: string) => inPlatform(name, ['rm', '-f', RESERVE]);

export async function restoreReserve(name: string, bytes: number): Promise<void> {
  await inPlatform(name, ['fallocate', '-l', String(bytes), RESERVE]);
}

export const stopPostgres = (name: string) => inPlatform(name, ['/etc/init.d/S50postgresql', 'stop']);
export const startPostgres = (name: string) => inPlatform(name, ['/etc/init.d/S50postgresql', 'start']);
export const stopManager = (name: string) => inPlatform(name, ['/etc/init.d/S92manager', 'stop']);
export const startManager = (name: string) => inPlatform(name, ['/etc/init.d/S92manager', 'start'], { allowFailure: true });

/** Drops all traffic between a platform and a peer address, both ways (iptables in the platform). */
export async function partition(name: string, peer: string): Promise<void> {
  await inPlatform(name, ['iptables', '-I', 'INPUT', '-s', peer, '-j', 'DROP']);
  await inPlatform(name, ['iptables', '-I', 'OUTPUT', '-d', peer, '-j', 'DROP']);
}

export async function healPartition(name: string, peer: string): Promise<void> {
  await inPlatform(name, ['iptables', '-D', 'INPUT', '-s', peer, '-j', 'DROP'], { allowFailure: true });
  await inPlatform(name, ['iptables', '-D', 'OUTPUT', '-d', peer, '-j', 'DROP'], { allowFailure: true });
}

/** Loss through iptables' statistic match; latency through netem, where the kernel has it. */
export async function degradeLink(name: string, options: { lossPercent?: number; delayMs?: number }): Promise<void> {
  await healLink(name);
  if (options.lossPercent) {
    await inPlatform(name, ['iptables', '-A', 'INPUT', '-i', 'eth0', '-m', 'statistic', '--mode', 'random', '--probability', String(options.lossPercent / 100), '-j', 'DROP', '-m', 'comment', '--comment', 'lab-loss']);
  }
  if (options.delayMs) {
    const netem = await inPlatform(name, ['tc', 'qdisc', 'replace', 'dev', 'eth0', 'root', 'netem', 'delay', `${options.delayMs}ms`], { allowFailure: true });
    if (netem.code !== 0) throw new Error(`Latency needs the kernel's netem queue (sch_netem), which this machine does not have: ${netem.stderr.trim()}`);
  }
}

export async function healLink(name: string): Promise<void> {
  const rules = (await inPlatform(name, ['iptables', '-S', 'INPUT'])).stdout.split('\n').filter((line) => line.includes('lab-loss'));
  for (const rule of rules) await inPlatform(name, ['iptables', ...rule.replace(/^-A /, '-D ').split(' ')]);
  await inPlatform(name, ['tc', 'qdisc', 'del', 'dev', 'eth0', 'root'], { allowFailure: true });
}

/** The 14r2 "manager/image mismatch": the manager binary cannot load libcrypto.so.3. */
export async function breakManager(name: string): Promise<void> {
  await sh(name, '[ -e "$1.lab-original" ] || cp -p "$1" "$1.lab-original"', MANAGER);
  await inPlatform(name, ['sh', '-ec', 'cat > "$1"; chmod 755 "$1"', 'sh', MANAGER], {
    input: '#!/bin/sh\necho "/apps/manager/manager: error while loading shared libraries: libcrypto.so.3: cannot open shared object file: No such file or directory" >&2\nexit 127\n',
  });
}

export async function repairManager(name: string): Promise<void> {
  await sh(name, '[ ! -e "$1.lab-original" ] || mv "$1.lab-original" "$1"', MANAGER);
}

/** Leaves core dumps behind and makes the manager refuse to start while they are there. */
export async function blockingCoreDumps(name: string, service = 'manager', count = 2, sizeKiB = 256): Promise<string[]> {
  const paths = await writeCoreDumps(name, service, count, sizeKiB);
  await inPlatform(name, ['touch', BLOCK_MARKER]);
  return paths;
}

export async function healCoreDumps(name: string): Promise<void> {
  await inPlatform(name, ['rm', '-f', BLOCK_MARKER]);
  await sh(name, 'rm -rf /var/log/core_dumps/*');
}

/** An uploaded webserver certificate in manager.config, as the AP Manager stores it: PEM chain, then the key. */
export async function customCertificate(name: string, commonName = 'custom-cert.lab'): Promise<void> {
  const { stdout } = await run('sh', ['-ec', 'd=$(mktemp -d); openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=$1" -keyout "$d/k" -out "$d/c" 2>/dev/null; cat "$d/c" "$d/k"; rm -rf "$d"', 'sh', commonName]);
  await psqlAsPostgres(name, 'manager', `INSERT INTO config (name, value) VALUES ('webserverCertificate', ${quoteLiteral(stdout)}) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value;\n`);
}

export const defaultCertificate = (name: string) => psqlAsPostgres(name, 'manager', "DELETE FROM config WHERE name = 'webserverCertificate';\n");

/** Sets the ext4 error flag on the data partition, so e2fsck has something to do. */
export async function dirtyFilesystem(name: string, device: string): Promise<void> {
  await inPlatform(name, ['tune2fs', '-E', 'force_fsck', `/dev/${device}`]);
}

export async function filesystemState(name: string, device: string): Promise<string> {
  return ext4State((await inPlatform(name, ['dumpe2fs', '-h', `/dev/${device}`])).stdout);
}

/** "clean", "not clean" or "clean with errors", from what `dumpe2fs -h` printed. */
export const ext4State = (dumpe2fs: string) => /Filesystem state:\s+(.*)/.exec(dumpe2fs)?.[1]?.trim() ?? 'unknown';

/** A new host key and a restarted SSH server: what the console sees after a reinstall or a spoof. */
export async function rotateHostKey(name: string, kind: PlatformSpec['sshServer']): Promise<void> {
  const dir = platformDir(name);
  const pidFile = join(dir, 'run', kind === 'openssh' ? 'sshd.pid' : 'dropbear.pid');
  const pid = Number((await readFile(pidFile, 'utf8')).trim());
  process.kill(pid, 'SIGTERM');
  await run('rm', ['-f', ...(kind === 'openssh' ? ['ssh_host_ed25519_key', 'ssh_host_ed25519_key.pub'] : ['dropbear_ed25519_host_key']).map((f) => join(dir, 'ssh', f))]);
  await makeHostKey(dir, kind);
  for (let i = 0; i < 50; i++) {
    try {
      process.kill(pid, 0);
      await new Promise((resolve) => setTimeout(resolve, 50));
    } catch {
      break;
    }
  }
  await startSshServer(name, dir, kind);
}

/** Changes admin's or root's password in the platform's shadow file, as Devices does. */
export async function setPassword(name: string, user: 'admin' | 'root', password: string): Promise<void> {
  const shadow = join(platformDir(name), 'etc', 'shadow');
  const { stdout: hash } = await run('openssl', ['passwd', '-6', '-stdin'], { input: `${password}\n` });
  const lines = (await readFile(shadow, 'utf8')).split('\n').map((line) => {
    const fields = line.split(':');
    if (fields[0] !== user) return line;
    fields[1] = hash.trim();
    return fields.join(':');
  });
  // Rewrite in place: the platform sees this inode through a bind mount.
  await writeFile(shadow, lines.join('\n'));
}

/** The AP Manager app at another version than the image's build (as after an App Store update), or back at the image's with null; the manager restarts. */
export async function setManagerVersion(name: string, version: string | null): Promise<void> {
  if (version === null) await inPlatform(name, ['rm', '-f', MANAGER_VERSION]);
  else await inPlatform(name, ['sh', '-ec', 'printf "%s\\n" "$2" > "$1"', 'sh', MANAGER_VERSION, version]);
  await inPlatform(name, ['/etc/init.d/S92manager', 'restart']);
}

/** Writes another image build into /mnt/sda1/label (e.g. one in the dangerous resize range). */
export async function setBuild(name: string, build: number): Promise<void> {
  await writeFile(join(platformDir(name), 'sda1', 'label'), `${build}\n`);
}
