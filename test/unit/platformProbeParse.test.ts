import { describe, expect, it } from 'vitest';
import { PlatformFacts } from '../../electron/core/platform/platformFacts';
import { ProbeOutputError } from '../../electron/core/platform/probeOutputError';
import { parseProbeOutput } from '../../electron/core/platform/probeParse';
import { PROBE_SECTIONS } from '../../electron/core/platform/probeScript';
import type { ProbeSection } from '../../electron/core/platform/probeScript';

/*
 * Whole probe outputs recorded on lab platforms (ps, mounts and meminfo shortened to what matters):
 * a VM probed as admin with GNU coreutils and procps, with a log folder admin cannot read; an arm64
 * gateway (NVMe data device) probed as root with busybox 1.35 applets only, its disk full, core dumps
 * with a space and a line break in their names, and a standby.conf that holds a password.
 */
const VM_NONCE = 'apcRecVm00000001';
const VM_ADMIN_GNU = `@apcRecVm00000001:probe:1
@apcRecVm00000001:s:id
1000

@apcRecVm00000001:x:id

@apcRecVm00000001:e:id:0
@apcRecVm00000001:s:clock
1796151935

@apcRecVm00000001:x:clock

@apcRecVm00000001:e:clock:0
@apcRecVm00000001:s:label
140029

@apcRecVm00000001:x:label

@apcRecVm00000001:e:label:0
@apcRecVm00000001:s:uptime
2310.94 2309.45

@apcRecVm00000001:x:uptime

@apcRecVm00000001:e:uptime:0
@apcRecVm00000001:s:loadavg
2.73 2.18 1.90 4/202 14516

@apcRecVm00000001:x:loadavg

@apcRecVm00000001:e:loadavg:0
@apcRecVm00000001:s:meminfo
MemTotal:       24683548 kB
MemFree:        22374840 kB
MemAvailable:   23667068 kB
Buffers:          108260 kB
Cached:          1226592 kB
SwapTotal:             0 kB

@apcRecVm00000001:x:meminfo

@apcRecVm00000001:e:meminfo:0
@apcRecVm00000001:s:cpus
0-1

@apcRecVm00000001:x:cpus

@apcRecVm00000001:e:cpus:0
@apcRecVm00000001:s:cpuinfo
2

@apcRecVm00000001:x:cpuinfo

@apcRecVm00000001:e:cpuinfo:0
@apcRecVm00000001:s:arch
x86_64

@apcRecVm00000001:x:arch

@apcRecVm00000001:e:arch:0
@apcRecVm00000001:s:mounts
/dev/vda / ext4 rw,relatime,discard,resv_strict,resuid=65534,resgid=65534 0 0
proc /proc proc rw,relatime 0 0
tmpfs /sys/fs/cgroup tmpfs rw,relatime,mode=755 0 0
devtmpfs /dev devtmpfs rw,relatime,size=12334172k,nr_inodes=3083543,mode=755 0 0
tmpfs /dev/shm tmpfs rw,relatime,size=24683548k 0 0
tmpfs /dev/shm tmpfs rw,relatime,size=24683548k 0 0
devpts /dev/pts devpts rw,relatime,mode=600,ptmxmode=000 0 0
devpts /dev/pts devpts rw,relatime,mode=600,ptmxmode=000 0 0
/dev/vda /run/netns ext4 rw,relatime,discard,resv_strict,resuid=65534,resgid=65534 0 0
/dev/vda /var/tmp/apc-lab-e/ns ext4 rw,relatime,discard,resv_strict,resuid=65534,resgid=65534 0 0
lab-dev /dev tmpfs rw,relatime,mode=755 0 0
devpts /dev/pts devpts rw,relatime,mode=620,ptmxmode=666 0 0
shm /dev/shm tmpfs rw,relatime 0 0
lab-run /run tmpfs rw,relatime,mode=755 0 0
/dev/vda /etc/init.d ext4 rw,relatime,discard,resv_strict,resuid=65534,resgid=65534 0 0
lab-mnt /mnt tmpfs rw,relatime,mode=755 0 0
/dev/vda /mnt/sda1 ext4 rw,relatime,discard,resv_strict,resuid=65534,resgid=65534 0 0
/dev/sda2 /mnt/sda2 ext4 rw,relatime 0 0
/dev/sda2 /var/log ext4 rw,relatime 0 0
/dev/vda /home ext4 rw,relatime,discard,resv_strict,resuid=65534,resgid=65534 0 0
/dev/vda /apps ext4 rw,relatime,discard,resv_strict,resuid=65534,resgid=65534 0 0
/dev/vda /etc/passwd ext4 rw,relatime,discard,resv_strict,resuid=65534,resgid=65534 0 0
/dev/vda /etc/shadow ext4 rw,relatime,discard,resv_strict,resuid=65534,resgid=65534 0 0
/dev/vda /etc/group ext4 rw,relatime,discard,resv_strict,resuid=65534,resgid=65534 0 0

@apcRecVm00000001:x:mounts

@apcRecVm00000001:e:mounts:0
@apcRecVm00000001:s:df
Filesystem     1024-blocks  Used Available Capacity Mounted on
/dev/sda2           235431 55160    176175      24% /mnt/sda2

@apcRecVm00000001:x:df

@apcRecVm00000001:e:df:0
@apcRecVm00000001:s:reserve
8388608

@apcRecVm00000001:x:reserve

@apcRecVm00000001:e:reserve:0
@apcRecVm00000001:s:logs
307\t/var/log/

@apcRecVm00000001:x:logs
du: cannot read directory '/var/log/apps/secret': Permission denied
@apcRecVm00000001:e:logs:1
@apcRecVm00000001:s:pgsql

@apcRecVm00000001:x:pgsql

@apcRecVm00000001:e:pgsql:98
@apcRecVm00000001:s:cores
r 1 0
r 2 same

@apcRecVm00000001:x:cores

@apcRecVm00000001:e:cores:0
@apcRecVm00000001:s:ps
  PID COMMAND
    1 /process_api --firecracker-init --addr 0.0.0.0:2024 --max-ws-buffer-size 32768 --block-local-connections --log-vsock-port 5002 --control-vsock-port 5001 -
    2 [kthreadd]
14247 /usr/sbin/dropbear -r /var/tmp/apc-lab-e/platforms/rec-gw/ssh/dropbear_ed25519_host_key -p 22 -P /var/tmp/apc-lab-e/platforms/rec-gw/run/dropbear.pid -w
14288 /usr/lib/postgresql/15/bin/postgres -D /mnt/sda2/pgsql
14289 postgres: checkpointer 
14290 postgres: background writer 
14292 postgres: walwriter 
14293 postgres: autovacuum launcher 
14294 postgres: logical replication launcher 
14431 /usr/bin/node --import /work/main/node_modules/tsx/dist/loader.mjs /work/main/test/lab/manager/managerMain.ts
14495 sshd: admin [priv]
14506 sshd: admin@notty

@apcRecVm00000001:x:ps

@apcRecVm00000001:e:ps:0
@apcRecVm00000001:s:procns
v 1
n 14288 same
n 14289 same
n 14290 same
n 14292 same
n 14293 same
n 14294 same

@apcRecVm00000001:x:procns

@apcRecVm00000001:e:procns:0
@apcRecVm00000001:s:standby

@apcRecVm00000001:x:standby

@apcRecVm00000001:e:standby:98
@apcRecVm00000001:done
`;

