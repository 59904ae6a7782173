import type { PlatformStatus } from '../../contract';
import { replicationSupported } from '../../platform/buildGates';
import type { PrimaryState, ReplicationState, StandbyState } from '../../replication/replicationState';
import { command } from '../remoteCommand';
import type { RemoteCommand } from '../remoteCommand';
import type { Finding, PlanContext, StepContext } from '../wizardTypes';

/** The primary's PostgreSQL port, fixed on an AP (admin-facts 3b). */
export const PRIMARY_PORT = '5432';

/** A WAL position ("16/B374D848") as a number; null when there is none. */
export function lsnValue(lsn: string | null | undefined): bigint | null {
  const match = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(lsn ?? '');
  if (!match) return null;
  return (BigInt(`0x${match[1]}`) << 32n) + BigInt(`0x${match[2]}`);
}

export interface StandbyCandidate {
  id: string;
  name: string;
  receiveLsn: string | null;
  replayLsn: string | null;
}

const ahead = (a: bigint | null, b: bigint | null) => (a ?? -1n) > (b ?? -1n);
const same = (a: bigint | null, b: bigint | null) => (a ?? -1n) === (b ?? -1n);

/** The standby that lost the least: most WAL received, then most replayed; ties go to the first named. Null when none has a position. */
export function bestStandby(candidates: readonly StandbyCandidate[]): StandbyCandidate | null {
  let best: StandbyCandidate | null = null;
  for (const c of candidates) {
    const received = lsnValue(c.receiveLsn) ?? lsnValue(c.replayLsn);
    if (received === null) continue;
    if (!best) {
      best = c;
      continue;
    }
    const bestReceived = lsnValue(best.receiveLsn) ?? lsnValue(best.replayLsn);
    if (ahead(received, bestReceived) || (same(received, bestReceived) && ahead(lsnValue(c.replayLsn), lsnValue(best.replayLsn)))) best = c;
  }
  return best;
}

export interface WalSample {
  at: number;
  bytes: number;
}

/** Hours until the free space is used up at the growth seen between the first and the last sample; null when it does not grow. */
export function hoursUntilFull(availableBytes: number, samples: readonly WalSample[]): number | null {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last || last.at <= first.at) return null;
  const bytesPerHour = ((last.bytes - first.bytes) * 3_600_000) / (last.at - first.at);
  if (!(bytesPerHour > 0)) return null;
  return Math.max(0, availableBytes) / bytesPerHour;
}

/** The role a server plays now: a promoted standby (not in recovery) accepts writes like a primary. */
export function writableRole(state: ReplicationState | null | undefined): 'primary' | 'off' | 'standby' | null {
  if (!state) return null;
  if (state.role === 'standby') return state.condition === 'not_in_recovery' ? 'primary' : 'standby';
  return state.role;
}

/** Whether the server's PostgreSQL takes writes (runs and is not in recovery). */
export const acceptsWrites = (status: PlatformStatus | null) => status?.services.postgres === true && status.replication !== null && !status.replication.inRecovery;

/** The names (slot, else application name) of the standbys streaming from this primary now. */
export function streamingNames(state: ReplicationState | null | undefined): string[] {
  if (state?.role !== 'primary') return [];
  return (state as PrimaryState).standbys.filter((s) => s.state === 'streaming').map((s) => s.slotName ?? s.applicationName);
}

/** The slots on this primary that no standby uses now. */
export function inactiveSlots(state: ReplicationState | null | undefined): PrimaryState['slots'] {
  if (state?.role !== 'primary') return [];
  return (state as PrimaryState).slots.filter((s) => s.slotType === 'physical' && !s.temporary && !s.active);
}

/** The standby's receiver state in words. */
export function receiverText(state: ReplicationState | null | undefined): string {
  if (!state) return 'its replication state could not be read';
  if (state.role !== 'standby') return `it is ${state.role === 'off' ? 'standalone' : 'a primary'}, not a standby`;
  const s = state as StandbyState;
  if (s.condition === 'streaming') return `its WAL receiver streams from ${s.receiver?.upstreamHost ?? 'the primary'}`;
  if (s.condition === 'no_wal_receiver') return 'it is in recovery but has no WAL receiver: it does not reach its primary';
  if (s.condition === 'not_in_recovery') return 'it has a standby configuration but its database is not in recovery (promoted, or replication broken)';
  return `its WAL receiver is ${s.receiver?.status ?? 'not streaming'}`;
}

