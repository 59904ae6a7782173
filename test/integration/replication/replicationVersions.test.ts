import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReplication } from '../../../electron/core/replication/readReplication';
import type { ReplicationHints } from '../../../electron/core/replication/readReplication';
import type { PrimaryState, ReplicationState, StandbyState } from '../../../electron/core/replication/replicationState';
import { ReplicationState as ReplicationStateSchema } from '../../../electron/core/replication/replicationState';
import { PLAIN_USER, RELEASES, lsnBytes, startReplicationPair, waitFor, walSegmentCount } from './localPostgres';
import type { LocalServer, ReplicationPair } from './localPostgres';

const isRoot = process.getuid?.() === 0;
const WAL_SEGMENT = 16 * 1024 * 1024;
const POLL = { timeout: 30_000, interval: 250 };

/** Reads through a fresh console connection, so a restarted server is read like any other. */
async function read(server: LocalServer, hints: ReplicationHints, user?: string): Promise<ReplicationState> {
  const db = await server.open(user);
  try {
    const state = await readReplication(db, hints);
    expect(ReplicationStateSchema.parse(state)).toEqual(state);
    return state;
  } finally {
    await db.close();
  }
}

const asPrimary = (state: ReplicationState): PrimaryState => {
  if (state.role !== 'primary') throw new Error(`expected a primary reading, got ${state.role}`);
  return state;
};
const asStandby = (state: ReplicationState): StandbyState => {
  if (state.role !== 'standby') throw new Error(`expected a standby reading, got ${state.role}`);
  return state;
};
const between = (lsn: string, earlier: string, later: string) => lsnBytes(lsn) >= lsnBytes(earlier) && lsnBytes(lsn) <= lsnBytes(later);