const GW_NONCE = 'apcRecGw00000001';
const GW_ROOT_BUSYBOX = `@apcRecGw00000001:probe:1
@apcRecGw00000001:s:id
0

@apcRecGw00000001:x:id

@apcRecGw00000001:e:id:0
@apcRecGw00000001:s:clock
1796151939

@apcRecGw00000001:x:clock

@apcRecGw00000001:e:clock:0
@apcRecGw00000001:s:label
140029

@apcRecGw00000001:x:label

@apcRecGw00000001:e:label:0
@apcRecGw00000001:s:uptime
2315.64 2309.95

@apcRecGw00000001:x:uptime

@apcRecGw00000001:e:uptime:0
@apcRecGw00000001:s:loadavg
2.91 2.23 1.91 1/226 14983

@apcRecGw00000001:x:loadavg

@apcRecGw00000001:e:loadavg:0
@apcRecGw00000001:s:meminfo
MemTotal:       24683548 kB
MemFree:        22479592 kB
MemAvailable:   23872400 kB
Buffers:          108380 kB
Cached:          1327124 kB
SwapTotal:             0 kB

@apcRecGw00000001:x:meminfo

@apcRecGw00000001:e:meminfo:0
@apcRecGw00000001:s:cpus
0-1

@apcRecGw00000001:x:cpus

@apcRecGw00000001:e:cpus:0
@apcRecGw00000001:s:cpuinfo
2

@apcRecGw00000001:x:cpuinfo

@apcRecGw00000001:e:cpuinfo:0
@apcRecGw00000001:s:arch
x86_64

@apcRecGw00000001:x:arch

@apcRecGw00000001:e:arch:0
@apcRecGw00000001:s:mounts
/dev/vda / ext4 rw,relatime,discard,resv_strict,resuid=65534,resgid=65534 0 0
proc /proc proc rw,relatime 0 0
tmpfs /sys/fs/cgroup tmpfs rw,relatime,mode=755 0 0
devtmpfs /dev devtmpfs rw,relatime,size=12334172k,nr_inodes=3083543,mode=755 0 0
tmpfs /dev/shm tmpfs rw,relatime,size=24683548k 0 0
tmpfs /dev/shm tmpfs rw,relatime,size=24683548k 0 0
devpts /dev/pts devpts rw,relatime,mode=600,ptmxmode=000 0 0
devpts /dev/pts devpts rw,relatime,mode=600,ptmxmode=000 0 0
/dev/vda /run/netns ext4 rw,relatime,discard,resv_strict,resuid=65534,resgid=65534 0 0
/dev/vda /var/tmp/apc-lab-e/ns ext4 rw,relatime,discard,resv_strict,resuid=65534,resgid=65534 0 0
lab-dev /dev tmpfs rw,relatime,mode=755 0 0
devpts /dev/pts devpts rw,relatime,mode=620,ptmxmode=666 0 0
shm /dev/shm tmpfs rw,relatime 0 0
lab-run /run tmpfs rw,relatime,mode=755 0 0
/dev/vda /etc/init.d ext4 rw,relatime,discard,resv_strict,resuid=65534,resgid=65534 0 0
lab-mnt /mnt tmpfs rw,relatime,mode=755 0 0
/dev/vda /mnt/sda1 ext4 rw,relatime,discard,resv_strict,resuid=65534,resgid=65534 0 0
/dev/nvme0n1p2 /mnt/sda2 ext4 rw,relatime 0 0
/dev/nvme0n1p2 /var/log ext4 rw,relatime 0 0
/dev/vda /home ext4 rw,relatime,discard,resv_strict,resuid=65534,resgid=65534 0 0
/dev/vda /apps ext4 rw,relatime,discard,resv_strict,resuid=65534,resgid=65534 0 0
/dev/vda /etc/passwd ext4 rw,relatime,discard,resv_strict,resuid=65534,resgid=65534 0 0
/dev/vda /etc/shadow ext4 rw,relatime,discard,resv_strict,resuid=65534,resgid=65534 0 0
/dev/vda /etc/group ext4 rw,relatime,discard,resv_strict,resuid=65534,resgid=65534 0 0
/dev/vda /usr/lib/openssh/sftp-server ext4 rw,relatime,discard,resv_strict,resuid=65534,resgid=65534 0 0
/dev/vda /usr/lib/openssh/sftp-server ext4 rw,relatime,discard,resv_strict,resuid=65534,resgid=65534 0 0

@apcRecGw00000001:x:mounts

@apcRecGw00000001:e:mounts:0
@apcRecGw00000001:s:df
Filesystem           1024-blocks    Used Available Capacity Mounted on
/dev/nvme0n1p2           25844     25188         1 100% /mnt/sda2

@apcRecGw00000001:x:df

@apcRecGw00000001:e:df:0
@apcRecGw00000001:s:reserve

@apcRecGw00000001:x:reserve

@apcRecGw00000001:e:reserve:97
@apcRecGw00000001:s:logs
13\t/var/log/

@apcRecGw00000001:x:logs

@apcRecGw00000001:e:logs:0
@apcRecGw00000001:s:pgsql

@apcRecGw00000001:x:pgsql

@apcRecGw00000001:e:pgsql:97
@apcRecGw00000001:s:cores
r 1 0
f 1793:18 5000 1796000000
f 1793:16 3000 1796000100
r 2 same
@apcRecGw00000001:p
/var/log/core_dumps/web server/core.77 two
lines
@apcRecGw00000001:q

@apcRecGw00000001:x:cores

@apcRecGw00000001:e:cores:0
@apcRecGw00000001:s:ps
PID   COMMAND
    1 /process_api --firecracker-init --addr 0.0.0.0:2024 --max-ws-buffer-size 32768 --block-local-connections --log-vsock-port 5002 --control-vsock-port 5001 -
    2 [kthreadd]
14247 /usr/sbin/dropbear -r /var/tmp/apc-lab-e/platforms/rec-gw/ssh/dropbear_ed25519_host_key -p 22 -P /var/tmp/apc-lab-e/platforms/rec-gw/run/dropbear.pid -w
14288 /usr/lib/postgresql/15/bin/postgres -D /mnt/sda2/pgsql
14289 postgres: checkpointer 
14290 postgres: background writer 
14292 postgres: walwriter 
14293 postgres: autovacuum launcher 
14294 postgres: logical replication launcher 
14431 /usr/bin/node --import /work/main/node_modules/tsx/dist/loader.mjs /work/main/test/lab/manager/managerMain.ts
14495 sshd: admin [priv]
14506 sshd: admin@notty
14767 /usr/sbin/dropbear -r /var/tmp/apc-lab-e/platforms/rec-gw/ssh/dropbear_ed25519_host_key -p 22 -P /var/tmp/apc-lab-e/platforms/rec-gw/run/dropbear.pid -w -
14895 /work/main/node_modules/pg13/native/bin/postgres -D /tmp/apc-repl-13-y3Pyhd/primary -p 37429 -k /tmp/apc-repl-13-y3Pyhd -h 127.0.0.1
14901 postgres: checkpointer 
14902 postgres: background writer 
14903 postgres: walwriter 
14904 postgres: autovacuum launcher 
14905 postgres: stats collector 
14906 postgres: logical replication launcher 

@apcRecGw00000001:x:ps

@apcRecGw00000001:e:ps:0
@apcRecGw00000001:s:procns
v 1
n 14288 other
n 14289 other
n 14290 other
n 14292 other
n 14293 other
n 14294 other
n 14895 other
n 14901 other
n 14902 other
n 14903 other
n 14904 other
n 14905 other
n 14906 other

@apcRecGw00000001:x:procns

@apcRecGw00000001:e:procns:0
@apcRecGw00000001:s:standby
{
  "primary": "10.0.0.5",
  "name": "standby1",
  "password": "s3cret-repl-pw",
}

@apcRecGw00000001:x:standby

@apcRecGw00000001:e:standby:0
@apcRecGw00000001:done
`;

