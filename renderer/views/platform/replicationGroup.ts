import type { Platform, PlatformStatus, PlatformStatusSummary } from '../../../electron/core/contract';

export type Replication = NonNullable<PlatformStatus['replication']>;
type PrimaryState = Extract<Replication, { role: 'primary' }>;
type StandbyState = Extract<Replication, { role: 'standby' }>;
type Sender = PrimaryState['standbys'][number];
type Slot = PrimaryState['slots'][number];

export interface GroupMember {
  key: string;
  /** null: a server the inventory does not know (named by the primary or the standby's configuration). */
  platformId: string | null;
  name: string;
  address: string | null;
  role: 'primary' | 'standby';
  /** What its own database said in its last poll. */
  stateText: string;
  /** The platform this screen shows. */
  current: boolean;
}

export interface GroupSlot {
  name: string;
  active: boolean;
  retainedWalBytes: number | null;
  walStatus: string | null;
}

export interface GroupLink {
  standbyKey: string;
  /** The WAL sender's state as the primary reports it, else the standby's own condition. */
  state: string;
  /** false: broken (error colour); null: not known. */
  ok: boolean | null;
  lagBytes: number | null;
  lagSeconds: number | null;
  slot: GroupSlot | null;
  /** Where the figures come from. */
  seenFrom: 'primary' | 'standby' | null;
  problems: string[];
}

export interface ReplicationGroup {
  primary: GroupMember;
  standbys: GroupMember[];
  /** One per standby, in the same order. */
  links: GroupLink[];
}

export type GroupView = { kind: 'off' } | { kind: 'unknown'; reason: string } | { kind: 'group'; group: ReplicationGroup };

export interface GroupInput {
  platform: Platform;
  platforms: readonly Platform[];
  statusOf(platformId: string): PlatformStatusSummary | null;
}

const CONDITION_TEXT: Record<StandbyState['condition'], string> = {
  streaming: 'streaming',
  receiver_not_streaming: 'not streaming',
  unknown: 'status hidden (the login needs pg_read_all_stats)',
  no_wal_receiver: 'no WAL receiver',
  not_in_recovery: 'not in recovery (promoted or broken)',
};

function conditionText(state: StandbyState): string {
  return state.condition === 'receiver_not_streaming' && state.receiver?.status ? state.receiver.status : CONDITION_TEXT[state.condition];
}

function stateTextOf(status: PlatformStatusSummary | null): string {
  if (!status) return 'not polled yet';
  const r = status.replication;
  if (!r) return 'database not read';
  if (r.role === 'off') return 'replication off';
  if (r.role === 'primary') return `primary, ${r.standbys.length} connected`;
  return conditionText(r);
}

/** Slot and application names on the AP follow the platform's name, with anything not [a-z0-9] as "_". */
const normalise = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '_');

function namesMatch(candidate: string | null, platform: Platform): boolean {
  if (!candidate) return false;
  const c = normalise(candidate);
  return c === normalise(platform.name) || c === normalise(platform.id);
}

const slotOf = (slot: Slot): GroupSlot => ({ name: slot.slotName, active: slot.active, retainedWalBytes: slot.retainedWalBytes, walStatus: slot.walStatus });

function slotProblems(slot: GroupSlot | null): string[] {
  if (!slot) return [];
  const out: string[] = [];
  if (!slot.active) out.push(`Slot ${slot.name} is inactive${slot.retainedWalBytes !== null ? ' and keeps WAL on the primary' : ''}.`);
  if (slot.walStatus === 'lost') out.push(`The WAL slot ${slot.name} needs is gone: the standby needs a new full sync.`);
  if (slot.walStatus === 'unreserved') out.push(`The WAL slot ${slot.name} needs is about to be removed.`);
  return out;
}

function linkFromSender(standbyKey: string, sender: Sender, slot: GroupSlot | null): GroupLink {
  const problems = [...(sender.state !== null && sender.state !== 'streaming' ? [`Connected but ${sender.state}, not streaming.`] : []), ...slotProblems(slot)];
  const ok = sender.state === null ? (problems.length > 0 ? false : null) : problems.length === 0;
  return { standbyKey, state: sender.state ?? 'connected', ok, lagBytes: sender.replayLagBytes, lagSeconds: sender.replayLagSeconds, slot, seenFrom: 'primary', problems };
}

function linkFromStandby(standbyKey: string, own: PlatformStatusSummary | null, primaryKnown: boolean, slot: GroupSlot | null): GroupLink {
  const r = own?.replication ?? null;
  const standby = r?.role === 'standby' ? r : null;
  const problems = [...(primaryKnown ? ['Not connected to the primary.'] : []), ...slotProblems(slot)];
  if (standby && standby.condition !== 'streaming') problems.push(`Its database reports ${conditionText(standby)}.`);
  if (r && r.role !== 'standby') problems.push(`Its database is ${r.role === 'off' ? 'not replicating' : 'a primary itself'}.`);
  const state = primaryKnown ? 'not connected' : standby ? conditionText(standby) : stateTextOf(own);
  const ok = problems.length > 0 ? false : standby ? standby.condition === 'streaming' : null;
  return { standbyKey, state, ok, lagBytes: standby?.replayLagBytes ?? null, lagSeconds: standby?.replayLagSeconds ?? null, slot, seenFrom: standby ? 'standby' : null, problems };
}

function memberOf(platform: Platform, input: GroupInput, role: GroupMember['role']): GroupMember {
  return { key: platform.id, platformId: platform.id, name: platform.name, address: platform.address, role, stateText: stateTextOf(input.statusOf(platform.id)), current: platform.id === input.platform.id };
}

