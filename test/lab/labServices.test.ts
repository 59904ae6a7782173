import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { appLoginDigest } from '../../electron/core/connect/appWebsocketDigest';
import { labDown, labUp } from './lab';
import type { Lab } from './lab';
import { sshRun, suRoot } from './labClients';
import { inPlatform } from './platformNamespace';
import { run } from './run';
import { portOpen } from './tcpProbe';

const isRoot = process.getuid?.() === 0;
const SPEC = {
  platforms: [
    {
      name: 'svc-vm',
      sshServer: 'openssh',
      diskMiB: 128,
      managerPassword: 'manager-secret',
      instances: [
        { domain: 'example.com', name: 'users', app: 'innovaphone-users', sizeMiB: 8 },
        { domain: 'example.com', name: 'devices', app: 'innovaphone-devices', sizeMiB: 1 },
      ],
    },
    { name: 'svc-gw', sshServer: 'dropbear', formFactor: 'gateway-arm64', build: 130014, diskMiB: 128, instances: [{ domain: 'other.org', name: 'pbxmanager', sizeMiB: 1 }] },
    { name: 'svc-light', kind: 'light', diskMiB: 16 },
    { name: 'svc-13r1', era: '13r1', build: 110020, diskMiB: 128 },
  ],
};

let lab: Lab;
let scratch: string;
const address = (name: string) => lab.platforms.find((p) => p.name === name)?.address ?? '';


/** Logs in to wss://<ap>/manager as the AP Manager's own client does and asks for the platform info. */
function managerLogin(host: string, password: string): Promise<{ loggedIn: boolean; version?: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`wss://${host}/manager`, { rejectUnauthorized: false });
    const fields = { app: 'manager', domain: '', sip: 'manager', guid: '00000000000000000000000000000000', dn: 'Admin' };
    ws.once('error', reject);
    ws.once('open', () => ws.send(JSON.stringify({ mt: 'AppChallenge' })));
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { mt: string; challenge?: string; ok?: boolean; version?: string; src?: string };
      if (message.mt === 'AppChallengeResult') ws.send(JSON.stringify({ mt: 'AppLogin', ...fields, digest: appLoginDigest(fields, message.challenge ?? '', password) }));
      if (message.mt === 'AppLoginResult') {
        if (message.ok !== true) {
          ws.close();
          resolve({ loggedIn: false });
        } else ws.send(JSON.stringify({ mt: 'AppPlatformInfoRequest', src: 'probe-1' }));
      }
      if (message.mt === 'AppPlatformInfoResult') {
        expect(message.src).toBe('probe-1');
        ws.close();
        resolve({ loggedIn: true, version: message.version });
      }
    });
  });
}

