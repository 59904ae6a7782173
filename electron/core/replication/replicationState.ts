import { z } from 'zod';

/** A WAL position as PostgreSQL prints it ("16/B374D848"). */
const Lsn = z.string().regex(/^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i);
const Bytes = z.number().int().nonnegative();
const Seconds = z.number().nonnegative();

/** What every reading says about the server itself. */
const ServerFacts = {
  /** server_version_num, e.g. 150004. */
  serverVersionNum: z.number().int().positive(),
  /** server_version, e.g. "15.4 (Debian 15.4-1)". */
  serverVersion: z.string(),
  /** pg_is_in_recovery(). */
  inRecovery: z.boolean(),
  /** Whether /home/root/standby.conf exists, as the caller found; null when it could not tell. */
  standbyConfPresent: z.boolean().nullable(),
  /** Whether the login may see other sessions' replication details (superuser or pg_read_all_stats); without it most columns read null. */
  statsVisible: z.boolean(),
  /** The server's clock when it answered (ISO 8601). */
  serverTime: z.string(),
};

/** One WAL sender on the primary (a standby connected now), with the slot it streams from. */
export const StandbyConnection = z.object({
  pid: z.number().int(),
  applicationName: z.string(),
  /** Address the standby connects from; null for a Unix-socket connection or when hidden. */
  clientAddress: z.string().nullable(),
  /** startup, catchup, streaming, backup or stopping. */
  state: z.string().nullable(),
  /** async, potential, sync or quorum. */
  syncState: z.string().nullable(),
  slotName: z.string().nullable(),
  sentLsn: Lsn.nullable(),
  writeLsn: Lsn.nullable(),
  flushLsn: Lsn.nullable(),
  replayLsn: Lsn.nullable(),
  /** Bytes behind pg_current_wal_lsn() at each stage. */
  sentLagBytes: Bytes.nullable(),
  writeLagBytes: Bytes.nullable(),
  flushLagBytes: Bytes.nullable(),
  replayLagBytes: Bytes.nullable(),
  /** PostgreSQL's measured lag of each stage; null once the standby has caught up and nothing is written. */
  writeLagSeconds: Seconds.nullable(),
  flushLagSeconds: Seconds.nullable(),
  replayLagSeconds: Seconds.nullable(),
  /** Time since the standby's last reply (PostgreSQL 12 on); null where the version does not say. */
  replyAgeSeconds: Seconds.nullable(),
});
export type StandbyConnection = z.output<typeof StandbyConnection>;

/** One replication slot on the primary, with or without a standby on it. */
export const ReplicationSlot = z.object({
  slotName: z.string(),
  /** physical or logical. */
  slotType: z.string(),
  temporary: z.boolean(),
  active: z.boolean(),
  activePid: z.number().int().nullable(),
  restartLsn: Lsn.nullable(),
  /** WAL the slot keeps on the primary's disk: pg_current_wal_lsn() minus restart_lsn. */
  retainedWalBytes: Bytes.nullable(),
  /** reserved, extended, unreserved or lost (PostgreSQL 13 on); null where the version does not say. */
  walStatus: z.string().nullable(),
  /** WAL that can still be written before the slot is lost (PostgreSQL 13 on); null when unlimited or not reported. */
  safeWalSizeBytes: z.number().int().nullable(),
  /** When the slot became inactive (PostgreSQL 17 on). */
  inactiveSince: z.string().nullable(),
  /** Why PostgreSQL invalidated the slot (PostgreSQL 17 on), e.g. wal_removed. */
  invalidationReason: z.string().nullable(),
});
export type ReplicationSlot = z.output<typeof ReplicationSlot>;

/** The standby's WAL receiver: its link to the primary. */
export const WalReceiver = z.object({
  pid: z.number().int(),
  /** streaming, starting, waiting, restarting or stopping; null when the login may not see it. */
  status: z.string().nullable(),
  slotName: z.string().nullable(),
  /** The primary it receives from; never the connection string itself (it may hold the password). */
  upstreamHost: z.string().nullable(),
  upstreamPort: z.number().int().nullable(),
  receiveStartLsn: Lsn.nullable(),
  /** Written to disk (PostgreSQL 13 on; null before). */
  writtenLsn: Lsn.nullable(),
  /** Flushed to disk (received_lsn before PostgreSQL 13). */
  flushedLsn: Lsn.nullable(),
  /** The primary's WAL end as last reported to the standby. */
  latestEndLsn: Lsn.nullable(),
  lastMessageSendAgeSeconds: Seconds.nullable(),
  lastMessageReceiptAgeSeconds: Seconds.nullable(),
  /** Time since the primary's WAL end last moved on as seen here: how long no new WAL has arrived. */
  lastWalReceivedAgeSeconds: Seconds.nullable(),
});
export type WalReceiver = z.output<typeof WalReceiver>;

/**
 * How a standby stands:
 * - streaming: the WAL receiver streams from the primary;
 * - receiver_not_streaming: a WAL receiver exists but is starting, waiting or restarting;
 * - unknown: a WAL receiver exists but the login may not see its status (needs pg_read_all_stats);
 * - no_wal_receiver: in recovery without a WAL receiver (the primary is unreachable or refuses it);
 * - not_in_recovery: standby.conf is there but the server is not in recovery (promoted, or replication broken).
 */
export const StandbyCondition = z.enum(['streaming', 'receiver_not_streaming', 'unknown', 'no_wal_receiver', 'not_in_recovery']);
export type StandbyCondition = z.output<typeof StandbyCondition>;

export const OffState = z.object({ role: z.literal('off'), ...ServerFacts });

export const PrimaryState = z.object({
  role: z.literal('primary'),
  ...ServerFacts,
  currentLsn: Lsn,
  /** Standbys connected now. */
  standbys: z.array(StandbyConnection),
  /** Every slot; one without an active standby is a standby that is gone. */
  slots: z.array(ReplicationSlot),
});

export const StandbyState = z.object({
  role: z.literal('standby'),
  ...ServerFacts,
  condition: StandbyCondition,
  receiver: WalReceiver.nullable(),
  /** Last WAL received and flushed (pg_last_wal_receive_lsn()). */
  receiveLsn: Lsn.nullable(),
  /** Last WAL replayed (pg_last_wal_replay_lsn()). */
  replayLsn: Lsn.nullable(),
  /** Received but not yet replayed. */
  replayLagBytes: Bytes.nullable(),
  /** 0 when everything received is replayed; else the age of the last replayed transaction; null when unknown. */
  replayLagSeconds: Seconds.nullable(),
  /** Commit time of the last replayed transaction (the primary's clock). */
  lastReplayedTransactionTime: z.string().nullable(),
  replayPaused: z.boolean().nullable(),
});

export const ReplicationState = z.discriminatedUnion('role', [OffState, PrimaryState, StandbyState]);
export type ReplicationState = z.output<typeof ReplicationState>;
export type PrimaryState = z.output<typeof PrimaryState>;
export type StandbyState = z.output<typeof StandbyState>;
export type OffState = z.output<typeof OffState>;
export type ReplicationRole = ReplicationState['role'];