for (const release of RELEASES) {
  describe.skipIf(!isRoot)(`replication state on PostgreSQL ${release.major} (needs root)`, () => {
    let pair: ReplicationPair | undefined;
    const the = (): ReplicationPair => {
      if (!pair) throw new Error('the replication pair did not start');
      return pair;
    };
    const primaryHints = { standbyConfPresent: false };
    const standbyHints = { standbyConfPresent: true };
    /** Waits until the standby has replayed everything the primary has written (by the servers' own word). */
    const caughtUp = async () => {
      const { primary, standby } = the();
      const target = await primary.sql('SELECT pg_current_wal_lsn()');
      await expect.poll(async () => lsnBytes((await standby.sql('SELECT pg_last_wal_replay_lsn()')) || '0/0') >= lsnBytes(target), POLL).toBe(true);
    };

    beforeAll(async () => {
      pair = await startReplicationPair(release);
      await waitFor('the standby streaming', async () => (await the().primary.sql('SELECT state FROM pg_stat_replication')) === 'streaming');
    });
    afterAll(async () => {
      await pair?.remove();
    });

    it('made the standby as this version expects it', async () => {
      const { standby, madeBy } = the();
      expect(await standby.sql("SELECT current_setting('server_version_num')::int / 10000")).toBe(String(release.major));
      expect(await standby.sql('SELECT pg_is_in_recovery()')).toBe('t');
      await access(join(standby.data, release.major >= 12 ? 'standby.signal' : 'recovery.conf'));
      expect(madeBy).toBe(release.major <= 15 ? 'pg_basebackup' : 'backup_api');
    });

    it('primary: the streaming standby joined to its slot, with lags against the current WAL position', async () => {
      const { primary, standbyName } = the();
      await primary.sql("INSERT INTO probe (note) VALUES ('before reading the primary')");
      await caughtUp();
      const slotLsn = () => primary.sql(`SELECT restart_lsn FROM pg_replication_slots WHERE slot_name = '${standbyName}'`);
      const [before, slotBefore] = [await primary.sql('SELECT pg_current_wal_lsn()'), await slotLsn()];
      const state = asPrimary(await read(primary, primaryHints));
      const [after, slotAfter] = [await primary.sql('SELECT pg_current_wal_lsn()'), await slotLsn()];

      expect(state.serverVersionNum).toBe(Number(await primary.sql("SELECT current_setting('server_version_num')")));
      expect(state).toMatchObject({ inRecovery: false, standbyConfPresent: false, statsVisible: true });
      expect(between(state.currentLsn, before, after)).toBe(true);
      expect(state.standbys).toHaveLength(1);
      const [link] = state.standbys;
      const pid = Number(await primary.sql('SELECT pid FROM pg_stat_replication'));
      expect(link).toMatchObject({ pid, applicationName: standbyName, clientAddress: '127.0.0.1', state: 'streaming', syncState: 'async', slotName: standbyName });
      for (const [lsn, lag] of [
        [link?.sentLsn, link?.sentLagBytes],
        [link?.writeLsn, link?.writeLagBytes],
        [link?.flushLsn, link?.flushLagBytes],
        [link?.replayLsn, link?.replayLagBytes],
      ] as const) {
        expect(lsn).toBeTypeOf('string');
        const behind = lsnBytes(state.currentLsn) - lsnBytes(lsn ?? '0/0');
        expect(lag).toBe(Number(behind < 0n ? 0n : behind));
      }
      if (release.major >= 12) expect(link?.replyAgeSeconds).toBeTypeOf('number');
      else expect(link?.replyAgeSeconds).toBeNull();
      expect(link?.replyAgeSeconds ?? 0).toBeLessThan(60);

      expect(state.slots).toHaveLength(1);
      const [slot] = state.slots;
      expect(slot).toMatchObject({ slotName: standbyName, slotType: 'physical', temporary: false, active: true, activePid: pid, safeWalSizeBytes: null, invalidationReason: null, inactiveSince: null });
      expect(slot?.walStatus).toBe(release.major >= 13 ? 'reserved' : null);
      expect(between(slot?.restartLsn ?? '0/0', slotBefore, slotAfter)).toBe(true);
      expect(slot?.retainedWalBytes).toBe(Number(lsnBytes(state.currentLsn) - lsnBytes(slot?.restartLsn ?? '0/0')));
    });

    it('standby: streaming from the primary, caught up reads 0 seconds behind however old the last transaction is', async () => {
      const { primary, standby, standbyName, replicationPassword } = the();
      await primary.sql("INSERT INTO probe (note) VALUES ('replayed on the standby')");
      const inserted = await primary.sql('SELECT pg_current_wal_lsn()');
      await caughtUp();
      expect(await standby.sql("SELECT count(*) FROM probe WHERE note = 'replayed on the standby'")).toBe('1');
      // The last replayed transaction grows older while nothing is written.
      await expect.poll(async () => Number(await standby.sql('SELECT extract(epoch FROM now() - pg_last_xact_replay_timestamp())')), POLL).toBeGreaterThan(1.5);
      let state: StandbyState | undefined;
      await expect
        .poll(async () => {
          state = asStandby(await read(standby, standbyHints));
          return state.replayLagBytes;
        }, POLL)
        .toBe(0);
      const reading = state as StandbyState;
      const age = Number(await standby.sql('SELECT extract(epoch FROM now() - pg_last_xact_replay_timestamp())'));
      expect(age).toBeGreaterThan(1.5);
      expect(reading).toMatchObject({ condition: 'streaming', inRecovery: true, standbyConfPresent: true, statsVisible: true, replayLagSeconds: 0, replayPaused: false });
      expect(reading.serverVersionNum).toBe(Number(await standby.sql("SELECT current_setting('server_version_num')")));
      expect(reading.receiveLsn).toBeTypeOf('string');
      expect(reading.replayLsn).toBeTypeOf('string');
      expect(lsnBytes(reading.replayLsn ?? '0/0')).toBeGreaterThanOrEqual(lsnBytes(inserted));
      expect(lsnBytes(reading.receiveLsn ?? '0/0')).toBeGreaterThanOrEqual(lsnBytes(inserted));
      expect(reading.lastReplayedTransactionTime).toBe(await standby.sql("SELECT to_json(pg_last_xact_replay_timestamp())#>>'{}'"));

      const receiver = reading.receiver;
      expect(receiver).toMatchObject({ status: 'streaming', slotName: standbyName, upstreamHost: '127.0.0.1', upstreamPort: primary.port });
      expect(receiver?.pid).toBe(Number(await standby.sql('SELECT pid FROM pg_stat_wal_receiver')));
      expect(receiver?.flushedLsn).toBeTypeOf('string');
      if (release.major >= 13) expect(receiver?.writtenLsn).toBeTypeOf('string');
      else expect(receiver?.writtenLsn).toBeNull();
      for (const seconds of [receiver?.lastMessageSendAgeSeconds, receiver?.lastMessageReceiptAgeSeconds, receiver?.lastWalReceivedAgeSeconds]) {
        expect(seconds).toBeTypeOf('number');
        expect(seconds).toBeGreaterThanOrEqual(0);
        expect(seconds).toBeLessThan(120);
      }
      // The standby's connection string holds the replication password; the reading never does.
      const secret = replicationPassword.split(' ')[1] ?? replicationPassword;
      expect(await standby.sql('SELECT conninfo FROM pg_stat_wal_receiver')).toContain('password=');
      expect(await readFile(join(standby.data, release.major >= 12 ? 'postgresql.auto.conf' : 'recovery.conf'), 'utf8')).toContain(secret);
      expect(JSON.stringify(reading)).not.toContain(secret);
      expect(JSON.stringify(reading)).not.toMatch(/password/i);
    });

    it('hides the details from a login without pg_read_all_stats and says so', async () => {
      const { primary, standby, standbyName } = the();
      const onPrimary = asPrimary(await read(primary, primaryHints, PLAIN_USER));
      expect(onPrimary.statsVisible).toBe(false);
      expect(onPrimary.standbys).toEqual([expect.objectContaining({ state: null, sentLsn: null, replayLagBytes: null })]);
      expect(onPrimary.slots).toEqual([expect.objectContaining({ slotName: standbyName, active: true })]);
      const onStandby = asStandby(await read(standby, standbyHints, PLAIN_USER));
      expect(onStandby).toMatchObject({ statsVisible: false, condition: 'unknown', receiver: expect.objectContaining({ status: null, upstreamHost: null }) });
    });

    it('a stopped standby leaves its slot inactive, retaining the WAL written since', async () => {
      const { primary, standby, standbyName } = the();
      await standby.stop();
      let state: PrimaryState | undefined;
      await expect
        .poll(async () => {
          state = asPrimary(await read(primary, primaryHints));
          return state.standbys.length;
        }, POLL)
        .toBe(0);
      const first = state as PrimaryState;
      expect(first.slots).toEqual([expect.objectContaining({ slotName: standbyName, active: false, activePid: null })]);
      if (release.major >= 17) expect(first.slots[0]?.inactiveSince).toBeTypeOf('string');
      const restartLsn = first.slots[0]?.restartLsn ?? '';

      const from = await primary.sql('SELECT pg_current_wal_lsn()');
      await primary.sql("INSERT INTO probe (note) SELECT repeat(md5(g::text), 40) FROM generate_series(1, 6000) g;\nSELECT pg_switch_wal();\nINSERT INTO probe (note) VALUES ('after the switch');");
      const to = await primary.sql('SELECT pg_current_wal_lsn()');
      const written = lsnBytes(to) - lsnBytes(from);
      expect(written).toBeGreaterThan(4n * 1024n * 1024n);

      const later = asPrimary(await read(primary, primaryHints));
      const [slot] = later.slots;
      expect(slot).toMatchObject({ slotName: standbyName, active: false, restartLsn });
      expect(BigInt(slot?.retainedWalBytes ?? 0)).toBeGreaterThanOrEqual(BigInt(first.slots[0]?.retainedWalBytes ?? 0) + written);
      expect(slot?.retainedWalBytes).toBe(Number(lsnBytes(later.currentLsn) - lsnBytes(restartLsn)));
      if (release.major >= 13) expect(['reserved', 'extended']).toContain(slot?.walStatus);
      // The retained WAL is really on the primary's disk.
      expect((await walSegmentCount(primary.data)) * WAL_SEGMENT).toBeGreaterThanOrEqual(slot?.retainedWalBytes ?? Infinity);
    });

    it('the standby without its primary has no WAL receiver, and replayed all it received', async () => {
      const { primary, standby } = the();
      await standby.start();
      await expect.poll(async () => asStandby(await read(standby, standbyHints)).condition, POLL).toBe('streaming');
      await caughtUp();
      await primary.stop();
      try {
        let state: StandbyState | undefined;
        await expect
          .poll(async () => {
            state = asStandby(await read(standby, standbyHints));
            return state.condition;
          }, POLL)
          .toBe('no_wal_receiver');
        expect(await standby.sql('SELECT count(*) FROM pg_stat_wal_receiver')).toBe('0');
        expect(state).toMatchObject({ inRecovery: true, receiver: null, replayLagBytes: 0, replayLagSeconds: 0 });
        expect(state?.receiveLsn).toBe(await standby.sql('SELECT pg_last_wal_receive_lsn()'));
      } finally {
        await primary.start();
      }
      await expect.poll(async () => asStandby(await read(standby, standbyHints)).condition, POLL).toBe('streaming');
    });

    it('a promoted standby with standby.conf is a broken standby, not a healthy primary', async () => {
      const { standby } = the();
      await standby.promote();
      await expect.poll(() => standby.sql('SELECT pg_is_in_recovery()'), POLL).toBe('f');
      const withConf = asStandby(await read(standby, standbyHints));
      expect(withConf).toMatchObject({ condition: 'not_in_recovery', inRecovery: false, receiver: null, replayLagBytes: null, replayLagSeconds: null, replayPaused: null });
      const without = await read(standby, { standbyConfPresent: null });
      expect(without).toMatchObject({ role: 'off', inRecovery: false, standbyConfPresent: null });
    });
  });
}
