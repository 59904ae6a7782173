import { describe, expect, it } from 'vitest';
import { readDfPortable } from '../../electron/core/platform/dfOutput';
import { readDuSummary } from '../../electron/core/platform/duOutput';
import { buildFromLabel } from '../../electron/core/platform/imageLabel';
import { readCount, readCpuList, readLoadAverage, readMeminfoBytes, readUptime } from '../../electron/core/platform/procFiles';
import { mountAt, readMounts } from '../../electron/core/platform/procMounts';
import { readProcessList } from '../../electron/core/platform/psOutput';

// Outputs recorded from GNU coreutils/procps and from busybox 1.35 (Debian), on lab platforms and on the build host.
const DF_GNU_VM = `Filesystem     1024-blocks  Used Available Capacity Mounted on
/dev/sda2           235431 55194    176141      24% /mnt/sda2
`;
const DF_BUSYBOX_GW_FULL = `Filesystem           1024-blocks    Used Available Capacity Mounted on
/dev/nvme0n1p2           25844     25188         1 100% /mnt/sda2
`;
const DF_GNU_GW_EMPTY = `Filesystem     1024-blocks  Used Available Capacity Mounted on
/dev/nvme0n1p2       25844    17     25172       1% /mnt/sda2
`;
const DF_BUSYBOX_GW_EMPTY = `Filesystem           1024-blocks    Used Available Capacity Mounted on
/dev/nvme0n1p2           25844        17     25172   0% /mnt/sda2
`;
/** df of a folder that is no mount point shows the filesystem it lies on. */
const DF_GNU_NOT_MOUNTED = `Filesystem     1024-blocks     Used Available Capacity Mounted on
/dev/vda         264212084 24415128  81975784      23% /
`;

describe('readDfPortable', () => {
  it('reads GNU df -kP in bytes, with Use% as df printed it', () => {
    expect(readDfPortable(DF_GNU_VM, '/mnt/sda2')).toEqual({
      ok: true,
      device: '/dev/sda2',
      partition: { sizeBytes: 235431 * 1024, usedBytes: 55194 * 1024, availableBytes: 176141 * 1024, usePercent: 24 },
    });
  });

  it('reads busybox df -kP, a full partition included', () => {
    expect(readDfPortable(DF_BUSYBOX_GW_FULL, '/mnt/sda2')).toEqual({
      ok: true,
      device: '/dev/nvme0n1p2',
      partition: { sizeBytes: 25844 * 1024, usedBytes: 25188 * 1024, availableBytes: 1024, usePercent: 100 },
    });
  });

  it("keeps each tool's own rounding of Use% (GNU rounds up, busybox to the nearest)", () => {
    const gnu = readDfPortable(DF_GNU_GW_EMPTY, '/mnt/sda2');
    const busybox = readDfPortable(DF_BUSYBOX_GW_EMPTY, '/mnt/sda2');
    expect(gnu.ok && gnu.partition.usePercent).toBe(1);
    expect(busybox.ok && busybox.partition.usePercent).toBe(0);
    expect(gnu.ok && busybox.ok && gnu.partition.usedBytes === busybox.partition.usedBytes).toBe(true);
  });

  it('says when the folder is not a mount point instead of reporting the filesystem below it', () => {
    expect(readDfPortable(DF_GNU_NOT_MOUNTED, '/mnt/sda2')).toMatchObject({ ok: false, problem: 'other_mount' });
  });

  it('refuses anything else: no header, human-readable sizes, cut lines, two filesystems', () => {
    for (const text of [
      '/dev/sda2 235431 55194 176141 24% /mnt/sda2\n',
      'Filesystem      Size  Used Avail Use% Mounted on\n/dev/sda2       230M   54M  172M  24% /mnt/sda2\n',
      DF_GNU_VM.slice(0, DF_GNU_VM.length - 12),
      `${DF_GNU_VM}/dev/sda3 1 1 0 100% /mnt/sda2\n`,
      'Filesystem     1024-blocks  Used Available Capacity Mounted on\n/dev/sda2 235431 55194 176141 124% /mnt/sda2\n',
      '',
    ]) {
      expect(readDfPortable(text, '/mnt/sda2').ok).toBe(false);
    }
  });
});

describe('readDuSummary', () => {
  it('reads du -sk of GNU coreutils and busybox in bytes', () => {
    expect(readDuSummary('46649\t/mnt/sda2/pgsql/\n', '/mnt/sda2/pgsql')).toBe(46649 * 1024);
    expect(readDuSummary('339\t/var/log/\n', '/var/log')).toBe(339 * 1024);
  });

  it('refuses another path, more than one line and missing tabs', () => {
    expect(readDuSummary('339\t/var/log\n', '/var/log')).toBeNull();
    expect(readDuSummary('339\t/var/log/\n12\t/var/log/x\n', '/var/log')).toBeNull();
    expect(readDuSummary('339 /var/log/\n', '/var/log')).toBeNull();
    expect(readDuSummary('', '/var/log')).toBeNull();
  });
});

// `ps -eo pid,args` of procps and of busybox, plain busybox `ps`, and procps with user and time columns.
const PS_PROCPS = `  PID COMMAND
    1 /sbin/init
    2 [kthreadd]
14288 /usr/lib/postgresql/15/bin/postgres -D /mnt/sda2/pgsql
14289 postgres: checkpointer 
14506 sshd: admin@notty
`;
const PS_BUSYBOX_O = `PID   COMMAND
    1 /process_api --firecracker-init --addr 0.0.0.0:2024
    2 [kthreadd]
12525 /usr/lib/postgresql/15/bin/postgres -D /mnt/sda2/pgsql
12526 postgres: checkpointer 
`;
const PS_BUSYBOX_PLAIN = `PID   USER     COMMAND
    1 root     /process_api --firecracker-init --addr 0.0.0.0:2024
  812 postgres /usr/lib/postgresql/15/bin/postgres -D /mnt/sda2/pgsql
  901 root     /apps/manager/manager
`;
const PS_USER_TIME = `  PID USER         TIME COMMAND
    1 root     00:00:14 /process_api --firecracker-init
  903 root     00:01:02 /apps/webserver/webserver -d /apps
`;

