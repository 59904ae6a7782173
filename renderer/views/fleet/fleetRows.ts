import type { Alarm, PlatformOverview, PlatformRole, ReplicationBrief, SiteOverview, StatusOverview } from '../../../electron/core/contract';
import { formatDuration } from '../../format/duration';

type ReachState = StatusOverview['reach'];

/** What the status dot says: how the platform answered, and the worst active alarm when it did. */
export type StatusLevel = 'ok' | 'warning' | 'critical' | 'unreachable' | 'unknown';
/** The role replication shows; standalone when replication is off. */
export type ActualRole = PlatformRole;

/** A platform of the fleet overview, and when the console received its last status (ms since the epoch; null before the first poll). */
export interface FleetEntry {
  platform: PlatformOverview;
  receivedAt: number | null;
}

export interface FleetInput {
  sites: ReadonlyMap<string, SiteOverview>;
  entries: readonly FleetEntry[];
  alarms: readonly Alarm[];
}

export interface DiskCell {
  percent: number;
  usedBytes: number;
  sizeBytes: number;
  hoursToFull: number | null;
  /** The platform's disk alarm threshold. */
  alarmPercent: number;
}

export interface AlarmCell {
  severity: Alarm['severity'];
  cause: string;
  /** Active alarms of the platform, the worst included. */
  count: number;
}

/** Lower-cased text per filter field, made once per row (see searchTextOf) so that filtering as you type stays cheap. */
export interface SearchText {
  name: string;
  site: string;
  customer: string;
  tag: string;
  build: string;
  role: string;
  alarm: string;
  state: string;
  address: string;
  /** Everything above, for terms without a field. */
  all: string;
}

export interface PlatformRow {
  kind: 'platform';
  id: string;
  name: string;
  address: string;
  siteId: string;
  siteName: string;
  customer: string;
  /** The platform's tags, then its site's. */
  tags: readonly string[];
  level: StatusLevel;
  /** The status dot in words, for screen readers and tooltips. */
  levelText: string;
  reachState: ReachState | null;
  reachMessage: string | null;
  expectedRole: PlatformRole;
  /** null until replication has been read. */
  actualRole: ActualRole | null;
  roleMismatch: boolean;
  build: number | null;
  disk: DiskCell | null;
  replicationText: string;
  replicationTone: ReplicationTone;
  alarm: AlarmCell | null;
  /** When the console received the last status (ms since the epoch); null before the first poll. */
  receivedAt: number | null;
  /** The platform's active alarms, the worst included. */
  activeAlarms: readonly Alarm[];
}

/** The full-width header of a site's platforms. */
export interface SiteGroupRow {
  kind: 'site';
  id: string;
  siteId: string;
  siteName: string;
  customer: string;
  /** Platforms of the site the filter lets through, and all of them. */
  shown: number;
  total: number;
  collapsed: boolean;
  unreachable: number;
  critical: number;
  warning: number;
}

export type FleetGridRow = PlatformRow | SiteGroupRow;

/** How the replication summary is shown: fine, needs a look, or nothing to say. */
export type ReplicationTone = 'ok' | 'warning' | 'muted';

/** A standby further behind than this is shown as lagging. */
const LAG_WARNING_SECONDS = 60;

export const SORT_FIELDS = ['state', 'name', 'site', 'role', 'build', 'disk', 'replication', 'alarm', 'lastPoll'] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export interface FleetSort {
  field: SortField;
  direction: 'asc' | 'desc';
}

const REACH_WORDS: Record<ReachState, string> = {
  ok: 'Reached',
  unreachable: 'Unreachable',
  timeout: 'Timed out',
  auth_failed: 'Login refused',
  host_key_changed: 'Host key changed',
  host_key_unknown: 'Host key not confirmed yet',
  error: 'Poll failed',
};

const LEVEL_WORDS: Record<StatusLevel, string> = {
  ok: 'OK',
  warning: 'Warning',
  critical: 'Critical',
  unreachable: 'Not reached',
  unknown: 'Not polled yet',
};

