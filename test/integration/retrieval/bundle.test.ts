import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../../electron/core/audit/auditLog';
import type { AuditLog } from '../../../electron/core/audit/auditLog';
import { openRootSession } from '../../../electron/core/connect/root/rootSession';
import type { RootSession } from '../../../electron/core/connect/root/rootSession';
import { connectTarget } from '../../../electron/core/connect/sshConnect';
import type { SshLink } from '../../../electron/core/connect/sshConnect';
import { BundleManifest, BundleSummaryFile } from '../../../electron/core/retrieval/bundle/bundleManifest';
import { collectBundle } from '../../../electron/core/retrieval/bundle/collectBundle';
import type { CollectBundleOptions, CollectedBundle } from '../../../electron/core/retrieval/bundle/collectBundle';
import { nameText } from '../../../electron/core/retrieval/bundle/logEntryName';
import { caught } from '../../support/caughtConnectError';
import { fillDisk, healDisk } from '../../lab/faults';
import { writeCoreDumps, writeServiceLogs } from '../../lab/labLogs';
import { mountNsFile, netnsName } from '../../lab/labPaths';
import { inPlatform } from '../../lab/platformNamespace';
import { isRoot, startConnectLab } from '../connect/connectLab';
import type { ConnectLab } from '../connect/connectLab';

const runFile = promisify(execFile);
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Runs a shell script in the platform as root, its stdout as raw bytes (names need not be UTF-8). */
async function platformBytes(name: string, script: string, ...args: string[]): Promise<Buffer> {
  const argv = [`--net=/run/netns/${netnsName(name)}`, `--mount=${mountNsFile(name)}`, '--', 'sh', '-c', script, 'sh', ...args];
  try {
    return (await runFile('nsenter', argv, { encoding: 'buffer', maxBuffer: 1 << 28 })).stdout;
  } catch (error) {
    const failed = error as { stdout?: Buffer };
    if (failed.stdout) return failed.stdout;
    throw error;
  }
}

/** The platform's own sha256sum of every file below /var/log, by archive path (names as the bundle stores them). */
async function platformLogHashes(name: string): Promise<Map<string, string>> {
  const out = await platformBytes(name, 'cd / && find var/log -type f -print0 | xargs -0 -r sha256sum -z 2>/dev/null; true');
  const hashes = new Map<string, string>();
  let p = 0;
  while (p < out.length) {
    const end = out.indexOf(0, p);
    const record = out.subarray(p, end < 0 ? out.length : end);
    p = end < 0 ? out.length : end + 1;
    if (record.length < 66) continue;
    hashes.set(nameText(record.subarray(66)).text, record.subarray(0, 64).toString('latin1'));
  }
  return hashes;
}

/**
 * What the platform's data partition and the places a tool might leave things hold: every entry of
 * /mnt/sda2 (type, size, mtime, path), its df figures, /home, and the platform's own /dev/shm. (/tmp is the host's,
 * shared with other labs: fifoFolders looks there for the folders of one root shell.)
 */
async function platformFootprint(name: string): Promise<{ listing: string; df: string; home: string; temp: string }> {
  const listing = (await inPlatform(name, ['sh', '-c', "find /mnt/sda2 -xdev -printf '%y %s %T@ %p\\n' | sort"])).stdout;
  const df = (await inPlatform(name, ['df', '-B1', '--output=used,avail', '/mnt/sda2'])).stdout;
  const home = (await inPlatform(name, ['sh', '-c', "find /home/admin /home/root -printf '%y %s %T@ %p\\n' 2>/dev/null | sort"])).stdout;
  const temp = (await inPlatform(name, ['sh', '-c', 'ls -A /dev/shm'])).stdout;
  return { listing, df, home, temp };
}

/** Runs a program in the platform and waits for it, blocking this thread (nothing else happens meanwhile). */
function inPlatformSync(name: string, argv: string[]): string {
  return execFileSync('nsenter', [`--net=/run/netns/${netnsName(name)}`, `--mount=${mountNsFile(name)}`, '--', ...argv], { encoding: 'utf8' });
}