/** The standby's slot name on its primary (= its standby name), as its PostgreSQL knows it. */
export const slotNameCommand: RemoteCommand = command('sudo', '-u', 'postgres', 'psql', '-X', '-At', '-c', 'SHOW primary_slot_name');

/** Whether this platform reaches a PostgreSQL server at host:5432 (pg_isready: 0 accepting, 1 rejecting, 2 no answer, 3 not tried). */
export const reachCommand = (host: string, port = PRIMARY_PORT): RemoteCommand => command('pg_isready', '-h', host, '-p', port, '-t', '5');

export async function slotNameOn(ctx: StepContext, on?: string): Promise<string | null> {
  const { code, output } = await ctx.exec(slotNameCommand, { on, quiet: true });
  const name = output.trim().split('\n').pop()?.trim() ?? '';
  return code === 0 && /^[A-Za-z0-9_]{1,63}$/.test(name) ? name : null;
}

/** A platform's name in the run (its own or a peer's). */
export function nameOf(p: PlanContext, id: string): string {
  return id === p.platform.id ? p.platform.name : (p.peers.get(id)?.platform.name ?? id);
}

export function addressOf(p: PlanContext, id: string): string {
  return id === p.platform.id ? p.platform.address : (p.peers.get(id)?.platform.address ?? '');
}

/** The ids of a comma-separated platform input, without the run's own platform and without repeats. */
export function idsOf(p: PlanContext, key: string): string[] {
  return [...new Set((p.inputs[key] ?? '').split(',').map((s) => s.trim()).filter((s) => s && s !== p.platform.id))];
}

/** Polls until `check` is ok or `waitMs` passed; gives the last finding. */
export async function waitUntil(ctx: StepContext, check: () => Promise<Finding>, waitMs: number, everyMs = 2_000): Promise<Finding> {
  const until = Date.now() + waitMs;
  for (;;) {
    const finding = await check();
    if (finding.ok || Date.now() > until) return finding;
    await ctx.sleep(everyMs);
  }
}

/** Whether every listed standby streams from the primary, and (when given) its receiver points at the primary's address. */
export async function streamingFrom(ctx: StepContext, primaryId: string, standbyNames: readonly string[]): Promise<Finding> {
  const { status } = await ctx.poll(primaryId);
  const streaming = streamingNames(status?.replication);
  const missing = standbyNames.filter((n) => !streaming.includes(n));
  if (missing.length === 0) return { ok: true, detail: `${standbyNames.join(', ')} ${standbyNames.length === 1 ? 'streams' : 'stream'} from the primary again.` };
  return { ok: false, detail: `Not streaming from the primary: ${missing.join(', ')}${streaming.length ? ` (streaming: ${streaming.join(', ')})` : ''}.` };
}

/** Replication alarms still active on a platform, as sentences. */
export async function replicationAlarmsOn(ctx: StepContext, id: string): Promise<string[]> {
  const { alarms } = await ctx.poll(id);
  return alarms.filter((a) => a.kind.startsWith('replication.')).map((a) => a.cause);
}

/** Replication needs image 110002 or later on every member (admin-facts 3b); an unknown build is checked on the platform's next poll. */
export async function buildGate(ctx: StepContext, ids: readonly string[]): Promise<Finding> {
  const old: string[] = [];
  for (const id of ids) {
    const build = (await ctx.poll(id)).status?.build ?? null;
    if (build !== null && !replicationSupported(build)) old.push(`${nameOf(ctx, id)} (${build})`);
  }
  return old.length === 0
    ? { ok: true, detail: 'Every member runs an image that supports replication (110002 or later).' }
    : { ok: false, detail: `Replication needs image 110002 or later; too old: ${old.join(', ')}. Update these platforms first.` };
}
