import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fault from './faults';
import { labDown, labUp, reserveBytes } from './lab';
import type { Lab } from './lab';
import { sshRun, suRoot } from './labClients';
import { inPlatform } from './platformNamespace';
import { run } from './run';
import { portOpen } from './tcpProbe';

const isRoot = process.getuid?.() === 0;
const SPEC = {
  platforms: [
    { name: 'f-vm', sshServer: 'openssh', diskMiB: 192 },
    { name: 'f-gw', sshServer: 'dropbear', formFactor: 'gateway-arm64', diskMiB: 160 },
    { name: 'f-peer', kind: 'light', diskMiB: 16 },
  ],
};

let lab: Lab;
let scratch: string;
const address = (name: string) => lab.platforms.find((p) => p.name === name)?.address ?? '';
const known = (file = 'known_hosts') => join(scratch, file);


const usePercent = async (name: string) => Number((await inPlatform(name, ['df', '--output=pcent', '/mnt/sda2'])).stdout.split('\n')[1]?.trim().replace('%', ''));
const reachesPeer = async () => (await inPlatform('f-vm', ['timeout', '3', 'bash', '-c', `</dev/tcp/${address('f-peer')}/22`], { allowFailure: true })).code === 0;
const certificateText = async (name: string) => (await run('sh', ['-c', `echo | openssl s_client -connect ${address(name)}:443 2>/dev/null | openssl x509 -noout -subject -ext subjectAltName`])).stdout;