/** The FIFO folders a root read of that root shell (by its pid) would make. */
async function fifoFolders(name: string, shellPid: string): Promise<string[]> {
  const { stdout } = await inPlatform(name, ['sh', '-c', 'ls -d /tmp/apc-root-read."$1".* /dev/shm/apc-root-read."$1".* 2>/dev/null; true', 'sh', shellPid]);
  return stdout.split('\n').filter(Boolean);
}

/** Processes of the platform whose command line holds `text`. */
async function processesWith(name: string, text: string): Promise<string[]> {
  const { stdout } = await inPlatform(name, ['ps', '-eo', 'pid=,args=']);
  return stdout.split('\n').filter((line) => line.includes(text) && !line.includes('ps -eo'));
}

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return check();
}

const OPEN = 'bundle-open';
const DROP = 'bundle-drop';
const BAD_NAME_SCRIPT = `printf 'latin-1 name\\n' > "/var/log/apps/$(printf 'bad\\377name').log"`;
const LONG_NAME = `/var/log/apps/manager/${'very-long-rotated-log-name-'.repeat(6)}.log`;
const LOCKED = '/var/log/locked.log';
/** A sysfs attribute without a read method: even root gets "Permission denied" opening it. */
const UNREADABLE_SOURCE = '/sys/bus/pci/rescan';

interface Collected {
  result: CollectedBundle;
  reports: Array<{ bytesDone: number; bytesTotal: number | null; message: string }>;
  targetDir: string;
}

