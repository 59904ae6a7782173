import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labDown, labUp } from './lab';
import type { Lab, LabPlatform } from './lab';
import { scpFetch, sftpList, sshRun, suRoot } from './labClients';
import { BRIDGE, LAB_DIR, VETH_PREFIX, fleetFile, secretsFile } from './labPaths';
import { labNamespaces } from './labNetwork';
import { inPlatform } from './platformNamespace';
import { run } from './run';

const isRoot = process.getuid?.() === 0;
const SPEC = {
  platforms: [
    { name: 'lab-openssh', site: 'Site A', kind: 'light', sshServer: 'openssh', formFactor: 'vm', build: 140029, diskMiB: 64 },
    { name: 'lab-dropbear', site: 'Site B', kind: 'light', sshServer: 'dropbear', formFactor: 'gateway-arm64', build: 130014, diskMiB: 32, rootPassword: 'changed-root' },
  ],
};

let lab: Lab;
let scratch: string;
let knownHosts: string;
const platform = (name: string): LabPlatform => {
  const found = lab.platforms.find((p) => p.name === name);
  if (!found) throw new Error(`no platform ${name}`);
  return found;
};

/** What the lab may leave on the host: nothing. */
async function leftovers(): Promise<string[]> {
  const found: string[] = [];
  if ((await labNamespaces()).length > 0) found.push('network namespaces');
  if ((await run('ip', ['link', 'show', 'dev', BRIDGE], { allowFailure: true })).code === 0) found.push('bridge');
  if ((await run('losetup', ['-n', '-l', '-O', 'BACK-FILE'])).stdout.includes(`${LAB_DIR}/`)) found.push('loop devices');
  if ((await readFile('/proc/mounts', 'utf8')).includes(`${LAB_DIR}/`)) found.push('mounts');
  if (new RegExp(`: ${VETH_PREFIX}\\d`).test((await run('ip', ['-o', 'link', 'show'])).stdout)) found.push('veths');
  if (existsSync(LAB_DIR)) found.push('lab folder');
  return found;
}