describe.skipIf(!isRoot)('lab faults, each injected and healed (needs root)', () => {
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'apc-lab-faults-'));
    lab = await labUp(SPEC);
  });

  afterAll(async () => {
    await labDown();
    await rm(scratch, { recursive: true, force: true });
  });

  it('fills the disk to a percentage, to ENOSPC, and back', async () => {
    const before = await usePercent('f-vm');
    await fault.fillDisk('f-vm', 90);
    expect([90, 91]).toContain(await usePercent('f-vm'));
    await fault.fillDisk('f-vm', 100);
    expect(await usePercent('f-vm')).toBe(100);
    const write = await inPlatform('f-vm', ['dd', 'if=/dev/zero', 'of=/mnt/sda2/one-more', 'bs=64k', 'count=1'], { allowFailure: true });
    expect(write.stderr).toContain('No space left on device');
    await fault.healDisk('f-vm');
    await inPlatform('f-vm', ['rm', '-f', '/mnt/sda2/one-more']);
    expect(await usePercent('f-vm')).toBe(before);
  });

  it('removes and restores the reserve file', async () => {
    const size = () => sshRun(known(), address('f-vm'), 'admin', 'ipapps', 'stat -c %s /mnt/sda2/empty_if_no_space');
    await fault.removeReserve('f-vm');
    expect((await size()).code).not.toBe(0);
    await fault.restoreReserve('f-vm', reserveBytes(192));
    expect(Number((await size()).stdout.trim())).toBe(reserveBytes(192));
  });

  it('partitions a platform from a peer and heals it, while the host still reaches both', async () => {
    expect(await reachesPeer()).toBe(true);
    await fault.partition('f-vm', address('f-peer'));
    expect(await reachesPeer()).toBe(false);
    expect(await portOpen(address('f-vm'), 22)).toBe(true);
    expect(await portOpen(address('f-peer'), 22)).toBe(true);
    await fault.healPartition('f-vm', address('f-peer'));
    expect(await reachesPeer()).toBe(true);
  });

  it('drops packets on the link and heals it; latency needs netem in the kernel', async () => {
    await fault.degradeLink('f-gw', { lossPercent: 100 });
    expect(await portOpen(address('f-gw'), 22, 1500)).toBe(false);
    await fault.healLink('f-gw');
    expect(await portOpen(address('f-gw'), 22)).toBe(true);
    const delayed = await fault.degradeLink('f-gw', { delayMs: 40 }).then(
      () => 'applied',
      (error: Error) => error.message,
    );
    if (delayed === 'applied') expect((await inPlatform('f-gw', ['tc', 'qdisc', 'show', 'dev', 'eth0'])).stdout).toContain('netem');
    else expect(delayed).toMatch(/netem/);
    await fault.healLink('f-gw');
  });

  it('breaks the manager with the libcrypto.so.3 error and repairs it', async () => {
    await fault.breakManager('f-vm');
    await fault.stopManager('f-vm');
    const start = await fault.startManager('f-vm');
    expect(start.code).not.toBe(0);
    expect(start.stderr).toContain('libcrypto.so.3');
    expect(await portOpen(address('f-vm'), 443)).toBe(false);
    await fault.repairManager('f-vm');
    expect((await fault.startManager('f-vm')).code).toBe(0);
    expect(await portOpen(address('f-vm'), 443)).toBe(true);
  });

  it('leaves core dumps that block the manager until they are gone', async () => {
    const dumps = await fault.blockingCoreDumps('f-gw', 'manager', 2, 64);
    const listing = await sshRun(known(), address('f-gw'), 'admin', 'ipapps', 'ls -l /var/log/core_dumps/manager');
    for (const dump of dumps) expect(listing.stdout).toContain(dump.split('/').pop());
    await fault.stopManager('f-gw');
    const start = await fault.startManager('f-gw');
    expect(start.code).not.toBe(0);
    expect(start.stderr).toContain('stale core dumps');
    await fault.healCoreDumps('f-gw');
    expect((await fault.startManager('f-gw')).code).toBe(0);
  });

  it('serves an uploaded webserver certificate and goes back to the default one', async () => {
    await fault.customCertificate('f-vm', 'custom-cert.lab');
    await fault.stopManager('f-vm');
    await fault.startManager('f-vm');
    expect(await certificateText('f-vm')).toContain('CN = custom-cert.lab');
    await fault.defaultCertificate('f-vm');
    await fault.stopManager('f-vm');
    await fault.startManager('f-vm');
    expect(await certificateText('f-vm')).toContain(`IP Address:${address('f-vm')}`);
  });

  it('marks the ext4 data partition as having errors', async () => {
    expect(await fault.filesystemState('f-gw', 'nvme0n1p2')).toBe('clean');
    await fault.dirtyFilesystem('f-gw', 'nvme0n1p2');
    expect(await fault.filesystemState('f-gw', 'nvme0n1p2')).not.toBe('clean');
  });

  it('rotates a host key, which an SSH client then refuses', async () => {
    expect((await sshRun(known('rotate'), address('f-vm'), 'admin', 'ipapps', 'true')).code).toBe(0);
    await fault.rotateHostKey('f-vm', 'openssh');
    const refused = await sshRun(known('rotate'), address('f-vm'), 'admin', 'ipapps', 'true');
    expect(refused.stderr).toContain('REMOTE HOST IDENTIFICATION HAS CHANGED');
    expect((await sshRun(known('rotate'), address('f-gw'), 'admin', 'ipapps', 'true')).code).toBe(0);
    await fault.rotateHostKey('f-gw', 'dropbear');
    expect((await sshRun(known('rotate'), address('f-gw'), 'admin', 'ipapps', 'true')).stderr).toContain('REMOTE HOST IDENTIFICATION HAS CHANGED');
  });

  it('changes the admin and root passwords, as Devices does', async () => {
    await fault.setPassword('f-gw', 'admin', 'new-admin');
    await fault.setPassword('f-gw', 'root', 'new-root');
    expect((await sshRun(known('pw'), address('f-gw'), 'admin', 'ipapps', 'true')).code).not.toBe(0);
    expect((await sshRun(known('pw'), address('f-gw'), 'admin', 'new-admin', 'true')).code).toBe(0);
    expect(await suRoot(known('pw'), address('f-gw'), 'new-admin', 'new-root', 'id -u')).toEqual({ result: 'ok', output: '0' });
  });

  it('sets another image build in the label', async () => {
    await fault.setBuild('f-vm', 110020);
    expect((await sshRun(known('build'), address('f-vm'), 'admin', 'ipapps', 'cat /mnt/sda1/label')).stdout.trim()).toBe('110020');
  });

  it('injects faults from the command line too', async () => {
    const cli = await run(join(__dirname, '../../node_modules/.bin/tsx'), [join(__dirname, 'cli.ts'), 'fault', 'f-gw', 'build', '130010']);
    expect(cli.stdout).toContain('build done on f-gw');
    expect((await sshRun(known('build'), address('f-gw'), 'admin', 'new-admin', 'cat /mnt/sda1/label')).stdout.trim()).toBe('130010');
    const unknown = await run(join(__dirname, '../../node_modules/.bin/tsx'), [join(__dirname, 'cli.ts'), 'fault', 'f-gw', 'melt'], { allowFailure: true });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Unknown fault "melt"');
  });

  it('writes rotating service logs on full platforms', async () => {
    const { stdout } = await sshRun(known('logs'), address('f-vm'), 'admin', 'ipapps', 'ls /var/log/apps/manager; tail -1 /var/log/apps/manager/manager.log.1');
    expect(stdout).toContain('manager.log.2');
    expect(stdout).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} manager: /);
  });
});
