import { join } from 'node:path';
import type { Client } from 'ssh2';
import { z } from 'zod';
import type { HostKeyStore } from '../connect/hostKeyStore';
import { createWebserverPinStore } from '../connect/https/webserverPinStore';
import type { SecretLookup } from '../connect/sshAuth';
import { createSshPool } from '../connect/sshPool';
import type { SshPool } from '../connect/sshPool';
import type { Alarm, FleetOverview, LastPlatformStatus, LastPlatformSummary, Settings } from '../contract';
import { fleetOverview } from './fleetOverview';
import { PlatformStatus, statusSummary } from '../contract';
import type { EngineLog } from '../engineLog';
import { FleetError } from '../fleet/fleetError';
import type { InventoryStore } from '../fleet/inventoryStore';
import { createStatusStore } from '../fleet/statusStore';
import type { PlatformFacts } from '../platform/platformFacts';
import { createJsonFileStore } from '../storage/jsonFileStore';
import { AlarmThresholds, defaultThresholds, thresholdsWith } from './alarmThresholds';
import { AlarmTracker } from './alarmTracker';
import type { AcknowledgeOutcome, AlarmChange, TrackedAlarm } from './alarmTracker';
import { sshFailed, testConnection } from './connectionTest';
import type { Check } from './connectionTest';
import { historyPoints } from './historyPoints';
import { platformProbe } from './platformProbe';
import { platformStatus } from './platformStatus';
import { pollEntriesFor, pollEntryFor } from './pollEntries';
import type { PollEntriesOptions } from './pollEntries';
import type { PollTarget } from './pollPlatform';
import type { PollEntry } from './poller';
import { Poller } from './poller';
import { groupRole } from './replicationGroupAlarms';
import { RootSessions } from './rootSessions';
import { createUsageHistory } from './usageHistory';

/** The settings that steer the monitor. */
export type MonitorSettings = Pick<Settings, 'pollIntervalSeconds' | 'alarmThresholds'>;

/** A platform's pooled connection, for work beside the polls (the terminal). */
export interface PooledClient {
  client: Client;
  /** The platform's name, for messages. */
  label: string;
  rootPasswordRef: string | null;
}

export interface MonitorServiceOptions {
  dataDir: string;
  inventory: InventoryStore;
  hostKeys: HostKeyStore;
  secrets: SecretLookup;
  emitStatus(status: PlatformStatus): void;
  emitAlarms(changes: Array<{ type: AlarmChange['type']; alarm: Alarm }>): void;
  log: EngineLog;
  /** Read at start and before every round; without it the interval and limits below hold. */
  settings?: () => Promise<MonitorSettings>;
  intervalMs?: number;
  concurrency?: number;
  platformTimeoutMs?: number;
  thresholds?: Partial<AlarmThresholds>;
  largeInstanceSharePercent?: number;
}

export interface MonitorService {
  start(): void;
  stop(): Promise<void>;
  pollNow(platformIds?: readonly string[]): Promise<{ polled: number; reached: number }>;
  statuses(): Promise<{ statuses: LastPlatformStatus[]; problem: string | null }>;
  /** The same in brief: reach, build, disk and replication of every platform. */
  summaries(): Promise<{ statuses: LastPlatformSummary[]; problem: string | null }>;
  /** The inventory with each platform's last status in brief: the Fleet screen's first read. */
  overview(): Promise<FleetOverview>;
  /** The last known status of each named platform that has one, in the order named. */
  statusesOf(platformIds: readonly string[]): Promise<LastPlatformStatus[]>;
  /** Active alarms and the newest cleared ones, once the saved ones are read back. */
  alarms(): Promise<{ active: Alarm[]; history: Alarm[] }>;
  trustCertificate(platformId: string, sha256: string): Promise<{ platformId: string; sha256: string; pinnedAt: string }>;
  forgetCertificate(platformId: string): Promise<void>;
  /** After a host key decision: the platform's connection opens anew. */
  resetConnection(platformId: string): void;
  /** After new credentials or an unlocked vault: failed platforms are tried again at the next poll. */
  retrySoon(): void;
  /** Changed settings: the schedule and the alarm limits follow at once, without a restart. */
  applySettings(settings: MonitorSettings): void;
  acknowledge(alarmId: string, note: string): Promise<{ alarm: Alarm } | Extract<AcknowledgeOutcome, { problem: string }>>;
  /** The usage history of an inventory platform, oldest first; throws a FleetError for an unknown platform. */
  history(platformId: string): Promise<{ platformId: string; points: ReturnType<typeof historyPoints> }>;
  testConnection(platformId: string): Promise<{ platformId: string; checks: Check[] }>;
  /** How the monitor reaches an inventory platform; throws a FleetError when it is unknown or cannot be reached as configured. */
  targetFor(platformId: string): Promise<PollTarget>;
  /** The platform's pooled SSH connection (opened when needed, at once even after failures), shared with the polls. */
  acquireClient(platformId: string, signal?: AbortSignal): Promise<PooledClient>;
  readonly pool: SshPool;
}