interface SectionText {
  stdout: string;
  stderr?: string;
  code?: number;
}

/** The recording with one section replaced, framed as the script frames it. */
function withSection(recording: string, nonce: string, name: ProbeSection, section: SectionText): string {
  const begin = `@${nonce}:s:${name}\n`;
  const from = recording.indexOf(begin);
  const endPrefix = `\n@${nonce}:e:${name}:`;
  const endAt = recording.indexOf(endPrefix, from);
  const lineEnd = recording.indexOf('\n', endAt + endPrefix.length);
  if (from < 0 || endAt < 0 || lineEnd < 0) throw new Error(`no section ${name} in the recording`);
  const framed = `${begin}${section.stdout}\n@${nonce}:x:${name}\n${section.stderr ?? ''}\n@${nonce}:e:${name}:${section.code ?? 0}`;
  return recording.slice(0, from) + framed + recording.slice(lineEnd);
}

const vmWith = (name: ProbeSection, section: SectionText) => parseProbeOutput(withSection(VM_ADMIN_GNU, VM_NONCE, name, section), VM_NONCE);
const gwWith = (name: ProbeSection, section: SectionText) => parseProbeOutput(withSection(GW_ROOT_BUSYBOX, GW_NONCE, name, section), GW_NONCE);

function probeError(work: () => unknown): ProbeOutputError {
  try {
    work();
  } catch (error) {
    if (error instanceof ProbeOutputError) return error;
    throw error;
  }
  throw new Error('expected a ProbeOutputError');
}

