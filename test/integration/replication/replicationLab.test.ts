import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformDatabase } from '../../../electron/core/connect/pg/databaseTypes';
import { openPlatformDatabase } from '../../../electron/core/connect/pg/platformDatabase';
import { openRootSession } from '../../../electron/core/connect/root/rootSession';
import type { RootSession } from '../../../electron/core/connect/root/rootSession';
import { readReplication } from '../../../electron/core/replication/readReplication';
import type { PrimaryState, ReplicationState, StandbyState } from '../../../electron/core/replication/replicationState';
import { ReplicationState as ReplicationStateSchema } from '../../../electron/core/replication/replicationState';
import { STANDBY_CONF_PATH, standbyConfPresent } from '../../../electron/core/replication/standbyConf';
import * as fault from '../../lab/faults';
import { PGDATA } from '../../lab/initScripts';
import { inPlatform } from '../../lab/platformNamespace';
import { caught } from '../../support/caughtConnectError';
import { isRoot, startConnectLab } from '../connect/connectLab';
import type { ConnectLab } from '../connect/connectLab';
import { lsnBytes } from './localPostgres';

const PRIMARY = 'rl-primary';
const STANDBYS = [
  { platform: 'rl-sb1', standbyName: 'standby_one' },
  { platform: 'rl-sb2', standbyName: 'standby_two' },
] as const;
const SPEC = {
  platforms: [{ name: PRIMARY }, { name: STANDBYS[0].platform, sshServer: 'dropbear' }, { name: STANDBYS[1].platform }],
  replication: [{ primary: PRIMARY, standbys: STANDBYS.map((s) => ({ ...s })) }],
};
const POLL = { timeout: 45_000, interval: 500 };
/** A TCP connect that started during the partition waits for its next SYN retransmission after the heal. */
const RECONNECT_POLL = { timeout: 150_000, interval: 1_000 };

/** psql as root inside the platform: what the platform itself says, independent of the console. */
async function labSql(platform: string, sql: string): Promise<string> {
  return (await inPlatform(platform, ['psql', '-X', '-At', '-F', '|', '-d', 'postgres', '-c', sql])).stdout.trim();
}

const asPrimary = (state: ReplicationState): PrimaryState => {
  if (state.role !== 'primary') throw new Error(`expected a primary reading, got ${state.role}`);
  return state;
};
const asStandby = (state: ReplicationState): StandbyState => {
  if (state.role !== 'standby') throw new Error(`expected a standby reading, got ${state.role}`);
  return state;
};

