import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRootSession } from '../../../electron/core/connect/root/rootSession';
import type { RootSession } from '../../../electron/core/connect/root/rootSession';
import { shellCommand } from '../../../electron/core/connect/shellQuote';
import type { SshLink } from '../../../electron/core/connect/sshConnect';
import { dangerousResizeBuild } from '../../../electron/core/platform/buildGates';
import type { PlatformFacts } from '../../../electron/core/platform/platformFacts';
import { adminShellOf, probePlatform } from '../../../electron/core/platform/probePlatform';
import type { AdminProbeShell, ProbeShell, RootProbeShell } from '../../../electron/core/platform/probePlatform';
import {
  blockingCoreDumps,
  fillDisk,
  healCoreDumps,
  healDisk,
  removeReserve,
  restoreReserve,
  setBuild,
  startManager,
  startPostgres,
  stopManager,
  stopPostgres,
} from '../../lab/faults';
import { platformDir } from '../../lab/labPaths';
import { writeInPlatform } from '../../lab/platformFilesRemote';
import { inPlatform } from '../../lab/platformNamespace';
import { isRoot, startConnectLab } from '../connect/connectLab';
import type { ConnectLab } from '../connect/connectLab';

const runLocal = promisify(execFile);

const VM = 'probe-vm';
const GW = 'probe-gw';
const ROOT_PASSWORD = 'iplinux';
const MiB = 1024 * 1024;
/** Command lines as pgrep -f sees them; anchored, so the shell running pgrep never matches itself. */
const POSTMASTER = '^/usr/lib/postgresql/[0-9]+/bin/postgres ';
const MANAGER = '^/apps/manager/manager( |$)';
const WEBSERVER = '^/apps/webserver/webserver( |$)';

/** Runs shell text inside the platform as root and returns its stdout, trimmed: the platform's own answer. */
async function inside(name: string, script: string): Promise<string> {
  return (await inPlatform(name, ['sh', '-c', script])).stdout.trim();
}

/** Whether admin could run the command inside the platform (exit code 0). */
async function adminCan(name: string, argv: readonly string[]): Promise<boolean> {
  return (await inPlatform(name, ['runuser', '-u', 'admin', '--', ...argv], { allowFailure: true })).code === 0;
}

const number = async (name: string, script: string) => Number(await inside(name, script));

/** df's own figures in bytes (GNU df, other units and columns than the probe asks for). */
async function dfBytes(name: string): Promise<{ size: number; used: number; avail: number; percent: number }> {
  const [size = 0, used = 0, avail = 0, percent = 0] = (await inside(name, 'df -B1 --output=size,used,avail,pcent /mnt/sda2 | tail -n 1 | tr -d %')).split(/\s+/).map(Number);
  return { size, used, avail, percent };
}

/** Regular files in the core dump folders, each inode once: count, bytes, newest mtime and the names with that mtime. */
async function coreDumpsInside(name: string): Promise<{ count: number; bytes: number; newest: number; newestNames: string[] }> {
  const out = (await inPlatform(name, ['sh', '-c', 'find /var/log/core_dumps /mnt/sda2/log/core_dumps -mindepth 2 -maxdepth 2 -type f -printf "%D:%i %s %T@ %p\\0" 2>/dev/null; true'])).stdout;
  const files = new Map<string, { size: number; mtime: number; path: string }>();
  for (const record of out.split('\0').filter(Boolean)) {
    const [key = '', size = '', mtime = '', ...rest] = record.split(' ');
    if (!files.has(key)) files.set(key, { size: Number(size), mtime: Math.floor(Number(mtime)), path: rest.join(' ') });
  }
  const list = [...files.values()];
  const newest = Math.max(-1, ...list.map((f) => f.mtime));
  return { count: list.length, bytes: list.reduce((s, f) => s + f.size, 0), newest, newestNames: list.filter((f) => f.mtime === newest).map((f) => f.path) };
}

/** Pids of processes in the platform's own mount namespace whose command line matches (pgrep, independent of ps). */
async function pgrepInside(name: string, pattern: string): Promise<number[]> {
  const out = await inside(name, `pgrep --ns $$ --nslist mnt -f ${shellCommand([pattern])} || true`);
  return out.split('\n').filter(Boolean).map(Number).sort((a, b) => a - b);
}