describe('parseProbeOutput on recorded outputs', () => {
  it('reads a VM probed as admin with GNU tools; root-only facts are unknown with "needs root", never 0', () => {
    const facts = parseProbeOutput(VM_ADMIN_GNU, VM_NONCE);
    expect(PlatformFacts.parse(facts)).toEqual(facts);
    expect(facts.uid.value).toBe(1000);
    expect(facts.image.label.value).toBe('140029\n');
    expect(facts.image.build.value).toBe(140029);
    expect(facts.clockEpochSeconds.value).toBe(1796151935);
    expect(facts.uptimeSeconds.value).toBe(2310.94);
    expect(facts.load.value).toEqual({ one: 2.73, five: 2.18, fifteen: 1.9 });
    expect(facts.memory.totalBytes.value).toBe(24683548 * 1024);
    expect(facts.memory.availableBytes.value).toBe(23667068 * 1024);
    expect(facts.cpuCount.value).toBe(2);
    expect(facts.arch.value).toBe('x86_64');
    expect(facts.dataDevice.value).toEqual({ device: '/dev/sda2', fsType: 'ext4' });
    expect(facts.formFactor.value).toBe('vm');
    expect(facts.dataPartition.value).toEqual({ sizeBytes: 235431 * 1024, usedBytes: 55160 * 1024, availableBytes: 176175 * 1024, usePercent: 24 });
    expect(facts.reserveFile.value).toEqual({ present: true, sizeBytes: 8388608 });
    expect(facts.coreDumps.value).toEqual({ count: 0, totalBytes: 0, newest: null });
    for (const fact of [facts.logsBytes, facts.pgsqlBytes, facts.standbyConfig]) {
      expect(fact.value).toBeNull();
      expect(fact.unknown?.code).toBe('needs_root');
      expect(fact.unknown?.reason).toMatch(/^needs root/);
    }
    expect(facts.services.postgres.value).toEqual({ running: true, pids: [14288] });
    expect(facts.services.manager.value).toEqual({ running: false, pids: [] });
    expect(facts.services.webserver.value).toEqual({ running: false, pids: [] });
  });

  it('reads an arm64 gateway probed as root with busybox: NVMe device, full disk, odd core dump names, standby.conf', () => {
    const facts = parseProbeOutput(GW_ROOT_BUSYBOX, GW_NONCE);
    expect(facts.uid.value).toBe(0);
    expect(facts.dataDevice.value).toEqual({ device: '/dev/nvme0n1p2', fsType: 'ext4' });
    expect(facts.formFactor.value).toBe('gateway-arm64');
    expect(facts.dataPartition.value).toEqual({ sizeBytes: 25844 * 1024, usedBytes: 25188 * 1024, availableBytes: 1024, usePercent: 100 });
    expect(facts.reserveFile.value).toEqual({ present: false, sizeBytes: null });
    expect(facts.logsBytes.value).toBe(13 * 1024);
    expect(facts.pgsqlBytes.unknown?.code).toBe('missing');
    expect(facts.coreDumps.value).toEqual({
      count: 2,
      totalBytes: 8000,
      newest: { path: '/var/log/core_dumps/web server/core.77 two\nlines', mtimeEpochSeconds: 1796000100 },
    });
    expect(facts.standbyConfig.value).toEqual({ present: true, parsed: true, primaryHost: '10.0.0.5' });
    expect(JSON.stringify(facts)).not.toContain('s3cret-repl-pw');
  });

  it("does not count PostgreSQL of another mount namespace (another system on the same kernel) or processes gone meanwhile", () => {
    const facts = parseProbeOutput(GW_ROOT_BUSYBOX, GW_NONCE);
    expect(facts.services.postgres.value).toEqual({ running: false, pids: [] });
  });
});