const SEVERITY_RANK: Record<Alarm['severity'], number> = { critical: 2, warning: 1 };
/** Higher is worse. */
const LEVEL_RANK: Record<StatusLevel, number> = { ok: 0, unknown: 1, warning: 2, critical: 3, unreachable: 4 };

export const siteGroupId = (siteId: string) => `site:${siteId}`;

export const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function levelRank(level: StatusLevel): number {
  return LEVEL_RANK[level];
}

export function reachWords(state: ReachState): string {
  return REACH_WORDS[state];
}

/** The alarm to show for a platform: critical before warning, unacknowledged before acknowledged, then the newest. */
export function worstAlarm(alarms: readonly Alarm[]): Alarm | null {
  let worst: Alarm | null = null;
  for (const alarm of alarms) {
    if (alarm.clearedAt !== null) continue;
    if (!worst || compareWorst(alarm, worst) < 0) worst = alarm;
  }
  return worst;
}

function compareWorst(a: Alarm, b: Alarm): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    Number(a.acknowledged !== null) - Number(b.acknowledged !== null) ||
    Date.parse(b.raisedAt) - Date.parse(a.raisedAt) ||
    a.id.localeCompare(b.id)
  );
}

/** The role replication shows: a standby that left recovery acts as a primary. */
export function actualRoleOf(replication: ReplicationBrief | null): ActualRole | null {
  if (!replication) return null;
  if (replication.role === 'off') return 'standalone';
  if (replication.role === 'standby' && replication.condition === 'not_in_recovery') return 'primary';
  return replication.role;
}

const STANDBY_CONDITION_TEXT: Record<Exclude<Extract<ReplicationBrief, { role: 'standby' }>['condition'], 'streaming'>, string> = {
  receiver_not_streaming: 'not streaming',
  unknown: 'state hidden (needs pg_read_all_stats)',
  no_wal_receiver: 'no WAL receiver',
  not_in_recovery: 'not in recovery',
};

/** A primary's streaming standbys, and how many it should have: the inventory's, its slots' or its connections' count, whichever is most. */
function standbyCounts(primary: Extract<ReplicationBrief, { role: 'primary' }>, expectedStandbys: number): { streaming: number; expected: number } {
  return { streaming: primary.streaming, expected: Math.max(expectedStandbys, primary.physicalSlots, primary.connected) };
}

/**
 * Replication in one line: "off", "primary · 2/2 streaming", "standby · lag 3 s".
 * `expectedStandbys` is how many inventory platforms name this one as their primary.
 */
export function replicationSummary(replication: ReplicationBrief | null, expectedStandbys = 0): string {
  if (!replication) return 'not read';
  if (replication.role === 'off') return 'off';
  if (replication.role === 'primary') {
    const { streaming, expected } = standbyCounts(replication, expectedStandbys);
    return expected === 0 ? 'primary · no standby' : `primary · ${streaming}/${expected} streaming`;
  }
  if (replication.condition !== 'streaming') return `standby · ${STANDBY_CONDITION_TEXT[replication.condition]}`;
  if (replication.replayPaused) return 'standby · replay paused';
  return replication.replayLagSeconds === null ? 'standby · streaming' : `standby · lag ${formatDuration(replication.replayLagSeconds)}`;
}

export function replicationTone(replication: ReplicationBrief | null, expectedStandbys = 0): ReplicationTone {
  if (!replication || replication.role === 'off') return 'muted';
  if (replication.role === 'primary') {
    const { streaming, expected } = standbyCounts(replication, expectedStandbys);
    return streaming < expected ? 'warning' : 'ok';
  }
  if (replication.condition !== 'streaming' || replication.replayPaused) return 'warning';
  return (replication.replayLagSeconds ?? 0) > LAG_WARNING_SECONDS ? 'warning' : 'ok';
}

