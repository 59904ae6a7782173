import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fault from './faults';
import { labDown, labUp } from './lab';
import type { Lab } from './lab';
import { fleetFile } from './labPaths';
import { inPlatform } from './platformNamespace';

const isRoot = process.getuid?.() === 0;
const SPEC = {
  platforms: [
    { name: 'r-primary', sshServer: 'openssh', instances: [{ domain: 'example.com', name: 'users', sizeMiB: 2 }] },
    { name: 'r-sb1', sshServer: 'dropbear' },
    { name: 'r-sb2', formFactor: 'gateway-arm64' },
  ],
  replication: [{ primary: 'r-primary', standbys: [{ platform: 'r-sb1', standbyName: 'standby_one' }, { platform: 'r-sb2', standbyName: 'standby_two' }] }],
};

let lab: Lab;
const address = (name: string) => lab.platforms.find((p) => p.name === name)?.address ?? '';
const sql = async (platform: string, query: string, database = 'postgres') =>
  (await inPlatform(platform, ['psql', '-X', '-At', '-F', ' ', '-d', database, '-c', query], { allowFailure: true })).stdout.trim();
const streaming = () => sql('r-primary', "SELECT r.application_name || ':' || r.state || ':' || s.ssl FROM pg_stat_replication r JOIN pg_stat_ssl s USING (pid) ORDER BY 1");

describe.skipIf(!isRoot)('lab replication: a primary with two standbys (needs root)', () => {
  beforeAll(async () => {
    lab = await labUp(SPEC);
  }, 180_000);

  afterAll(async () => {
    await labDown();
  });

  it('streams asynchronously over TLS to each standby under its standby name, one slot each', async () => {
    expect(await streaming()).toBe('standby_one:streaming:true\nstandby_two:streaming:true');
    expect(await sql('r-primary', "SELECT slot_name || ':' || active FROM pg_replication_slots ORDER BY 1")).toBe('standby_one:true\nstandby_two:true');
    expect(await sql('r-primary', 'SELECT DISTINCT sync_state FROM pg_stat_replication')).toBe('async');
  });

  it('makes each standby a read-only copy with /home/root/standby.conf', async () => {
    for (const [standby, name] of [['r-sb1', 'standby_one'], ['r-sb2', 'standby_two']] as const) {
      expect(await sql(standby, 'SELECT pg_is_in_recovery()')).toBe('t');
      expect(await sql(standby, 'SELECT database FROM instances', 'manager')).toBe('example.com_users');
      expect(JSON.parse((await inPlatform(standby, ['cat', '/home/root/standby.conf'])).stdout)).toEqual({ primary: address('r-primary'), name });
    }
  });

  it('replays writes on the primary on both standbys', async () => {
    await inPlatform('r-primary', ['psql', '-X', '-d', 'manager', '-c', "INSERT INTO config (name, value) VALUES ('labProbe', 'written on the primary')"]);
    for (const standby of ['r-sb1', 'r-sb2']) {
      await expect.poll(() => sql(standby, "SELECT value FROM config WHERE name = 'labProbe'", 'manager'), { timeout: 10_000 }).toBe('written on the primary');
    }
  });

  it('shows a stopped standby as gone with an inactive slot, and streaming again after start', async () => {
    await fault.stopPostgres('r-sb1');
    await expect.poll(streaming, { timeout: 15_000 }).toBe('standby_two:streaming:true');
    expect(await sql('r-primary', "SELECT active FROM pg_replication_slots WHERE slot_name = 'standby_one'")).toBe('f');
    await fault.startPostgres('r-sb1');
    await expect.poll(streaming, { timeout: 20_000 }).toBe('standby_one:streaming:true\nstandby_two:streaming:true');
  });

  it('loses a partitioned standby and gets it back when healed', async () => {
    await fault.partition('r-sb2', address('r-primary'));
    await expect.poll(streaming, { timeout: 30_000, interval: 500 }).toBe('standby_one:streaming:true');
    await fault.healPartition('r-sb2', address('r-primary'));
    await expect.poll(streaming, { timeout: 30_000, interval: 500 }).toBe('standby_one:streaming:true\nstandby_two:streaming:true');
  });

  it('names the expected roles in the fleet file', async () => {
    const fleet = JSON.parse(await readFile(fleetFile(), 'utf8')) as { sites: Array<{ platforms: Array<{ name: string; expectedRole: string }> }> };
    const roles = Object.fromEntries(fleet.sites.flatMap((s) => s.platforms).map((p) => [p.name, p.expectedRole]));
    expect(roles).toEqual({ 'r-primary': 'primary', 'r-sb1': 'standby', 'r-sb2': 'standby' });
  });
});