describe.skipIf(!isRoot)('support bundles from lab platforms', () => {
  let lab: ConnectLab;
  let work: string;
  let audit: AuditLog;
  const links: SshLink[] = [];

  async function openRoot(name: string): Promise<{ link: SshLink; root: RootSession }> {
    const link = await connectTarget(lab.target(name), lab.connectOptions());
    links.push(link);
    const root = await openRootSession(link.client, lab.secrets.get(`lab:${name}:root`) ?? '', { platformId: name });
    return { link, root };
  }

  async function collect(name: string, includeCoreDumps: boolean, extra: Partial<CollectBundleOptions> = {}, opened?: { link: SshLink; root: RootSession }): Promise<Collected> {
    const { link, root } = opened ?? (await openRoot(name));
    const targetDir = await mkdtemp(join(work, 'target-'));
    const reports: Collected['reports'] = [];
    const result = await collectBundle({
      client: link.client,
      root,
      platform: { id: `id-${name}`, name, siteName: 'Lab Site', address: lab.platform(name).address },
      includeCoreDumps,
      targetDir,
      status: null,
      alarms: [],
      audit,
      signal: new AbortController().signal,
      onProgress: (p) => reports.push(p),
      ...extra,
    });
    root.close();
    return { result, reports, targetDir };
  }

  /** Unpacks the bundle with tar -xJf and checks it against the platform's own sha256sum of every file. */
  async function checkBundle(name: string, { result, reports, targetDir }: Collected, includeCoreDumps: boolean, unreadable: string[] = []) {
    expect(result.localPath.startsWith(targetDir)).toBe(true);
    expect(result.localPath).toMatch(/\/Lab-Site_bundle-(open|drop)_\d{8}-\d{6}\.tar\.xz$/);
    expect(await readdir(targetDir)).toEqual([result.localPath.slice(targetDir.length + 1)]);
    const bytes = await readFile(result.localPath);
    expect(result.bytes).toBe(bytes.length);
    expect(result.sha256).toBe(sha(bytes));
    await runFile('xz', ['-t', result.localPath]);
    const order = (await runFile('tar', ['-tJf', result.localPath], { maxBuffer: 1 << 26 })).stdout.split('\n').filter(Boolean);
    expect(order[0]).toBe('summary.json');
    expect(order.at(-1)).toBe('manifest.json');
    expect(order.slice(1, 11)).toEqual([
      'commands/df.txt',
      'commands/df-data.txt',
      'commands/mounts.txt',
      'commands/ps.txt',
      'commands/image-build.txt',
      'commands/instances.txt',
      'commands/replication.txt',
      'commands/instances.json',
      'commands/replication.json',
      'commands/alarms.json',
    ]);
    expect(order[11]).toBe('console/audit.jsonl');
    expect(order.slice(12, -1).every((entry) => entry.startsWith('var/log'))).toBe(true);

    const unpacked = await mkdtemp(join(work, 'unpacked-'));
    await runFile('tar', ['-xJf', result.localPath, '-C', unpacked]);
    const manifest = BundleManifest.parse(JSON.parse(await readFile(join(unpacked, 'manifest.json'), 'utf8')));
    const summary = BundleSummaryFile.parse(JSON.parse(await readFile(join(unpacked, 'summary.json'), 'utf8')));
    expect(summary).toMatchObject({ platformId: `id-${name}`, platformName: name, siteName: 'Lab Site', build: '140029', includesCoreDumps: includeCoreDumps });
    expect(summary.disk?.sizeBytes).toBeGreaterThan(0);
    expect(await readFile(join(unpacked, 'commands/image-build.txt'), 'utf8')).toContain('140029');
    expect(await readFile(join(unpacked, 'commands/mounts.txt'), 'utf8')).toContain(' /mnt/sda2 ext4 ');
    expect(await readFile(join(unpacked, 'commands/df.txt'), 'utf8')).toContain('/mnt/sda2');
    expect(manifest.problems).toEqual(result.problems);

    // Every file of the platform's /var/log is in the manifest with the platform's own SHA-256, and unpacks to it.
    const platform = await platformLogHashes(name);
    const expected = [...platform.entries()].filter(([path]) => (includeCoreDumps || !path.startsWith('var/log/core_dumps/')) && !unreadable.includes(`/${path}`));
    const logs = manifest.files.filter((f) => f.kind === 'log' || f.kind === 'core-dump');
    expect(logs.map((f) => f.path).sort()).toEqual(expected.map(([path]) => path).sort());
    for (const [path, hash] of expected) {
      expect(logs.find((f) => f.path === path)?.sha256, path).toBe(hash);
      expect(sha(await readFile(join(unpacked, path))), path).toBe(hash);
    }
    for (const file of manifest.files) expect(sha(await readFile(join(unpacked, file.path))), file.path).toBe(file.sha256);
    const dumps = logs.filter((f) => f.kind === 'core-dump');
    expect(dumps.length > 0).toBe(includeCoreDumps);
    expect(dumps.every((f) => f.path.startsWith('var/log/core_dumps/'))).toBe(true);
    expect(result.problems).toContain('The name of /var/log/apps/bad%FFname.log is not valid UTF-8; it is stored in the bundle as var/log/apps/bad%FFname.log (each byte that is not UTF-8 as %XX).');

    // Progress: a total first, then bytes as they passed, ending at every byte of the log files.
    const last = reports.at(-1);
    const logBytes = logs.reduce((sum, f) => sum + f.sizeBytes, 0);
    expect(last?.bytesDone).toBe(logBytes);
    expect(last?.bytesTotal).toBeGreaterThanOrEqual(logBytes);
    expect(reports.some((r) => r.bytesTotal !== null && r.bytesDone < logBytes)).toBe(true);
    await rm(unpacked, { recursive: true, force: true });
    return manifest;
  }

  beforeAll(async () => {
    lab = await startConnectLab({
      platforms: [
        { name: OPEN, kind: 'light', diskMiB: 128 },
        { name: DROP, kind: 'light', diskMiB: 64, sshServer: 'dropbear' },
      ],
    });
    work = await mkdtemp(join(tmpdir(), 'apc-bundle-'));
    audit = createAuditLog(join(work, 'data'));
    for (const name of [OPEN, DROP]) {
      await lab.trust(lab.target(name));
      await writeServiceLogs(name, 3000);
      const dumps = await writeCoreDumps(name, 'manager', 2, 512);
      await inPlatform(name, ['chmod', '600', ...dumps]);
      await inPlatform(name, ['sh', '-ec', `${BAD_NAME_SCRIPT}; printf 'root only\\n' > /var/log/apps/manager/secret.log; chmod 600 /var/log/apps/manager/secret.log; printf 'long\\n' > "$1"; ln -s apps/manager/manager.log /var/log/current`, 'sh', LONG_NAME]);
    }
  });

  afterAll(async () => {
    for (const link of links) link.close();
    await lab?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('collects a bundle from a 100% full data partition, writes nothing there, and matches the platform byte for byte', async () => {
    await inPlatform(OPEN, ['touch', LOCKED]);
    await inPlatform(OPEN, ['mount', '--bind', UNREADABLE_SOURCE, LOCKED]);
    await fillDisk(OPEN, 100);
    try {
      const before = await platformFootprint(OPEN);
      const avail = Number((before.df.trim().split('\n')[1] ?? '').trim().split(/\s+/)[1]);
      expect(avail).toBeLessThan(64 * 1024);
      const opened = await openRoot(OPEN);
      const shellPid = (await opened.root.run({ shell: 'echo $$' })).output.trim();
      const collected = await collect(OPEN, false, {}, opened);
      expect(await platformFootprint(OPEN)).toEqual(before);
      expect(await fifoFolders(OPEN, shellPid)).toEqual([]);
      await checkBundle(OPEN, collected, false, [LOCKED]);
      expect(collected.result.problems).toContain(`${LOCKED} could not be read on the platform (Cannot open: Permission denied); it is not in the bundle, or not whole.`);

      // Every command is in the audit with its exit code; tar's is 2 for the unreadable file.
      const entries = await audit.forPlatform(`id-${OPEN}`);
      const commands = entries.map((e) => e.command);
      for (const wanted of ["'df' '-h'", "'cat' '/proc/mounts'", "'cat' '/mnt/sda1/label'"]) expect(commands).toContain(wanted);
      expect(entries.every((e) => e.purpose === 'support bundle' && e.asRoot)).toBe(true);
      expect(entries.find((e) => e.command === "'df' '-h'")?.exitCode).toBe(0);
      expect(entries.find((e) => e.command.includes('psql'))?.exitCode).not.toBe(0);
      const tar = entries.filter((e) => e.command.includes('tar -cf')).at(-1);
      expect(tar?.exitCode).toBe(2);
    } finally {
      await healDisk(OPEN);
      await inPlatform(OPEN, ['umount', LOCKED], { allowFailure: true });
      await inPlatform(OPEN, ['rm', '-f', LOCKED]);
    }
  });

  it('brings root-owned core dumps intact when asked, over OpenSSH and dropbear, and leaves them out otherwise', async () => {
    for (const name of [OPEN, DROP]) {
      const manifest = await checkBundle(name, await collect(name, true), true);
      const dumps = manifest.files.filter((f) => f.kind === 'core-dump');
      expect(dumps.map((f) => f.path).sort()).toEqual(['var/log/core_dumps/manager/core.1000', 'var/log/core_dumps/manager/core.1001']);
    }
    await checkBundle(DROP, await collect(DROP, false), false);
  });

  it('names files that vanish while tar runs in the problems, and still completes', async () => {
    const dir = '/var/log/vanish';
    const victims = Array.from({ length: 20 }, (_, i) => `v${String(i).padStart(2, '0')}.log`);
    // tar takes a folder's entries in the filesystem's own order: pick a name for the big file that has victims after it.
    let big = '';
    let after: string[] = [];
    for (let attempt = 0; attempt < 20 && after.length < 3; attempt++) {
      await inPlatform(OPEN, ['sh', '-ec', 'rm -rf "$1"; mkdir -p "$1"; cd "$1"; for v in $3; do echo "victim $v" > "$v"; done; head -c 12582912 /dev/urandom > "$2"', 'sh', dir, `big-${attempt}.bin`, victims.join(' ')]);
      const listed = (await inPlatform(OPEN, ['sh', '-c', 'tar -cf - -C / "$1" | tar -tf -', 'sh', dir.slice(1)])).stdout.split('\n').map((l) => l.split('/').pop() ?? '').filter(Boolean);
      big = `big-${attempt}.bin`;
      after = listed.slice(listed.indexOf(big) + 1).filter((n) => victims.includes(n));
    }
    expect(after.length).toBeGreaterThanOrEqual(3);
    let removed = false;
    const remove = () => {
      // Synchronous on purpose: nothing more is read from the stream until the files are gone.
      inPlatformSync(OPEN, ['sh', '-c', 'cd "$1" && shift && rm -f -- "$@"', 'sh', dir, ...after]);
      removed = true;
    };
    try {
      const collected = await collect(OPEN, false, {
        onProgress: (p) => {
          if (!removed && p.message.endsWith(`${dir}/${big}`)) remove();
        },
      });
      expect(removed).toBe(true);
      const paths = new Set((await readManifest(collected.result.localPath)).files.map((f) => f.path));
      for (const victim of victims) {
        const vanished = collected.result.problems.includes(`${dir}/${victim} vanished while the logs were collected; it is not in the bundle.`);
        expect(vanished, victim).toBe(after.includes(victim));
        expect(paths.has(`var/log/vanish/${victim}`), victim).toBe(!after.includes(victim));
      }
      expect(paths.has(`var/log/vanish/${big}`)).toBe(true);
    } finally {
      await inPlatform(OPEN, ['rm', '-rf', dir]);
    }
  });

  it('a cut connection leaves no .tar.xz locally and nothing on the platform', async () => {
    await inPlatform(OPEN, ['sh', '-ec', 'mkdir -p /var/log/big; head -c 50331648 /dev/urandom > /var/log/big/blob.bin']);
    try {
      const before = await platformFootprint(OPEN);
      const opened = await openRoot(OPEN);
      const shellPid = (await opened.root.run({ shell: 'echo $$' })).output.trim();
      expect(shellPid).toMatch(/^\d+$/);
      const targetDir = await mkdtemp(join(work, 'cut-'));
      let cut = false;
      let midway: string | undefined;
      const error = await caught(
        collect(OPEN, false, {
          targetDir,
          onProgress: (p) => {
            if (!cut && p.bytesDone > 8 * 1024 * 1024) {
              cut = true;
              // While the log tree streams: no FIFO folder, nothing new on the platform (synchronous, so the stream waits).
              midway = inPlatformSync(OPEN, ['sh', '-c', 'ls -d /tmp/apc-root-read."$1".* /dev/shm/* 2>/dev/null; true', 'sh', shellPid]);
              opened.link.client.destroy();
            }
          },
        }, opened),
      );
      expect(cut).toBe(true);
      expect(midway).toBe('');
      expect(error.code).toBe('disconnected');
      expect(error.message).toContain('Nothing was kept and nothing is left on the platform');
      expect((await readdir(targetDir)).filter((f) => f.endsWith('.tar.xz'))).toEqual([]);
      expect(await readdir(targetDir)).toEqual([]);
      expect(await waitFor(async () => (await processesWith(OPEN, 'APC-BUNDLE-TAR-END')).length === 0 && (await processesWith(OPEN, 'tar -cf')).length === 0, 15_000)).toBe(true);
      expect(await platformFootprint(OPEN)).toEqual(before);
      expect(await fifoFolders(OPEN, shellPid)).toEqual([]);
    } finally {
      await inPlatform(OPEN, ['rm', '-rf', '/var/log/big']);
    }
  });

  it('stops when cancelled and keeps nothing', async () => {
    const abort = new AbortController();
    abort.abort();
    const targetDir = await mkdtemp(join(work, 'cancel-'));
    const error = await caught(collect(OPEN, true, { signal: abort.signal, targetDir }));
    expect(error.code).toBe('cancelled');
    expect(await readdir(targetDir)).toEqual([]);
  });
});

async function readManifest(bundle: string): Promise<BundleManifest> {
  const dir = await mkdtemp(join(tmpdir(), 'apc-bundle-manifest-'));
  try {
    await mkdir(dir, { recursive: true });
    await runFile('tar', ['-xJf', bundle, '-C', dir, 'manifest.json']);
    return BundleManifest.parse(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