describe.skipIf(!isRoot)('App Platform lab services (needs root)', () => {
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'apc-lab-svc-'));
    lab = await labUp(SPEC);
  });

  afterAll(async () => {
    await labDown();
    await rm(scratch, { recursive: true, force: true });
  });

  it('lets root use psql on the manager database as-is, after su root', async () => {
    const outcome = await suRoot(join(scratch, 'known_hosts'), address('svc-vm'), 'ipapps', 'iplinux', 'psql -X -P pager=off -At -d manager -c "SELECT count(*) FROM instances"');
    expect(outcome).toEqual({ result: 'ok', output: '2' });
  });

  it('keeps one database per instance, <domain>_<instance>, with its own owner and about the size asked for', async () => {
    const sql = "SELECT i.database, r.rolname, pg_database_size(i.database) FROM instances i JOIN pg_database d ON d.datname = i.database JOIN pg_roles r ON r.oid = d.datdba ORDER BY 1";
    const { stdout } = await inPlatform('svc-vm', ['psql', '-X', '-At', '-F', ' ', '-d', 'manager', '-c', sql]);
    const rows = stdout.trim().split('\n').map((line) => line.split(' '));
    expect(rows.map(([db, owner]) => [db, owner])).toEqual([
      ['example.com_devices', 'example.com_devices'],
      ['example.com_users', 'example.com_users'],
    ]);
    const template = Number((await inPlatform('svc-vm', ['psql', '-X', '-At', '-d', 'postgres', '-c', "SELECT pg_database_size('template1')"])).stdout.trim());
    const usersData = Number(rows[1]?.[2]) - template;
    expect(usersData).toBeGreaterThan(6 * 1024 * 1024);
    expect(usersData).toBeLessThan(11 * 1024 * 1024);
    const du = await inPlatform('svc-vm', ['du', '-sk', '/mnt/sda2/pgsql']);
    expect(Number(du.stdout.split('\t')[0]) * 1024).toBeGreaterThan(Number(rows[1]?.[2]));
  });

  it('refuses remote database logins except replication over TLS', async () => {
    const refused = await run('psql', ['-X', '-At', `host=${address('svc-vm')} port=5432 user=example.com_users dbname=example.com_users sslmode=require connect_timeout=5`, '-c', 'SELECT 1'], { allowFailure: true, env: { ...process.env, PGPASSWORD: 'whatever' } });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/no pg_hba\.conf entry/);
  });

  it('stops and starts PostgreSQL with /etc/init.d/S50postgresql', async () => {
    await inPlatform('svc-gw', ['/etc/init.d/S50postgresql', 'stop']);
    expect(await portOpen(address('svc-gw'), 5432)).toBe(false);
    expect((await inPlatform('svc-gw', ['psql', '-X', '-d', 'manager', '-c', 'SELECT 1'], { allowFailure: true })).code).not.toBe(0);
    await inPlatform('svc-gw', ['/etc/init.d/S50postgresql', 'start']);
    expect((await inPlatform('svc-gw', ['psql', '-X', '-At', '-d', 'manager', '-c', 'SELECT database FROM instances'])).stdout.trim()).toBe('other.org_pbxmanager');
  });

  it('serves HTTPS with the default certificate and /manager/ramdisk.log', async () => {
    const page = await run('curl', ['-sk', '--max-time', '5', `https://${address('svc-vm')}/manager/ramdisk.log`]);
    expect(page.stdout).toContain('install step 1: image 140029');
    const cert = await run('sh', ['-c', `echo | openssl s_client -connect ${address('svc-vm')}:443 2>/dev/null | openssl x509 -noout -ext subjectAltName`]);
    expect(cert.stdout).toContain(`IP Address:${address('svc-vm')}`);
  });

  it('logs in to the AP Manager websocket with the manager password and answers AppPlatformInfoRequest', async () => {
    expect(await managerLogin(address('svc-vm'), 'manager-secret')).toEqual({ loggedIn: true, version: '140029' });
    expect(await managerLogin(address('svc-gw'), 'pwd')).toEqual({ loggedIn: true, version: '130014' });
    expect(await managerLogin(address('svc-vm'), 'pwd')).toEqual({ loggedIn: false });
  });

  it('stops and starts the manager with /etc/init.d/S92manager', async () => {
    await inPlatform('svc-vm', ['/etc/init.d/S92manager', 'stop']);
    expect(await portOpen(address('svc-vm'), 443)).toBe(false);
    await inPlatform('svc-vm', ['/etc/init.d/S92manager', 'start']);
    await expect.poll(() => portOpen(address('svc-vm'), 443), { timeout: 15_000 }).toBe(true);
  });

  it('keeps the reserve file on the data partition, scaled to the disk', async () => {
    const { stdout } = await sshRun(join(scratch, 'known_hosts'), address('svc-vm'), 'admin', 'ipapps', 'stat -c %s /mnt/sda2/empty_if_no_space');
    expect(Number(stdout.trim())).toBe(4 * 1024 * 1024);
  });

  it('redirects plain HTTP on port 80 to HTTPS', async () => {
    const answer = await run('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code} %{redirect_url}', '--max-time', '5', `http://${address('svc-vm')}/manager/ramdisk.log`]);
    expect(answer.stdout).toBe(`301 https://${address('svc-vm')}/manager/ramdisk.log`);
  });

  it('lays out a 13r1-era platform without the reserve file and the ramdisk.log URL', async () => {
    const reserve = await inPlatform('svc-13r1', ['test', '-e', '/mnt/sda2/empty_if_no_space'], { allowFailure: true });
    expect(reserve.code).not.toBe(0);
    const page = await run('curl', ['-sk', '-o', '/dev/null', '-w', '%{http_code}', '--max-time', '5', `https://${address('svc-13r1')}/manager/ramdisk.log`]);
    expect(page.stdout).toBe('404');
    expect(await managerLogin(address('svc-13r1'), 'pwd')).toEqual({ loggedIn: true, version: '110020' });
  });

  it('runs nothing but SSH and the filesystem on a light platform', async () => {
    expect(await portOpen(address('svc-light'), 22)).toBe(true);
    expect(await portOpen(address('svc-light'), 443)).toBe(false);
    expect(await portOpen(address('svc-light'), 5432)).toBe(false);
  });
});