describe('readProcessList', () => {
  it('reads procps and busybox with -o pid,args', () => {
    expect(readProcessList(PS_PROCPS)).toEqual([
      { pid: 1, command: '/sbin/init' },
      { pid: 2, command: '[kthreadd]' },
      { pid: 14288, command: '/usr/lib/postgresql/15/bin/postgres -D /mnt/sda2/pgsql' },
      { pid: 14289, command: 'postgres: checkpointer ' },
      { pid: 14506, command: 'sshd: admin@notty' },
    ]);
    expect(readProcessList(PS_BUSYBOX_O)?.map((p) => p.pid)).toEqual([1, 2, 12525, 12526]);
  });

  it('skips the user and time columns of plain busybox ps and of other layouts', () => {
    expect(readProcessList(PS_BUSYBOX_PLAIN)).toEqual([
      { pid: 1, command: '/process_api --firecracker-init --addr 0.0.0.0:2024' },
      { pid: 812, command: '/usr/lib/postgresql/15/bin/postgres -D /mnt/sda2/pgsql' },
      { pid: 901, command: '/apps/manager/manager' },
    ]);
    expect(readProcessList(PS_USER_TIME)?.[1]).toEqual({ pid: 903, command: '/apps/webserver/webserver -d /apps' });
  });

  it('refuses a list without PID or command column, or with a line that has no pid', () => {
    expect(readProcessList('USER COMMAND\nroot init\n')).toBeNull();
    expect(readProcessList('PID COMMAND TTY\n1 init ?\n')).toBeNull();
    expect(readProcessList(`${PS_PROCPS}garbage line\n`)).toBeNull();
    expect(readProcessList('')).toBeNull();
  });
});

describe('readMounts and mountAt', () => {
  const MOUNTS = `lab-mnt /mnt tmpfs rw,relatime,mode=755 0 0
/dev/vda /mnt/sda1 ext4 rw,relatime 0 0
/dev/sda2 /mnt/sda2 ext4 rw,relatime 0 0
/dev/sda2 /var/log ext4 rw,relatime 0 0
/dev/sdb1 /media/my\\040disk vfat rw 0 0
`;

  it('finds the device and type mounted at a point, octal escapes decoded', () => {
    const entries = readMounts(MOUNTS);
    expect(mountAt(entries, '/mnt/sda2')).toMatchObject({ device: '/dev/sda2', fsType: 'ext4' });
    expect(mountAt(entries, '/media/my disk')).toMatchObject({ device: '/dev/sdb1', fsType: 'vfat' });
    expect(mountAt(entries, '/mnt/sda3')).toBeNull();
  });

  it('takes the top of stacked mounts', () => {
    const entries = readMounts(`${MOUNTS}/dev/nvme0n1p2 /mnt/sda2 ext4 rw 0 0\n`);
    expect(mountAt(entries, '/mnt/sda2')?.device).toBe('/dev/nvme0n1p2');
  });
});

describe('kernel files', () => {
  it('reads /proc/uptime and /proc/loadavg', () => {
    expect(readUptime('2315.64 2309.95\n')).toBe(2315.64);
    expect(readUptime('up 5 days\n')).toBeNull();
    expect(readLoadAverage('2.91 2.23 1.91 1/226 14983\n')).toEqual({ one: 2.91, five: 2.23, fifteen: 1.91 });
    expect(readLoadAverage('2.91 2.23\n')).toBeNull();
  });

  it('reads /proc/meminfo lines in bytes and tells a missing line from a garbled one', () => {
    const meminfo = 'MemTotal:       24683548 kB\nMemFree:        22479592 kB\nMemAvailable:   23872400 kB\n';
    expect(readMeminfoBytes(meminfo, 'MemTotal')).toBe(24683548 * 1024);
    expect(readMeminfoBytes(meminfo, 'MemAvailable')).toBe(23872400 * 1024);
    expect(readMeminfoBytes('MemTotal:  515000 kB\nMemFree:  1000 kB\n', 'MemAvailable')).toBeUndefined();
    expect(readMeminfoBytes('MemTotal:  lots\n', 'MemTotal')).toBeNull();
  });

  it('counts online CPUs from the kernel list, and grep -c counts', () => {
    expect(readCpuList('0-1\n')).toBe(2);
    expect(readCpuList('0\n')).toBe(1);
    expect(readCpuList('0,2-3\n')).toBe(3);
    expect(readCpuList('3-1\n')).toBeNull();
    expect(readCpuList('\n')).toBeNull();
    expect(readCount('2\n')).toBe(2);
    expect(readCount('two\n')).toBeNull();
  });
});

describe('buildFromLabel', () => {
  it('takes the label itself or a 6-digit number standing alone in a longer label', () => {
    expect(buildFromLabel('140029\n')).toBe(140029);
    expect(buildFromLabel('app-platform 14r2 140029 dvl\n')).toBe(140029);
    expect(buildFromLabel('image-130012-arm64')).toBe(130012);
  });

  it('finds none in shorter or longer digit runs, or in empty text', () => {
    expect(buildFromLabel('10024\n')).toBeNull();
    expect(buildFromLabel('1410593\n')).toBeNull();
    expect(buildFromLabel('')).toBeNull();
  });
});