describe('parseProbeOutput on cut, foreign or garbled output', () => {
  it('throws on every cut of the output, never returning a partial result', () => {
    const done = `@${VM_NONCE}:done\n`;
    expect(VM_ADMIN_GNU.endsWith(done)).toBe(true);
    for (let cut = 0; cut < VM_ADMIN_GNU.length; cut++) {
      const error = probeError(() => parseProbeOutput(VM_ADMIN_GNU.slice(0, cut), VM_NONCE));
      expect(['truncated', 'no_output']).toContain(error.problem);
    }
  });

  it('throws on output of another probe, output without markers and empty output', () => {
    expect(probeError(() => parseProbeOutput(GW_ROOT_BUSYBOX, VM_NONCE)).problem).toBe('corrupt');
    expect(probeError(() => parseProbeOutput('sh: syntax error: unexpected "("\n', VM_NONCE)).problem).toBe('corrupt');
    expect(probeError(() => parseProbeOutput('  \n', VM_NONCE)).problem).toBe('no_output');
  });

  it('throws when a section is missing, out of order, or has a garbled exit code', () => {
    const without = (name: ProbeSection) => {
      const from = VM_ADMIN_GNU.indexOf(`@${VM_NONCE}:s:${name}\n`);
      const next = VM_ADMIN_GNU.indexOf(`@${VM_NONCE}:s:`, from + 1);
      return VM_ADMIN_GNU.slice(0, from) + VM_ADMIN_GNU.slice(next);
    };
    for (const name of PROBE_SECTIONS.slice(0, -1)) expect(probeError(() => parseProbeOutput(without(name), VM_NONCE)).problem).toBe('corrupt');
    expect(probeError(() => parseProbeOutput(VM_ADMIN_GNU.replace(`:e:df:0`, ':e:df:x'), VM_NONCE)).problem).toBe('corrupt');
    expect(probeError(() => parseProbeOutput(VM_ADMIN_GNU.replace(`@${VM_NONCE}:probe:1`, `@${VM_NONCE}:probe:2`), VM_NONCE)).problem).toBe('corrupt');
  });

  it('throws when a section holds another marker of this probe', () => {
    const forged = withSection(VM_ADMIN_GNU, VM_NONCE, 'label', { stdout: `140029\n@${VM_NONCE}:e:label:0\n` });
    expect(probeError(() => parseProbeOutput(forged, VM_NONCE)).problem).toBe('corrupt');
  });

  it('reports a garbled tool output as that fact unknown, not as a number', () => {
    const df = vmWith('df', { stdout: 'Filesystem     1024-blocks  Used Available Capacity Mounted on\n/dev/sda2 235431 55x94 176141 24% /mnt/sda2\n' });
    expect(df.dataPartition).toMatchObject({ value: null, unknown: { code: 'unparseable' } });
    expect(vmWith('uptime', { stdout: 'soon\n' }).uptimeSeconds.unknown?.code).toBe('unparseable');
    expect(vmWith('logs', { stdout: '12\t/var/log/\n3\t/var/log/x\n' }).logsBytes.unknown?.code).toBe('unparseable');
    const cores = gwWith('cores', { stdout: 'r 1 0\nf 1793:18 5000 1796000000\n' });
    expect(cores.coreDumps.unknown?.code).toBe('unparseable');
  });
});