function levelOf(status: StatusOverview | null, worst: Alarm | null): StatusLevel {
  if (status && status.reach !== 'ok') return 'unreachable';
  if (worst) return worst.severity;
  return status ? 'ok' : 'unknown';
}

function levelTextOf(level: StatusLevel, status: StatusOverview | null, worst: Alarm | null): string {
  if (level === 'unreachable' && status) return `${REACH_WORDS[status.reach]}${status.reachMessage ? `: ${status.reachMessage}` : ''}`;
  if ((level === 'warning' || level === 'critical') && worst) return `${LEVEL_WORDS[level]}: ${worst.cause}`;
  return LEVEL_WORDS[level];
}

const unique = (values: readonly string[]) => [...new Set(values)];

const searchTexts = new WeakMap<PlatformRow, SearchText>();

/** A row's text per filter field: made when the filter first needs it, then kept as long as the row. */
export function searchTextOf(row: PlatformRow): SearchText {
  let text = searchTexts.get(row);
  if (!text) {
    const fields = {
      name: row.name.toLowerCase(),
      site: row.siteName.toLowerCase(),
      customer: row.customer.toLowerCase(),
      tag: row.tags.join('\n').toLowerCase(),
      build: row.build === null ? '' : String(row.build),
      role: `${row.expectedRole}\n${row.actualRole ?? ''}${row.roleMismatch ? '\nmismatch' : ''}\n${row.replicationText}`.toLowerCase(),
      alarm: row.activeAlarms.map((a) => `${a.severity} ${a.kind} ${a.cause}`).join('\n').toLowerCase(),
      state: row.level,
      address: row.address.toLowerCase(),
    };
    text = { ...fields, all: Object.values(fields).join('\n') };
    searchTexts.set(row, text);
  }
  return text;
}

/** One platform's row from its inventory entry, its site, its last status and its active alarms. */
export function platformRow({ platform, receivedAt }: FleetEntry, site: SiteOverview | undefined, alarms: readonly Alarm[], expectedStandbys: number): PlatformRow {
  const { status } = platform;
  const worst = worstAlarm(alarms);
  const level = levelOf(status, worst);
  const actualRole = actualRoleOf(status?.replication ?? null);
  const roleMismatch = actualRole !== null && actualRole !== platform.expectedRole;
  const tags = unique([...platform.tags, ...(site?.tags ?? [])]);
  const activeAlarms = alarms.filter((a) => a.clearedAt === null);
  const replicationText = replicationSummary(status?.replication ?? null, expectedStandbys);
  const siteName = site?.name ?? 'Unknown site';
  const customer = site?.customer ?? '';
  const build = status?.build ?? null;
  return {
    kind: 'platform',
    id: platform.id,
    name: platform.name,
    address: platform.address,
    siteId: platform.siteId,
    siteName,
    customer,
    tags,
    level,
    levelText: levelTextOf(level, status, worst),
    reachState: status?.reach ?? null,
    reachMessage: status?.reachMessage ?? null,
    expectedRole: platform.expectedRole,
    actualRole,
    roleMismatch,
    build,
    disk: status?.disk
      ? { percent: status.disk.percent, usedBytes: status.disk.usedBytes, sizeBytes: status.disk.sizeBytes, hoursToFull: status.disk.hoursToFull, alarmPercent: platform.diskAlarmPercent }
      : null,
    replicationText,
    replicationTone: replicationTone(status?.replication ?? null, expectedStandbys),
    alarm: worst ? { severity: worst.severity, cause: worst.cause, count: activeAlarms.length } : null,
    receivedAt,
    activeAlarms,
  };
}

interface CachedRow {
  entry: FleetEntry;
  site: SiteOverview | undefined;
  alarms: readonly Alarm[];
  standbys: number;
  row: PlatformRow;
}

const NO_ALARMS: readonly Alarm[] = [];

const sameList = <T>(a: readonly T[], b: readonly T[]) => a === b || (a.length === b.length && a.every((item, i) => item === b[i]));