describe.skipIf(!isRoot)('App Platform lab (needs root)', () => {
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'apc-lab-test-'));
    knownHosts = join(scratch, 'known_hosts');
    lab = await labUp(SPEC);
  });

  afterAll(async () => {
    await labDown();
    await rm(scratch, { recursive: true, force: true });
  });

  it('gives every platform its own address, reachable from the host', () => {
    const addresses = lab.platforms.map((p) => p.address);
    expect(new Set(addresses).size).toBe(2);
    for (const address of addresses) expect(address).toMatch(/^10\.231\.\d+\.\d+$/);
  });

  it.each(['lab-openssh', 'lab-dropbear'])('lets admin log in over SSH on %s, with its own passwd', async (name) => {
    const answer = await sshRun(knownHosts, platform(name).address, 'admin', 'ipapps', 'id -un; id -u; echo $HOME; grep -c "^admin:" /etc/passwd');
    expect(answer.code).toBe(0);
    expect(answer.stdout.split('\n').slice(0, 4)).toEqual(['admin', '1000', '/home/admin', '1']);
  });

  it.each(['lab-openssh', 'lab-dropbear'])('refuses root over SSH and a wrong admin password on %s', async (name) => {
    const rootPassword = name === 'lab-dropbear' ? 'changed-root' : 'iplinux';
    expect((await sshRun(knownHosts, platform(name).address, 'root', rootPassword, 'id')).code).not.toBe(0);
    expect((await sshRun(knownHosts, platform(name).address, 'admin', 'wrong', 'id')).code).not.toBe(0);
  });

  it('gives each platform its own host key', async () => {
    const lines = (await readFile(knownHosts, 'utf8')).trim().split('\n');
    const keys = new Map(lines.map((line) => [line.split(' ')[0], line.split(' ').slice(1).join(' ')]));
    expect(keys.size).toBe(2);
    expect(new Set(keys.values()).size).toBe(2);
  });

  it('lets admin become root with su and the root password, through PAM', async () => {
    const openssh = await suRoot(knownHosts, platform('lab-openssh').address, 'ipapps', 'iplinux', 'id -u');
    expect(openssh).toEqual({ result: 'ok', output: '0' });
    const dropbear = await suRoot(knownHosts, platform('lab-dropbear').address, 'ipapps', 'changed-root', 'cat /home/root/../root/.. >/dev/null 2>&1; id -un');
    expect(dropbear).toEqual({ result: 'ok', output: 'root' });
    expect((await suRoot(knownHosts, platform('lab-openssh').address, 'ipapps', 'not-the-root-password', 'id -u')).result).toBe('su-denied');
  });

  it('mounts a real ext4 data partition under the form factor\'s device name, with /var/log on it', async () => {
    const vm = await sshRun(knownHosts, platform('lab-openssh').address, 'admin', 'ipapps', 'df -k /mnt/sda2 | tail -1; grep " /var/log " /proc/mounts; cat /mnt/sda1/label');
    const [df, varLog, label] = vm.stdout.trim().split('\n');
    expect(df).toMatch(/^\/dev\/sda2\s+(\d+)/);
    const sizeKiB = Number(/^\/dev\/sda2\s+(\d+)/.exec(df ?? '')?.[1]);
    expect(sizeKiB).toBeGreaterThan(50 * 1024);
    expect(sizeKiB).toBeLessThanOrEqual(64 * 1024);
    expect(varLog).toMatch(/^\/dev\/sda2 \/var\/log ext4 /);
    expect(label).toBe('140029');
    const gateway = await sshRun(knownHosts, platform('lab-dropbear').address, 'admin', 'ipapps', 'df -k /mnt/sda2 | tail -1; cat /mnt/sda1/label');
    expect(gateway.stdout).toMatch(/^\/dev\/nvme0n1p2\s/);
    expect(gateway.stdout.trim().split('\n')[1]).toBe('130014');
  });

  it('runs out of space for real when the data partition is full', async () => {
    const fill = await inPlatform('lab-dropbear', ['dd', 'if=/dev/zero', 'of=/mnt/sda2/filler', 'bs=4k'], { allowFailure: true });
    expect(fill.code).not.toBe(0);
    expect(fill.stderr).toContain('No space left on device');
    const df = await sshRun(knownHosts, platform('lab-dropbear').address, 'admin', 'ipapps', 'df --output=pcent,avail /mnt/sda2 | tail -1');
    expect(df.stdout.trim()).toMatch(/^100% +[0-3]$/);
    await inPlatform('lab-dropbear', ['rm', '/mnt/sda2/filler']);
  });

  it('offers SFTP on OpenSSH and only SCP on dropbear', async () => {
    const openssh = await sftpList(knownHosts, platform('lab-openssh').address, 'ipapps', '/mnt/sda1');
    expect(openssh.code).toBe(0);
    expect(openssh.stdout).toContain('label');
    expect((await sftpList(knownHosts, platform('lab-dropbear').address, 'ipapps', '/mnt/sda1')).code).not.toBe(0);
    const local = join(scratch, 'label');
    const scp = await scpFetch(knownHosts, platform('lab-dropbear').address, 'ipapps', '/mnt/sda1/label', local);
    expect(scp.code).toBe(0);
    expect(await readFile(local, 'utf8')).toBe('130014\n');
  });

  it('writes a fleet file without secrets and a private secrets file', async () => {
    const fleet = await readFile(fleetFile(), 'utf8');
    expect(JSON.parse(fleet)).toMatchObject({ kind: 'ap-console-lab-fleet', sites: [{ name: 'Site A' }, { name: 'Site B' }] });
    expect(fleet).not.toContain('ipapps');
    expect(fleet).not.toContain('changed-root');
    expect((await stat(secretsFile())).mode & 0o077).toBe(0);
    expect(JSON.parse(await readFile(secretsFile(), 'utf8'))).toMatchObject({ platforms: { 'lab-dropbear': { rootPassword: 'changed-root' } } });
  });

  it('comes up again after the runner was killed mid-way, and down leaves nothing behind', async () => {
    await labDown();
    expect(await leftovers()).toEqual([]);
    const bigSpec = join(scratch, 'big.json');
    const names = Array.from({ length: 40 }, (_, i) => ({ name: `crash-${i}`, kind: 'light', diskMiB: 16 }));
    await writeFile(bigSpec, JSON.stringify({ platforms: names }));
    const runner = spawn(join(__dirname, '../../node_modules/.bin/tsx'), [join(__dirname, 'cli.ts'), 'up', bigSpec], { stdio: 'ignore', detached: true });
    await expect.poll(async () => (await labNamespaces()).length, { timeout: 20_000, interval: 20 }).toBeGreaterThan(0);
    if (runner.pid) process.kill(-runner.pid, 'SIGKILL');
    expect(await leftovers()).not.toEqual([]);
    lab = await labUp(SPEC);
    const freshKnownHosts = join(scratch, 'known_hosts_after_crash');
    expect((await sshRun(knownHosts, platform('lab-openssh').address, 'admin', 'ipapps', 'true')).stderr).toContain('REMOTE HOST IDENTIFICATION HAS CHANGED');
    expect((await sshRun(freshKnownHosts, platform('lab-openssh').address, 'admin', 'ipapps', 'true')).code).toBe(0);
    await labDown();
    expect(await leftovers()).toEqual([]);
  });
});