describe.skipIf(!isRoot)('replication state of the lab group read over SSH, as root through psql (needs root)', () => {
  let lab: ConnectLab;
  const roots = new Map<string, RootSession>();
  const databases = new Map<string, PlatformDatabase>();
  const address = (name: string) => lab.platform(name).address;

  /** The console's reading: standby.conf asked as root, then the state through the platform's database. */
  const read = async (name: string): Promise<ReplicationState> => {
    const root = roots.get(name);
    const db = databases.get(name);
    if (!root || !db) throw new Error(`${name} is not connected`);
    const state = await readReplication(db, { standbyConfPresent: await standbyConfPresent(root) });
    expect(ReplicationStateSchema.parse(state)).toEqual(state);
    return state;
  };
  const primaryState = async () => asPrimary(await read(PRIMARY));
  const standbyState = async (name: string) => asStandby(await read(name));
  const streamingNames = async () => (await primaryState()).standbys.filter((s) => s.state === 'streaming').map((s) => s.applicationName);

  beforeAll(async () => {
    lab = await startConnectLab(SPEC);
    for (const name of [PRIMARY, ...STANDBYS.map((s) => s.platform)]) {
      await lab.trust(lab.target(name));
      const link = await lab.connect(name);
      const root = await openRootSession(link.client, 'iplinux', { platformId: name });
      roots.set(name, root);
      databases.set(name, await openPlatformDatabase({ client: link.client, platform: name, database: 'postgres', root: async () => root }));
    }
  });
  afterAll(async () => {
    for (const db of databases.values()) await db.close().catch(() => undefined);
    for (const root of roots.values()) root.close();
    await lab?.stop();
  });

  it('reads each platform through psql as root, and standby.conf where the lab wrote it', async () => {
    for (const [name, db] of databases) expect(db.via, name).toBe('psql-root');
    for (const name of [PRIMARY, ...STANDBYS.map((s) => s.platform)]) {
      const there = (await inPlatform(name, ['test', '-f', STANDBY_CONF_PATH], { allowFailure: true })).code === 0;
      expect(await standbyConfPresent(roots.get(name) as RootSession), name).toBe(there);
      expect(there, name).toBe(name !== PRIMARY);
    }
  });

  it('primary: both standbys streaming from their own slots, as pg_stat_replication says', async () => {
    await expect.poll(streamingNames, POLL).toEqual(['standby_one', 'standby_two']);
    const state = await primaryState();
    expect(state).toMatchObject({ inRecovery: false, standbyConfPresent: false, statsVisible: true });
    expect(state.serverVersionNum).toBe(Number(await labSql(PRIMARY, "SELECT current_setting('server_version_num')")));
    const senders = (await labSql(PRIMARY, 'SELECT application_name, pid, host(client_addr) FROM pg_stat_replication ORDER BY 1')).split('\n').map((line) => line.split('|'));
    expect(state.standbys.map((s) => [s.applicationName, String(s.pid), s.clientAddress])).toEqual(senders);
    for (const { platform, standbyName } of STANDBYS) {
      const link = state.standbys.find((s) => s.applicationName === standbyName);
      expect(link).toMatchObject({ clientAddress: address(platform), state: 'streaming', syncState: 'async', slotName: standbyName });
      expect(link?.replyAgeSeconds).toBeTypeOf('number');
      const behind = lsnBytes(state.currentLsn) - lsnBytes(link?.replayLsn ?? '0/0');
      expect(link?.replayLagBytes).toBe(Number(behind < 0n ? 0n : behind));
      const slot = state.slots.find((s) => s.slotName === standbyName);
      expect(slot).toMatchObject({ slotType: 'physical', active: true, activePid: link?.pid, walStatus: 'reserved' });
      expect(slot?.retainedWalBytes).toBe(Number(lsnBytes(state.currentLsn) - lsnBytes(slot?.restartLsn ?? '0/0')));
    }
    expect(state.slots.map((s) => s.slotName)).toEqual((await labSql(PRIMARY, 'SELECT slot_name FROM pg_replication_slots ORDER BY 1')).split('\n'));
  });

  it('standbys: streaming from the primary on 5432 under their slot, caught up, never the replication password', async () => {
    for (const { platform, standbyName } of STANDBYS) {
      const conf = (await inPlatform(platform, ['cat', `${PGDATA}/postgresql.auto.conf`])).stdout;
      const password = /password=([^\s']+)/.exec(conf)?.[1];
      expect(password, platform).toMatch(/^[0-9a-f]{32}$/);
      let state: StandbyState | undefined;
      await expect
        .poll(async () => {
          state = await standbyState(platform);
          return [state.condition, state.replayLagBytes];
        }, POLL)
        .toEqual(['streaming', 0]);
      const reading = state as StandbyState;
      expect(reading).toMatchObject({ inRecovery: true, standbyConfPresent: true, replayLagSeconds: 0, replayPaused: false });
      expect(reading.receiver).toMatchObject({ status: 'streaming', slotName: standbyName, upstreamHost: address(PRIMARY), upstreamPort: 5432 });
      expect(reading.receiver?.pid).toBe(Number(await labSql(platform, 'SELECT pid FROM pg_stat_wal_receiver')));
      expect(lsnBytes(reading.replayLsn ?? '0/0')).toBeLessThanOrEqual(lsnBytes(await labSql(platform, 'SELECT pg_last_wal_replay_lsn()')));
      expect(JSON.stringify(reading)).not.toContain(password);
    }
  });

  it('a stopped standby: its slot inactive on the primary and keeping the WAL written since; back to streaming after start', async () => {
    const [{ platform, standbyName }] = STANDBYS;
    await fault.stopPostgres(platform);
    try {
      await expect.poll(streamingNames, POLL).toEqual(['standby_two']);
      const first = await primaryState();
      expect(first.standbys.map((s) => s.applicationName)).toEqual(['standby_two']);
      const gone = first.slots.find((s) => s.slotName === standbyName);
      expect(gone).toMatchObject({ active: false, activePid: null });
      expect(first.slots.find((s) => s.slotName === 'standby_two')).toMatchObject({ active: true });

      const from = await labSql(PRIMARY, 'SELECT pg_current_wal_lsn()');
      await inPlatform(PRIMARY, ['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', 'postgres', '-f', '-'], {
        input: 'CREATE TABLE apc_wal_probe AS SELECT repeat(md5(g::text), 40) AS t FROM generate_series(1, 3000) g;\nDROP TABLE apc_wal_probe;\nSELECT pg_switch_wal();\n',
      });
      const to = await labSql(PRIMARY, 'SELECT pg_current_wal_lsn()');
      const written = lsnBytes(to) - lsnBytes(from);
      expect(written).toBeGreaterThan(2n * 1024n * 1024n);

      const later = await primaryState();
      const slot = later.slots.find((s) => s.slotName === standbyName);
      expect(slot).toMatchObject({ active: false, restartLsn: gone?.restartLsn });
      expect(BigInt(slot?.retainedWalBytes ?? 0)).toBeGreaterThanOrEqual(BigInt(gone?.retainedWalBytes ?? 0) + written);
      expect(slot?.retainedWalBytes).toBe(Number(lsnBytes(later.currentLsn) - lsnBytes(slot?.restartLsn ?? '0/0')));

      const unreachable = await caught(read(platform));
      expect(unreachable.code).toBe('unreachable');
      expect(unreachable.message).toMatch(/PostgreSQL is not running on platform rl-sb1/);
    } finally {
      await fault.startPostgres(platform);
    }
    await expect.poll(streamingNames, POLL).toEqual(['standby_one', 'standby_two']);
    await expect.poll(async () => (await standbyState(platform)).condition, POLL).toBe('streaming');
    await expect.poll(async () => (await primaryState()).slots.find((s) => s.slotName === standbyName)?.active, POLL).toBe(true);
  });

  it('a standby cut off from its primary: no WAL receiver on its side, its slot inactive on the primary; streaming again when healed', { timeout: 300_000 }, async () => {
    const [, { platform, standbyName }] = STANDBYS;
    await fault.partition(platform, address(PRIMARY));
    try {
      let state: StandbyState | undefined;
      await expect
        .poll(async () => {
          state = await standbyState(platform);
          return state.condition;
        }, POLL)
        .toBe('no_wal_receiver');
      expect(await labSql(platform, 'SELECT count(*) FROM pg_stat_wal_receiver')).toBe('0');
      expect(state).toMatchObject({ inRecovery: true, standbyConfPresent: true, receiver: null, replayLagBytes: 0, replayLagSeconds: 0 });

      await expect.poll(streamingNames, POLL).toEqual(['standby_one']);
      expect((await primaryState()).slots.find((s) => s.slotName === standbyName)).toMatchObject({ active: false, activePid: null });
    } finally {
      await fault.healPartition(platform, address(PRIMARY));
    }
    await expect.poll(async () => (await standbyState(platform)).condition, RECONNECT_POLL).toBe('streaming');
    await expect.poll(streamingNames, POLL).toEqual(['standby_one', 'standby_two']);
  });

  it('the whole group back to streaming, every slot active', async () => {
    const state = await primaryState();
    expect(state.standbys.map((s) => [s.applicationName, s.state])).toEqual([
      ['standby_one', 'streaming'],
      ['standby_two', 'streaming'],
    ]);
    expect(state.slots.map((s) => [s.slotName, s.active])).toEqual([
      ['standby_one', true],
      ['standby_two', true],
    ]);
    for (const { platform, standbyName } of STANDBYS) {
      expect(await standbyState(platform)).toMatchObject({ condition: 'streaming', receiver: { slotName: standbyName, upstreamHost: address(PRIMARY) } });
    }
  });
});