/**
 * Rows of every platform in inventory order. A row is rebuilt only when its platform, site, status or alarms
 * changed, so a batch of live statuses touches only the rows it concerns.
 */
export function createRowBuilder(): (input: FleetInput) => PlatformRow[] {
  let cache = new Map<string, CachedRow>();
  let alarmsSeen: readonly Alarm[] | null = null;
  let alarmsByPlatform = new Map<string, Alarm[]>();
  return (input) => {
    if (input.alarms !== alarmsSeen) {
      alarmsSeen = input.alarms;
      alarmsByPlatform = new Map();
      for (const alarm of input.alarms) {
        const list = alarmsByPlatform.get(alarm.platformId);
        if (list) list.push(alarm);
        else alarmsByPlatform.set(alarm.platformId, [alarm]);
      }
    }
    const standbysOf = new Map<string, number>();
    for (const { platform: p } of input.entries) if (p.expectedPrimaryId) standbysOf.set(p.expectedPrimaryId, (standbysOf.get(p.expectedPrimaryId) ?? 0) + 1);
    const next = new Map<string, CachedRow>();
    const rows = input.entries.map((entry) => {
      const { id, siteId } = entry.platform;
      const site = input.sites.get(siteId);
      const alarms = alarmsByPlatform.get(id) ?? NO_ALARMS;
      const standbys = standbysOf.get(id) ?? 0;
      const before = cache.get(id);
      const reuse = before && before.entry === entry && before.site === site && before.standbys === standbys && sameList(before.alarms, alarms);
      const row = reuse ? before.row : platformRow(entry, site, alarms, standbys);
      next.set(id, { entry, site, alarms, standbys, row });
      return row;
    });
    cache = next;
    return rows;
  };
}

type Compare = (a: PlatformRow, b: PlatformRow) => number;

const nullsLast = <T>(a: T | null, b: T | null, compare: (x: T, y: T) => number, direction: 1 | -1) => {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return direction * compare(a, b);
};
const numbers = (x: number, y: number) => x - y;

const COMPARES: Record<SortField, (direction: 1 | -1) => Compare> = {
  state: (d) => (a, b) => d * (LEVEL_RANK[a.level] - LEVEL_RANK[b.level]),
  name: (d) => (a, b) => d * collator.compare(a.name, b.name),
  site: (d) => (a, b) => d * collator.compare(a.siteName, b.siteName),
  role: (d) => (a, b) => d * (Number(a.roleMismatch) - Number(b.roleMismatch) || collator.compare(a.expectedRole, b.expectedRole)),
  build: (d) => (a, b) => nullsLast(a.build, b.build, numbers, d),
  disk: (d) => (a, b) => nullsLast(a.disk?.percent ?? null, b.disk?.percent ?? null, numbers, d),
  replication: (d) => (a, b) => d * collator.compare(a.replicationText, b.replicationText),
  alarm: (d) => (a, b) =>
    nullsLast(a.alarm, b.alarm, (x, y) => SEVERITY_RANK[x.severity] - SEVERITY_RANK[y.severity] || collator.compare(x.cause, y.cause), d),
  lastPoll: (d) => (a, b) => nullsLast(a.receivedAt, b.receivedAt, numbers, d),
};