const ALARMS_FILE = 'alarms.json';
const HISTORY_SHOWN = 500;
const FLUSH_MS = 2_000;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const SavedAlarm = z.strictObject({
  id: z.string(), platformId: z.string(), key: z.string(), kind: z.string(), severity: z.enum(['warning', 'critical']), cause: z.string(),
  wizard: z.string().nullable(), raisedAt: z.number(), changedAt: z.number(), clearedAt: z.number().nullable(),
  acknowledged: z.strictObject({ at: z.number(), note: z.string() }).nullable().default(null),
});
const AlarmsFile = z.strictObject({ version: z.literal(1), alarms: z.array(SavedAlarm) });

export function toWireAlarm(alarm: TrackedAlarm): Alarm {
  const acknowledged = alarm.acknowledged ? { at: iso(alarm.acknowledged.at) as string, note: alarm.acknowledged.note } : null;
  return { ...alarm, raisedAt: iso(alarm.raisedAt) as string, changedAt: iso(alarm.changedAt) as string, clearedAt: iso(alarm.clearedAt), acknowledged };
}

/**
 * The fleet monitor of the engine: polls every platform of the inventory on a schedule and on demand, keeps the
 * last status of each (shown at once at the next start), the usage history and the alarms, and reports changes.
 */
export function createMonitorService(options: MonitorServiceOptions): MonitorService {
  const baseThresholds = AlarmThresholds.parse({ ...defaultThresholds(), ...options.thresholds });
  let thresholds = baseThresholds;
  const statusStore = createStatusStore(options.dataDir, PlatformStatus);
  const alarmsFile = createJsonFileStore(join(options.dataDir, ALARMS_FILE), AlarmsFile, () => ({ version: 1 as const, alarms: [] }));
  const history = createUsageHistory(options.dataDir, (message) => options.log.error(message));
  const tracker = new AlarmTracker();
  const connect = { pinsFor: (id: string) => options.hostKeys.pinsFor(id), secrets: options.secrets };
  const pool = createSshPool(connect);
  const roots = new RootSessions();
  const certificatePins = createWebserverPinStore(options.dataDir);
  const pending = new Map<string, PlatformStatus>();
  let known = new Set<string>();
  let flushing: Promise<void> = Promise.resolve();
  let flushTimer: NodeJS.Timeout | undefined;

  const flush = () => {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    const batch = [...pending.values()];
    pending.clear();
    flushing = flushing
      .then(async () => {
        if (batch.length > 0) await statusStore.recordMany(batch.map((status) => ({ platformId: status.platformId, status, at: new Date(status.polledAt) })));
        await history.flush();
        const saved = [...tracker.active(), ...tracker.history()];
        await alarmsFile.update(() => ({ version: 1, alarms: saved }));
      })
      .catch((error: unknown) => options.log.error('saving the monitor state failed', error));
    return flushing;
  };
  const later = () => {
    flushTimer ??= setTimeout(() => void flush(), FLUSH_MS);
    flushTimer.unref();
  };
  const reportChanges = (changes: AlarmChange[]) => {
    options.emitAlarms(changes.map((change) => ({ type: change.type, alarm: toWireAlarm(change.alarm) })));
    later();
  };

  const applySettings = (settings: MonitorSettings) => {
    thresholds = thresholdsWith(baseThresholds, settings.alarmThresholds);
    poller.reschedule(settings.pollIntervalSeconds * 1000);
  };
  const readSettings = async () => {
    if (options.settings) applySettings(await options.settings());
  };
  const entryOptions = async (): Promise<PollEntriesOptions> => {
    const pins = new Map((await certificatePins.all()).map((pin) => [pin.platformId, pin.sha256]));
    return { largeInstanceSharePercent: options.largeInstanceSharePercent ?? 20, certificatePin: (id) => pins.get(id) ?? null };
  };
  const targetFor = async (platformId: string): Promise<PollTarget> => {
    const entry = pollEntryFor(await options.inventory.read(), platformId, await entryOptions());
    if (!entry) throw new FleetError('not_found', `There is no platform with id ${platformId} in the inventory. Reload the fleet.`);
    if ('problem' in entry) throw new FleetError('invalid', entry.problem);
    return entry.target;
  };

  /** The entries of the current inventory; platforms that left it are forgotten, unusable ones get their alarm. */
  const entries = async (): Promise<PollEntry[]> => {
    await readSettings().catch((error: unknown) => options.log.error('reading the settings for a poll round failed', error));
    const inventory = await options.inventory.read();
    const result = pollEntriesFor(inventory, await entryOptions());
    const now = Date.now();
    for (const problem of result.problems) {
      const cause = `${problem.message}`;
      const changes = tracker.apply(problem.platformId, [{ key: 'access.unreachable', kind: 'access.unreachable', severity: 'critical', cause, wizard: null }], new Set(['access']), now);
      if (changes.length > 0) reportChanges(changes);
    }
    const ids = new Set(inventory.platforms.map((p) => p.id));
    for (const id of known) {
      if (ids.has(id)) continue;
      const changes = tracker.forget(id, now);
      poller.forget(id);
      pool.reset(id);
      roots.close(id);
      await history.forget(id);
      await certificatePins.forget(id);
      if (changes.length > 0) reportChanges(changes);
    }
    if ([...known].some((id) => !ids.has(id))) await statusStore.retain(ids);
    known = ids;
    return result.entries;
  };

  const poller = new Poller<PlatformFacts>({
    entries,
    deps: { pool, roots, secrets: options.secrets, probe: platformProbe },
    history,
    tracker,
    thresholds: () => thresholds,
    intervalMs: options.intervalMs ?? 60_000,
    concurrency: options.concurrency ?? 50,
    platformTimeoutMs: options.platformTimeoutMs ?? 90_000,
    onPoll: (poll) => {
      void history.samples(poll.platformId).then((samples) => {
        const status = platformStatus(poll, samples, thresholds.fillRateWindowHours);
        pending.set(status.platformId, status);
        options.emitStatus(status);
        later();
      });
    },
    onAlarms: reportChanges,
    onError: (error) => options.log.error('a poll round failed', error),
  });

  const restored = (async () => {
    await readSettings().catch((error: unknown) => options.log.error('reading the settings failed; the monitor uses its defaults', error));
    const saved = await alarmsFile.read();
    tracker.restore(saved.alarms.map((a) => ({ ...a, kind: a.kind as TrackedAlarm['kind'], wizard: a.wizard as TrackedAlarm['wizard'] })));
    const last = await statusStore.all();
    poller.remember(last.map(({ status }) => ({ platformId: status.platformId, reserveFilePresent: status.reserveFilePresent, role: status.replication ? groupRole(status.replication) : null })));
  })().catch((error: unknown) => options.log.error('reading the saved monitor state failed', error));

  const lastStatuses = async (): Promise<LastPlatformStatus[]> => {
    await restored;
    await flushing;
    return (await statusStore.all()).map(({ status, ageSeconds }) => ({ status, ageSeconds }));
  };

  return {
    start() {
      void restored.then(() => poller.start());
    },
    async stop() {
      poller.stop();
      roots.close();
      pool.closeAll();
      await flush();
    },
    async pollNow(platformIds) {
      await restored;
      const polls = await poller.pollNow(platformIds);
      await new Promise((resolve) => setImmediate(resolve));
      await flush();
      return { polled: polls.length, reached: polls.filter((p) => p.reach.state === 'ok').length };
    },
    async statuses() {
      return { statuses: await lastStatuses(), problem: statusStore.problem() };
    },
    async summaries() {
      const statuses = await lastStatuses();
      return { statuses: statuses.map(({ status, ageSeconds }) => ({ status: statusSummary(status), ageSeconds })), problem: statusStore.problem() };
    },
    async overview() {
      const [inventory, statuses] = await Promise.all([options.inventory.read(), lastStatuses()]);
      return fleetOverview(inventory, statuses, { problem: options.inventory.problem(), statusProblem: statusStore.problem() });
    },
    async statusesOf(platformIds) {
      await restored;
      await flushing;
      const now = new Date();
      const found = await Promise.all([...new Set(platformIds)].map((id) => statusStore.get(id, now)));
      return found.filter((entry) => entry !== null).map(({ status, ageSeconds }) => ({ status, ageSeconds }));
    },
    trustCertificate: (platformId, sha256) => certificatePins.trust(platformId, sha256),
    forgetCertificate: (platformId) => certificatePins.forget(platformId),
    resetConnection(platformId) {
      roots.close(platformId);
      pool.reset(platformId);
    },
    retrySoon() {
      pool.retrySoon();
    },
    async alarms() {
      await restored;
      return { active: tracker.active().map(toWireAlarm), history: tracker.history().slice(0, HISTORY_SHOWN).map(toWireAlarm) };
    },
    applySettings,
    async acknowledge(alarmId, note) {
      await restored;
      const outcome = tracker.acknowledge(alarmId, note, Date.now());
      if ('problem' in outcome) return outcome;
      options.emitAlarms([{ type: 'changed', alarm: toWireAlarm(outcome.alarm) }]);
      await flush();
      return { alarm: toWireAlarm(outcome.alarm) };
    },
    async history(platformId) {
      const inventory = await options.inventory.read();
      if (!inventory.platforms.some((p) => p.id === platformId)) throw new FleetError('not_found', `There is no platform with id ${platformId} in the inventory, so it has no usage history. Reload the fleet.`);
      return { platformId, points: historyPoints(await history.samples(platformId), Date.now()) };
    },
    async testConnection(platformId) {
      let target: PollTarget;
      try {
        target = await targetFor(platformId);
      } catch (error) {
        if (!(error instanceof FleetError) || error.reason !== 'invalid') throw error;
        return { platformId, checks: sshFailed(error.message) };
      }
      return { platformId, checks: await testConnection(target, { connect, probe: platformProbe }) };
    },
    targetFor,
    async acquireClient(platformId, signal) {
      const target = await targetFor(platformId);
      const { client } = await pool.acquire(target.ssh, { signal, retryNow: true });
      return { client, label: target.name, rootPasswordRef: target.rootPasswordRef };
    },
    pool,
  };
}
