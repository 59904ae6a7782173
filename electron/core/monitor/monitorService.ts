import { join } from 'node:path';
import { z } from 'zod';
import type { HostKeyStore } from '../connect/hostKeyStore';
import { createWebserverPinStore } from '../connect/https/webserverPinStore';
import type { SecretLookup } from '../connect/sshAuth';
import { createSshPool } from '../connect/sshPool';
import type { Alarm} from '../contract';
import { PlatformStatus } from '../contract';
import type { EngineLog } from '../engineLog';
import type { InventoryStore } from '../fleet/inventoryStore';
import { createStatusStore } from '../fleet/statusStore';
import type { PlatformFacts } from '../platform/platformFacts';
import { createJsonFileStore } from '../storage/jsonFileStore';
import { AlarmThresholds, defaultThresholds } from './alarmThresholds';
import { AlarmTracker } from './alarmTracker';
import type { AlarmChange, TrackedAlarm } from './alarmTracker';
import { platformProbe } from './platformProbe';
import { platformStatus } from './platformStatus';
import { pollEntriesFor } from './pollEntries';
import type { PollEntry } from './poller';
import { Poller } from './poller';
import { groupRole } from './replicationGroupAlarms';
import { RootSessions } from './rootSessions';
import { createUsageHistory } from './usageHistory';

export interface MonitorServiceOptions {
  dataDir: string;
  inventory: InventoryStore;
  hostKeys: HostKeyStore;
  secrets: SecretLookup;
  emitStatus(status: PlatformStatus): void;
  emitAlarms(changes: Array<{ type: AlarmChange['type']; alarm: Alarm }>): void;
  log: EngineLog;
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
  statuses(): Promise<{ statuses: Array<{ status: PlatformStatus; ageSeconds: number }>; problem: string | null }>;
  alarms(): { active: Alarm[]; history: Alarm[] };
  trustCertificate(platformId: string, sha256: string): Promise<{ platformId: string; sha256: string; pinnedAt: string }>;
  forgetCertificate(platformId: string): Promise<void>;
  /** After a host key decision: the platform's connection opens anew. */
  resetConnection(platformId: string): void;
  /** After new credentials or an unlocked vault: failed platforms are tried again at the next poll. */
  retrySoon(): void;
}

const ALARMS_FILE = 'alarms.json';
const HISTORY_SHOWN = 500;
const FLUSH_MS = 2_000;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const SavedAlarm = z.strictObject({
  id: z.string(), platformId: z.string(), key: z.string(), kind: z.string(), severity: z.enum(['warning', 'critical']), cause: z.string(),
  wizard: z.string().nullable(), raisedAt: z.number(), changedAt: z.number(), clearedAt: z.number().nullable(),
});
const AlarmsFile = z.strictObject({ version: z.literal(1), alarms: z.array(SavedAlarm) });

export function toWireAlarm(alarm: TrackedAlarm): Alarm {
  return { ...alarm, raisedAt: iso(alarm.raisedAt) as string, changedAt: iso(alarm.changedAt) as string, clearedAt: iso(alarm.clearedAt) };
}

/**
 * The fleet monitor of the engine: polls every platform of the inventory on a schedule and on demand, keeps the
 * last status of each (shown at once at the next start), the usage history and the alarms, and reports changes.
 */
export function createMonitorService(options: MonitorServiceOptions): MonitorService {
  const thresholds = AlarmThresholds.parse({ ...defaultThresholds(), ...options.thresholds });
  const statusStore = createStatusStore(options.dataDir, PlatformStatus);
  const alarmsFile = createJsonFileStore(join(options.dataDir, ALARMS_FILE), AlarmsFile, () => ({ version: 1 as const, alarms: [] }));
  const history = createUsageHistory(options.dataDir, (message) => options.log.error(message));
  const tracker = new AlarmTracker();
  const pool = createSshPool({ pinsFor: (id) => options.hostKeys.pinsFor(id), secrets: options.secrets });
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

  /** The entries of the current inventory; platforms that left it are forgotten, unusable ones get their alarm. */
  const entries = async (): Promise<PollEntry[]> => {
    const inventory = await options.inventory.read();
    const pins = new Map((await certificatePins.all()).map((pin) => [pin.platformId, pin.sha256]));
    const result = pollEntriesFor(inventory, { largeInstanceSharePercent: options.largeInstanceSharePercent ?? 20, certificatePin: (id) => pins.get(id) ?? null });
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
    const saved = await alarmsFile.read();
    tracker.restore(saved.alarms.map((a) => ({ ...a, kind: a.kind as TrackedAlarm['kind'], wizard: a.wizard as TrackedAlarm['wizard'] })));
    const last = await statusStore.all();
    poller.remember(last.map(({ status }) => ({ platformId: status.platformId, reserveFilePresent: status.reserveFilePresent, role: status.replication ? groupRole(status.replication) : null })));
  })().catch((error: unknown) => options.log.error('reading the saved monitor state failed', error));

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
      await restored;
      await flushing;
      const all = await statusStore.all();
      return { statuses: all.map(({ status, ageSeconds }) => ({ status, ageSeconds })), problem: statusStore.problem() };
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
    alarms() {
      return { active: tracker.active().map(toWireAlarm), history: tracker.history().slice(0, HISTORY_SHOWN).map(toWireAlarm) };
    },
  };
}