/** Rows in the given order (by name when none), ties broken by name and id so the order never jitters. */
export function sortRows(rows: readonly PlatformRow[], sort: FleetSort | null): PlatformRow[] {
  const primary = sort ? COMPARES[sort.field](sort.direction === 'asc' ? 1 : -1) : null;
  return [...rows].sort((a, b) => (primary ? primary(a, b) : 0) || collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface GroupOptions {
  /** Site ids whose platforms are hidden under their header. */
  collapsed: ReadonlySet<string>;
  /** Sites without a platform that passes: shown (with no filter) or left out. */
  includeEmptySites: boolean;
  /** How many platforms each site has in all, for "3 of 12" in the header. */
  totals: ReadonlyMap<string, number>;
  siteDirection: 'asc' | 'desc';
}

/** Per site: its header, then its platforms in the order given. Sites follow by name. */
export function groupRows(sorted: readonly PlatformRow[], sites: ReadonlyMap<string, SiteOverview>, options: GroupOptions): FleetGridRow[] {
  const bySite = new Map<string, PlatformRow[]>();
  for (const row of sorted) {
    const list = bySite.get(row.siteId);
    if (list) list.push(row);
    else bySite.set(row.siteId, [row]);
  }
  const siteIds = new Set(bySite.keys());
  if (options.includeEmptySites) for (const id of sites.keys()) siteIds.add(id);
  const nameOf = (id: string) => sites.get(id)?.name ?? bySite.get(id)?.[0]?.siteName ?? id;
  const direction = options.siteDirection === 'asc' ? 1 : -1;
  const ordered = [...siteIds].sort((a, b) => direction * collator.compare(nameOf(a), nameOf(b)) || (a < b ? -1 : 1));
  const out: FleetGridRow[] = [];
  for (const siteId of ordered) {
    const platforms = bySite.get(siteId) ?? [];
    const collapsed = options.collapsed.has(siteId);
    const count = (level: StatusLevel) => platforms.reduce((n, p) => n + Number(p.level === level), 0);
    out.push({
      kind: 'site',
      id: siteGroupId(siteId),
      siteId,
      siteName: nameOf(siteId),
      customer: sites.get(siteId)?.customer ?? platforms[0]?.customer ?? '',
      shown: platforms.length,
      total: options.totals.get(siteId) ?? platforms.length,
      collapsed,
      unreachable: count('unreachable'),
      critical: count('critical'),
      warning: count('warning'),
    });
    if (!collapsed) out.push(...platforms);
  }
  return out;
}

const sameSiteRow = (a: SiteGroupRow, b: SiteGroupRow) =>
  a.siteName === b.siteName &&
  a.customer === b.customer &&
  a.shown === b.shown &&
  a.total === b.total &&
  a.collapsed === b.collapsed &&
  a.unreachable === b.unreachable &&
  a.critical === b.critical &&
  a.warning === b.warning;

/**
 * The new grid rows, with each site header that did not change replaced by its earlier object, and the earlier
 * list itself when nothing changed: the grid then re-renders only what differs (often nothing while typing).
 */
export function keepUnchangedRows(previous: readonly FleetGridRow[], next: readonly FleetGridRow[]): readonly FleetGridRow[] {
  const headers = new Map<string, SiteGroupRow>();
  for (const row of previous) if (row.kind === 'site') headers.set(row.id, row);
  let same = previous.length === next.length;
  const kept = next.map((row, i) => {
    const old = row.kind === 'site' ? headers.get(row.id) : undefined;
    const result = old && row.kind === 'site' && sameSiteRow(old, row) ? old : row;
    if (result !== previous[i]) same = false;
    return result;
  });
  return same ? previous : kept;
}

/** keepUnchangedRows against whatever this keeper returned last. */
export function createRowKeeper(): (next: readonly FleetGridRow[]) => readonly FleetGridRow[] {
  let last: readonly FleetGridRow[] = [];
  return (next) => (last = keepUnchangedRows(last, next));
}

/** Platforms per site, over the whole fleet. */
export function siteTotals(rows: readonly PlatformRow[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(row.siteId, (totals.get(row.siteId) ?? 0) + 1);
  return totals;
}

export interface FleetCounts {
  platforms: number;
  reachable: number;
  critical: number;
  warning: number;
}

/** The header's figures: platforms, how many answered their last poll, and how many have a critical or warning alarm. */
export function fleetCounts(rows: readonly PlatformRow[]): FleetCounts {
  const counts = { platforms: rows.length, reachable: 0, critical: 0, warning: 0 };
  for (const row of rows) {
    if (row.reachState === 'ok') counts.reachable++;
    if (row.alarm?.severity === 'critical') counts.critical++;
    else if (row.alarm?.severity === 'warning') counts.warning++;
  }
  return counts;
}