/** PostgreSQL's postmaster, as its own pid file names it; null when it is not running. */
async function postmasterPid(name: string): Promise<number | null> {
  const out = await inside(name, 'head -n 1 /mnt/sda2/pgsql/postmaster.pid 2>/dev/null || true');
  return out ? Number(out) : null;
}

/** Polls until the condition holds (a process takes a moment to go); gives up after a generous while. */
async function eventually(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await condition()); i++) await new Promise((resolve) => setTimeout(resolve, 100));
}

function expectClose(actual: number | null, expected: number, tolerance: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThanOrEqual(tolerance);
}

describe.skipIf(!isRoot)('the platform probe against lab platforms', () => {
  let lab: ConnectLab;
  let busyboxDir: string;
  const links = new Map<string, SshLink>();
  const roots = new Map<string, RootSession>();
  const admin = (name: string): AdminProbeShell => adminShellOf(links.get(name)?.client ?? fail(name));
  const root = (name: string): RootProbeShell => roots.get(name) ?? fail(name);
  const fail = (name: string): never => {
    throw new Error(`no session for ${name}`);
  };
  const probe = async (shell: ProbeShell): Promise<PlatformFacts> => (await probePlatform(shell)).facts;

  /** The same shell, running the script with busybox sh and nothing but busybox applets on PATH. */
  const underBusybox = (shell: ProbeShell): ProbeShell => {
    const wrap = (text: string) => shellCommand(['env', `PATH=${busyboxDir}`, '/usr/bin/busybox', 'sh', '-c', text]);
    return 'exec' in shell ? { exec: (command, options) => shell.exec(wrap(command), options) } : { run: ({ shell: text }, options) => shell.run({ shell: wrap(text) }, options) };
  };

  beforeAll(async () => {
    lab = await startConnectLab({
      platforms: [
        { name: VM, diskMiB: 128 },
        { name: GW, sshServer: 'dropbear', kind: 'light', formFactor: 'gateway-arm64', diskMiB: 32 },
      ],
    });
    for (const name of [VM, GW]) {
      await lab.trust(lab.target(name));
      const link = await lab.connect(name);
      links.set(name, link);
      roots.set(name, await openRootSession(link.client, ROOT_PASSWORD, { platformId: name }));
    }
    busyboxDir = await mkdtemp(join(tmpdir(), 'apc-probe-busybox-'));
    await chmod(busyboxDir, 0o755);
    const { stdout } = await runLocal('/usr/bin/busybox', ['--list']);
    for (const applet of stdout.split('\n').filter(Boolean)) await symlink('/usr/bin/busybox', join(busyboxDir, applet));
  });

  afterAll(async () => {
    for (const session of roots.values()) session.close();
    await lab?.stop();
    if (busyboxDir) await rm(busyboxDir, { recursive: true, force: true });
  });

  /** The facts any user can read, checked against the platform's own tools. */
  async function expectCommonFacts(name: string, facts: PlatformFacts, window: { before: number[]; after: number[] }): Promise<void> {
    const label = await readFile(join(platformDir(name), 'sda1', 'label'), 'utf8');
    expect(facts.image.label.value).toBe(label);
    expect(facts.image.build.value).toBe(Number(label.trim()));
    expect(facts.arch.value).toBe(await inside(name, 'arch'));
    expect(facts.cpuCount.value).toBe(await number(name, 'getconf _NPROCESSORS_ONLN'));
    expect(facts.memory.totalBytes.value).toBe((await number(name, "awk '/^MemTotal:/ { print $2 }' /proc/meminfo")) * 1024);
    expectClose(facts.memory.availableBytes.value, (await number(name, "awk '/^MemAvailable:/ { print $2 }' /proc/meminfo")) * 1024, 512 * MiB);
    const [upBefore = 0, loadBefore = 0] = window.before;
    const [upAfter = 0, loadAfter = 0] = window.after;
    expect(facts.uptimeSeconds.value).toBeGreaterThanOrEqual(upBefore);
    expect(facts.uptimeSeconds.value).toBeLessThanOrEqual(upAfter);
    expect(facts.load.value?.one).toBeGreaterThanOrEqual(Math.min(loadBefore, loadAfter) - 0.5);
    expect(facts.load.value?.one).toBeLessThanOrEqual(Math.max(loadBefore, loadAfter) + 0.5);
    const [source, fsType] = (await inside(name, 'findmnt -n -o SOURCE,FSTYPE --mountpoint /mnt/sda2')).split(/\s+/);
    expect(facts.dataDevice.value).toEqual({ device: source, fsType });
    expect(`/dev/${lab.platform(name).dataDevice}`).toBe(source);
    expect(facts.formFactor.value).toBe(lab.platform(name).formFactor);
    const df = await dfBytes(name);
    expect(facts.dataPartition.value?.sizeBytes).toBe(df.size);
    expectClose(facts.dataPartition.value?.usedBytes ?? null, df.used, 2 * MiB);
    expectClose(facts.dataPartition.value?.availableBytes ?? null, df.avail, 2 * MiB);
    const partition = facts.dataPartition.value;
    if (partition) expect(partition.usePercent).toBe(Math.ceil((partition.usedBytes * 100) / (partition.usedBytes + partition.availableBytes)));
    const cores = await coreDumpsInside(name);
    expect(facts.coreDumps.value?.count).toBe(cores.count);
    expect(facts.coreDumps.value?.totalBytes).toBe(cores.bytes);
  }

  const kernelWindow = async (name: string) => (await inside(name, "awk '{ print $1 }' /proc/uptime; awk '{ print $1 }' /proc/loadavg")).split('\n').map(Number);

  async function probeWithin(name: string, shell: ProbeShell) {
    const before = await kernelWindow(name);
    const result = await probePlatform(shell);
    const after = await kernelWindow(name);
    return { result, window: { before, after } };
  }

  it('as admin on the VM: every figure as the platform reports it, root-only facts "needs root"', async () => {
    const { result, window } = await probeWithin(VM, admin(VM));
    const facts = result.facts;
    expect(result.ranAs).toBe('admin');
    expect(facts.uid.value).toBe(await number(VM, 'id -u admin'));
    await expectCommonFacts(VM, facts, window);
    expect(Math.abs(result.clockSkewSeconds ?? 99)).toBeLessThanOrEqual(result.clockSkewToleranceSeconds);
    expect(facts.reserveFile.value).toEqual({ present: true, sizeBytes: await number(VM, 'stat -c %s /mnt/sda2/empty_if_no_space') });

    expect(await adminCan(VM, ['du', '-sk', '/mnt/sda2/pgsql/'])).toBe(false);
    expect(facts.pgsqlBytes).toMatchObject({ value: null, unknown: { code: 'needs_root' } });
    expect(await adminCan(VM, ['test', '-x', '/home/root'])).toBe(false);
    expect(facts.standbyConfig).toMatchObject({ value: null, unknown: { code: 'needs_root' } });
    if (await adminCan(VM, ['du', '-sk', '/var/log/'])) expectClose(facts.logsBytes.value, (await number(VM, 'du -sk /var/log/ | cut -f1')) * 1024, 256 * 1024);
    else expect(facts.logsBytes.unknown?.code).toBe('needs_root');

    const postmaster = await postmasterPid(VM);
    expect(postmaster).not.toBeNull();
    expect(facts.services.postgres.value).toEqual({ running: true, pids: [postmaster] });
    expect(facts.services.manager.value?.pids).toEqual(await pgrepInside(VM, MANAGER));
    expect(facts.services.webserver.value?.pids).toEqual(await pgrepInside(VM, WEBSERVER));
  });

  it('as root on the VM: PostgreSQL\'s folder, the logs and standby.conf are read', async () => {
    const { result, window } = await probeWithin(VM, root(VM));
    const facts = result.facts;
    expect(result.ranAs).toBe('root');
    expect(facts.uid.value).toBe(0);
    await expectCommonFacts(VM, facts, window);
    expectClose(facts.pgsqlBytes.value, (await number(VM, 'du -sk /mnt/sda2/pgsql/ | cut -f1')) * 1024, 2 * MiB);
    expectClose(facts.logsBytes.value, (await number(VM, 'du -sk /var/log/ | cut -f1')) * 1024, 256 * 1024);
    expect(await inside(VM, 'test -e /home/root/standby.conf && echo yes || echo no')).toBe('no');
    expect(facts.standbyConfig.value).toEqual({ present: false, parsed: false, primaryHost: null });
  });

  it('on the dropbear arm64 gateway, as admin and as root: the NVMe data device, no reserve, no PostgreSQL of its own', async () => {
    for (const shell of [admin(GW), root(GW)]) {
      const { result, window } = await probeWithin(GW, shell);
      const facts = result.facts;
      await expectCommonFacts(GW, facts, window);
      expect(facts.dataDevice.value?.device).toBe('/dev/nvme0n1p2');
      expect(facts.formFactor.value).toBe('gateway-arm64');
      expect(await inside(GW, 'test -e /mnt/sda2/empty_if_no_space && echo yes || echo no')).toBe('no');
      expect(facts.reserveFile.value).toEqual({ present: false, sizeBytes: null });
      expect(facts.pgsqlBytes.unknown?.code).toBe('missing');
      // The VM's PostgreSQL runs on the same kernel, in another mount namespace: not this platform's.
      expect(await postmasterPid(VM)).not.toBeNull();
      expect(await pgrepInside(GW, POSTMASTER)).toEqual([]);
      expect(facts.services.postgres.value).toEqual({ running: false, pids: [] });
    }
  });

  it('gives the same facts with busybox sh and busybox applets only, as admin and as root', async () => {
    for (const name of [VM, GW]) {
      for (const shell of [admin(name), root(name)]) {
        const gnu = await probe(shell);
        const busybox = await probe(underBusybox(shell));
        for (const facts of [gnu, busybox]) expect(facts.uid.unknown).toBeNull();
        expect(busybox.image).toEqual(gnu.image);
        expect(busybox.dataDevice).toEqual(gnu.dataDevice);
        expect(busybox.formFactor).toEqual(gnu.formFactor);
        expect(busybox.reserveFile).toEqual(gnu.reserveFile);
        expect(busybox.coreDumps).toEqual(gnu.coreDumps);
        expect(busybox.standbyConfig).toEqual(gnu.standbyConfig);
        expect(busybox.pgsqlBytes.unknown?.code).toBe(gnu.pgsqlBytes.unknown?.code);
        expect(busybox.services.postgres.value?.running).toBe(gnu.services.postgres.value?.running);
        expect(busybox.dataPartition.value?.sizeBytes).toBe(gnu.dataPartition.value?.sizeBytes);
        expectClose(busybox.dataPartition.value?.usePercent ?? null, gnu.dataPartition.value?.usePercent ?? 0, 1);
      }
    }
  });

  it('follows a full disk and its healing, and still answers when nothing can be written', async () => {
    await fillDisk(GW, 100);
    try {
      expect(await inside(GW, 'head -c 65536 /dev/zero > /mnt/sda2/probe-write-test 2>/dev/null && echo written || echo refused; rm -f /mnt/sda2/probe-write-test')).toBe('refused');
      for (const shell of [admin(GW), root(GW), underBusybox(admin(GW))]) {
        const full = await probe(shell);
        const df = await dfBytes(GW);
        expect(full.dataPartition.value?.availableBytes).toBe(df.avail);
        expect(full.dataPartition.value?.usedBytes).toBe(df.used);
        expect(full.dataPartition.value?.usePercent).toBe(100);
      }
    } finally {
      await healDisk(GW);
    }
    const healed = await probe(admin(GW));
    const df = await dfBytes(GW);
    expect(healed.dataPartition.value?.usePercent).toBe(df.percent);
    expect(healed.dataPartition.value?.usePercent).toBeLessThan(100);
  });

  it('follows the reserve file away and back', async () => {
    const bytes = await number(VM, 'stat -c %s /mnt/sda2/empty_if_no_space');
    await removeReserve(VM);
    try {
      expect((await probe(admin(VM))).reserveFile.value).toEqual({ present: false, sizeBytes: null });
    } finally {
      await restoreReserve(VM, bytes);
    }
    expect((await probe(root(VM))).reserveFile.value).toEqual({ present: true, sizeBytes: bytes });
    await inside(VM, ': > /mnt/sda2/empty_if_no_space');
    try {
      expect((await probe(admin(VM))).reserveFile.value).toEqual({ present: true, sizeBytes: 0 });
    } finally {
      await removeReserve(VM);
      await restoreReserve(VM, bytes);
    }
  });

  it('follows PostgreSQL stopping and starting', async () => {
    await stopPostgres(VM);
    try {
      expect(await postmasterPid(VM)).toBeNull();
      expect(await pgrepInside(VM, POSTMASTER)).toEqual([]);
      for (const shell of [admin(VM), root(VM)]) expect((await probe(shell)).services.postgres.value).toEqual({ running: false, pids: [] });
    } finally {
      await startPostgres(VM);
    }
    const pid = await postmasterPid(VM);
    expect((await probe(admin(VM))).services.postgres.value).toEqual({ running: true, pids: [pid] });
  });

  it('follows the manager and its webserver through stop, start and core dumps that block the start', async () => {
    const pidFile = async (file: string) => Number(await inside(VM, `cat ${file} 2>/dev/null || echo 0`));
    const services = (facts: PlatformFacts) => ({ manager: facts.services.manager.value, webserver: facts.services.webserver.value });
    try {
      await stopManager(VM);
      await startManager(VM);
      const manager = await pidFile('/run/manager.pid');
      const webserver = await pidFile('/run/webserver.pid');
      expect(await pgrepInside(VM, MANAGER)).toEqual([manager]);
      expect(await pgrepInside(VM, WEBSERVER)).toEqual([webserver]);
      for (const shell of [admin(VM), root(VM), underBusybox(admin(VM))]) {
        expect(services(await probe(shell))).toEqual({ manager: { running: true, pids: [manager] }, webserver: { running: true, pids: [webserver] } });
      }

      await stopManager(VM);
      expect(await pgrepInside(VM, MANAGER)).toEqual([]);
      expect(services(await probe(admin(VM)))).toEqual({ manager: { running: false, pids: [] }, webserver: { running: false, pids: [] } });

      const dumps = await blockingCoreDumps(VM, 'manager', 2, 64);
      await startManager(VM);
      await eventually(async () => (await pgrepInside(VM, MANAGER)).length === 0);
      expect(await pgrepInside(VM, MANAGER)).toEqual([]);
      const blocked = await probe(admin(VM));
      expect(blocked.services.manager.value).toEqual({ running: false, pids: [] });
      const cores = await coreDumpsInside(VM);
      expect(cores.count).toBe(dumps.length);
      expect(blocked.coreDumps.value?.count).toBe(cores.count);
      expect(blocked.coreDumps.value?.totalBytes).toBe(cores.bytes);
      expect(blocked.coreDumps.value?.newest?.mtimeEpochSeconds).toBe(cores.newest);
      expect(cores.newestNames).toContain(blocked.coreDumps.value?.newest?.path);

      await healCoreDumps(VM);
      await stopManager(VM);
      await startManager(VM);
      const healed = await probe(root(VM));
      expect(healed.coreDumps.value).toEqual({ count: 0, totalBytes: 0, newest: null });
      expect(healed.services.manager.value).toEqual({ running: true, pids: [await pidFile('/run/manager.pid')] });
    } finally {
      await healCoreDumps(VM);
      await stopManager(VM);
      await startManager(VM);
    }
  });

  it('follows the image build, a longer label and one in the dangerous resize range', async () => {
    const label = join(platformDir(GW), 'sda1', 'label');
    const original = await readFile(label, 'utf8');
    try {
      await setBuild(GW, 110010);
      const danger = await probe(admin(GW));
      expect(danger.image.build.value).toBe(110010);
      expect(dangerousResizeBuild(danger.image.build.value ?? 0)).toBe(true);
      await writeFile(label, 'app-platform-arm64 130015 sr2\n');
      const longer = await probe(root(GW));
      expect(longer.image.label.value).toBe('app-platform-arm64 130015 sr2\n');
      expect(longer.image.build.value).toBe(130015);
      expect(dangerousResizeBuild(130015)).toBe(false);
    } finally {
      await writeFile(label, original);
    }
  });

  it('counts core dumps once through both folders and names the newest exactly, spaces and line breaks included', async () => {
    const odd = '/var/log/core_dumps/web server/core.77 two\nlines';
    const older = '/var/log/core_dumps/manager/core.12';
    await writeInPlatform(GW, older, Buffer.alloc(5000, 1));
    await writeInPlatform(GW, odd, Buffer.alloc(3000, 2));
    await inPlatform(GW, ['touch', '-d', '@1700000000', older]);
    await inPlatform(GW, ['touch', '-d', '@1700000100', odd]);
    try {
      expect(await inside(GW, '[ /var/log/core_dumps -ef /mnt/sda2/log/core_dumps ] && echo same')).toBe('same');
      const cores = await coreDumpsInside(GW);
      expect(cores).toMatchObject({ count: 2, bytes: 8000, newest: 1700000100, newestNames: [odd] });
      for (const shell of [admin(GW), root(GW), underBusybox(root(GW))]) {
        expect((await probe(shell)).coreDumps.value).toEqual({ count: 2, totalBytes: 8000, newest: { path: odd, mtimeEpochSeconds: 1700000100 } });
      }
      await inside(GW, 'chmod 700 "/var/log/core_dumps/web server"');
      expect(await adminCan(GW, ['ls', '/var/log/core_dumps/web server'])).toBe(false);
      expect((await probe(admin(GW))).coreDumps.unknown?.code).toBe('needs_root');
      expect((await probe(root(GW))).coreDumps.value?.count).toBe(2);
    } finally {
      await inside(GW, 'rm -rf /var/log/core_dumps/*');
    }
  });

  it('reads standby.conf as root only, keeping the primary host and never the password', async () => {
    const password = 'repl-pw-never-shown-4411';
    await writeInPlatform(GW, '/home/root/standby.conf', `{\n  "primary": "10.231.0.2",\n  "name": "standby1",\n  "password": "${password}",\n}\n`);
    try {
      const asRoot = await probe(root(GW));
      expect(asRoot.standbyConfig.value).toEqual({ present: true, parsed: true, primaryHost: '10.231.0.2' });
      const asAdmin = await probe(admin(GW));
      expect(asAdmin.standbyConfig.unknown?.code).toBe('needs_root');
      await writeInPlatform(GW, '/home/root/standby.conf', `{"primary": "10.231.0.2", "password": "${password}`);
      const corrupt = await probe(root(GW));
      expect(corrupt.standbyConfig.value).toEqual({ present: true, parsed: false, primaryHost: null });
      expect(JSON.stringify([asRoot, asAdmin, corrupt])).not.toContain(password);
    } finally {
      await inPlatform(GW, ['rm', '-f', '/home/root/standby.conf']);
    }
  });

  it("counts a webserver for its own platform only, by the binary's path", async () => {
    const binary = join(platformDir(GW), 'apps', 'webserver', 'webserver');
    await runLocal('cp', ['/bin/sleep', binary]);
    const pid = Number(await inside(GW, '/apps/webserver/webserver 300 >/dev/null 2>&1 & echo $!'));
    try {
      expect(await pgrepInside(GW, WEBSERVER)).toEqual([pid]);
      expect((await probe(admin(GW))).services.webserver.value).toEqual({ running: true, pids: [pid] });
      const own = await pgrepInside(VM, WEBSERVER);
      expect(own).not.toContain(pid);
      expect((await probe(root(VM))).services.webserver.value).toEqual({ running: own.length > 0, pids: own });
    } finally {
      process.kill(pid, 'SIGTERM');
    }
    await eventually(async () => (await pgrepInside(GW, WEBSERVER)).length === 0);
    expect(await pgrepInside(GW, WEBSERVER)).toEqual([]);
    expect((await probe(admin(GW))).services.webserver.value).toEqual({ running: false, pids: [] });
    await rm(binary, { force: true });
  });
});