/** The primary this platform replicates from: by the inventory, else by the address its standby configuration names. */
function primaryOf(input: GroupInput, own: StandbyState | null): { platform: Platform | null; name: string; address: string | null } {
  const byId = input.platform.expectedPrimaryId ? input.platforms.find((p) => p.id === input.platform.expectedPrimaryId) : undefined;
  if (byId) return { platform: byId, name: byId.name, address: byId.address };
  const upstream = own?.receiver?.upstreamHost ?? null;
  const byAddress = upstream ? input.platforms.find((p) => p.address.toLowerCase() === upstream.toLowerCase()) : undefined;
  if (byAddress) return { platform: byAddress, name: byAddress.name, address: byAddress.address };
  return { platform: null, name: upstream ?? 'Unknown primary', address: upstream };
}

function buildGroup(input: GroupInput, primary: { platform: Platform | null; name: string; address: string | null }): ReplicationGroup {
  const primaryId = primary.platform?.id ?? null;
  const primaryMember: GroupMember = primary.platform
    ? memberOf(primary.platform, input, 'primary')
    : { key: 'primary:external', platformId: null, name: primary.name, address: primary.address, role: 'primary', stateText: 'not in the inventory', current: false };
  const primaryState = primaryId ? input.statusOf(primaryId)?.replication : null;
  const onPrimary = primaryState?.role === 'primary' ? primaryState : null;

  const standbyPlatforms = primaryId ? input.platforms.filter((p) => p.expectedPrimaryId === primaryId && p.id !== primaryId) : [];
  if (input.platform.id !== primaryId && !standbyPlatforms.some((p) => p.id === input.platform.id)) standbyPlatforms.push(input.platform);

  const senders = [...(onPrimary?.standbys ?? [])];
  const slots = (onPrimary?.slots ?? []).filter((s) => s.slotType === 'physical' && !s.temporary);
  const senderSlot = (sender: Sender) => slots.find((s) => (sender.slotName !== null && s.slotName === sender.slotName) || (s.activePid !== null && s.activePid === sender.pid)) ?? null;
  const take = <T>(list: T[], match: (item: T) => boolean): T | null => {
    const index = list.findIndex(match);
    return index < 0 ? null : (list.splice(index, 1)[0] ?? null);
  };
  const usedSlots = new Set<string>();

  const standbys: GroupMember[] = [];
  const links: GroupLink[] = [];
  for (const platform of standbyPlatforms) {
    const own = input.statusOf(platform.id);
    const receiverSlot = own?.replication?.role === 'standby' ? (own.replication.receiver?.slotName ?? null) : null;
    const sender =
      take(senders, (s) => receiverSlot !== null && s.slotName === receiverSlot) ??
      take(senders, (s) => s.clientAddress !== null && s.clientAddress === platform.address) ??
      take(senders, (s) => namesMatch(s.slotName, platform) || namesMatch(s.applicationName, platform));
    const slot = sender ? senderSlot(sender) : (slots.find((s) => !usedSlots.has(s.slotName) && ((receiverSlot !== null && s.slotName === receiverSlot) || namesMatch(s.slotName, platform))) ?? null);
    if (slot) usedSlots.add(slot.slotName);
    standbys.push(memberOf(platform, input, 'standby'));
    links.push(sender ? linkFromSender(platform.id, sender, slot ? slotOf(slot) : null) : linkFromStandby(platform.id, own, onPrimary !== null, slot ? slotOf(slot) : null));
  }
  for (const sender of senders) {
    const key = `sender:${sender.pid}`;
    const slot = senderSlot(sender);
    if (slot) usedSlots.add(slot.slotName);
    standbys.push({ key, platformId: null, name: sender.applicationName || sender.clientAddress || `WAL sender ${sender.pid}`, address: sender.clientAddress, role: 'standby', stateText: 'not in the inventory', current: false });
    links.push(linkFromSender(key, sender, slot ? slotOf(slot) : null));
  }
  for (const slot of slots.filter((s) => !usedSlots.has(s.slotName))) {
    const key = `slot:${slot.slotName}`;
    standbys.push({ key, platformId: null, name: slot.slotName, address: null, role: 'standby', stateText: 'a slot without a standby', current: false });
    links.push({ standbyKey: key, state: 'not connected', ok: false, lagBytes: null, lagSeconds: null, slot: slotOf(slot), seenFrom: 'primary', problems: ['No standby uses this slot.', ...slotProblems(slotOf(slot))] });
  }
  return { primary: primaryMember, standbys, links };
}

/** This platform's replication group as far as its own reading and the inventory's other members tell. */
export function replicationGroup(input: GroupInput): GroupView {
  const { platform, platforms } = input;
  const status = input.statusOf(platform.id);
  const own = status?.replication ?? null;
  const hasStandbys = platforms.some((p) => p.expectedPrimaryId === platform.id && p.id !== platform.id);
  const self = { platform, name: platform.name, address: platform.address };
  if (own?.role === 'primary') return { kind: 'group', group: buildGroup(input, self) };
  if (own?.role === 'standby') return { kind: 'group', group: buildGroup(input, primaryOf(input, own)) };
  if (platform.expectedRole === 'standby') return { kind: 'group', group: buildGroup(input, primaryOf(input, null)) };
  if (platform.expectedRole === 'primary' || hasStandbys) return { kind: 'group', group: buildGroup(input, self) };
  if (own?.role === 'off') return { kind: 'off' };
  return { kind: 'unknown', reason: status ? 'The last poll could not read the database, so the replication state is not known.' : 'This platform has not been polled yet.' };
}

/** Lag as "12 s" / "caught up"; PostgreSQL reports no time once a standby has caught up and nothing is written. */
export function lagSecondsText(seconds: number | null, bytes: number | null): string {
  if (seconds === null) return bytes === 0 ? 'caught up' : 'not reported';
  return seconds < 10 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds)} s`;
}