describe('parseProbeOutput on what a platform may lack', () => {
  // What ash, dash and bash print for a missing command, and what the script's helpers return for it.
  it('reports a missing tool by name', () => {
    const reserve = vmWith('reserve', { stdout: '', stderr: 'sh: stat: not found', code: 127 });
    expect(reserve.reserveFile.unknown).toEqual({ code: 'tool_missing', reason: expect.stringContaining('stat: not found') as string });
    const cores = gwWith('cores', { stdout: 'r 1 0\nu 127\nr 2 same\n', stderr: 'dash: 1: stat: not found' });
    expect(cores.coreDumps.unknown?.code).toBe('tool_missing');
    const services = vmWith('ps', { stdout: '', code: 127 }).services;
    expect([services.manager, services.webserver, services.postgres].map((s) => s.unknown?.code)).toEqual(['tool_missing', 'tool_missing', 'tool_missing']);
  });

  it('reports "needs root" for processes hidden by /proc (hidepid) when run as admin', () => {
    const facts = vmWith('procns', { stdout: 'v 0\n' });
    expect(facts.services.manager.unknown?.code).toBe('needs_root');
  });

  it('reports a kernel without MemAvailable as not reported, keeping MemTotal', () => {
    const facts = vmWith('meminfo', { stdout: 'MemTotal:         506152 kB\nMemFree:           91316 kB\nBuffers:           12000 kB\n' });
    expect(facts.memory.totalBytes.value).toBe(506152 * 1024);
    expect(facts.memory.availableBytes.unknown?.code).toBe('not_reported');
  });

  it('reads a longer label and says when it holds no build', () => {
    expect(vmWith('label', { stdout: 'app-platform-arm64 140029 sr3\n' }).image.build.value).toBe(140029);
    const short = vmWith('label', { stdout: '10024\n' });
    expect(short.image.label.value).toBe('10024\n');
    expect(short.image.build.unknown?.code).toBe('unparseable');
    const missing = vmWith('label', { stdout: '', code: 97 });
    expect(missing.image.build.unknown?.code).toBe('missing');
  });

  it('reports the data partition as not mounted when nothing is mounted at /mnt/sda2; the form factor then follows the architecture', () => {
    const mounts = 'lab-mnt /mnt tmpfs rw,relatime,mode=755 0 0\n/dev/vda / ext4 rw 0 0\n';
    const dfBelow = 'Filesystem     1024-blocks  Used Available Capacity Mounted on\nlab-mnt           12341724     0  12341724       0% /mnt\n';
    const facts = parseProbeOutput(withSection(withSection(GW_ROOT_BUSYBOX, GW_NONCE, 'mounts', { stdout: mounts }), GW_NONCE, 'df', { stdout: dfBelow }), GW_NONCE);
    expect(facts.dataDevice.unknown?.code).toBe('not_mounted');
    expect(facts.dataPartition.unknown?.code).toBe('not_mounted');
    expect(facts.formFactor.value).toBe('vm');
  });

  it('reads an ARM gateway by its architecture', () => {
    expect(gwWith('arch', { stdout: 'armv7l\n' }).formFactor.value).toBe('gateway-arm64');
    const arm = parseProbeOutput(
      withSection(withSection(GW_ROOT_BUSYBOX, GW_NONCE, 'arch', { stdout: 'armv7l\n' }), GW_NONCE, 'mounts', { stdout: '/dev/sda2 /mnt/sda2 ext4 rw 0 0\n' }),
      GW_NONCE,
    );
    expect(arm.formFactor.value).toBe('gateway-arm');
    expect(gwWith('arch', { stdout: 'mips\n' }).formFactor.value).toBe('gateway-arm64');
  });

  it('keeps a corrupt standby.conf as present but unparsed, without any of its text', () => {
    const facts = gwWith('standby', { stdout: '{"primary": "10.0.0.5", "password": "hunter2-secret' });
    expect(facts.standbyConfig.value).toEqual({ present: true, parsed: false, primaryHost: null });
    expect(JSON.stringify(facts)).not.toContain('hunter2');
  });

  it('reads permission denied as root as not readable, not as needs root', () => {
    const facts = gwWith('logs', { stdout: '13\t/var/log/\n', stderr: "du: can't open '/var/log/nfs': Permission denied", code: 1 });
    expect(facts.logsBytes.unknown?.code).toBe('not_readable');
  });
});
