import { createLimiter } from '../connect/handshakeLimiter';
import type { AlarmThresholds } from './alarmThresholds';
import type { AlarmChange, AlarmTracker } from './alarmTracker';
import { evaluatePlatform } from './evaluatePlatform';
import type { PlatformExpectations } from './evaluatePlatform';
import { pollPlatform } from './pollPlatform';
import type { PlatformPoll, PollDeps, PollTarget } from './pollPlatform';
import { groupRole, replicationGroupAlarms } from './replicationGroupAlarms';
import type { GroupMember } from './replicationGroupAlarms';
import type { UsageHistory } from './usageHistory';

/** One inventory entry as the poller sees it. */
export interface PollEntry {
  target: PollTarget;
  expect: Omit<PlatformExpectations, 'reserveSeen'>;
  group: Omit<GroupMember, 'role' | 'platformId' | 'name'>;
}

export interface PollerOptions<F> {
  entries(): Promise<PollEntry[]>;
  deps: PollDeps<F>;
  history: UsageHistory;
  tracker: AlarmTracker;
  /** Read for every evaluation, so changed limits apply from the next poll on. */
  thresholds(): AlarmThresholds;
  /** Until `reschedule` says otherwise. */
  intervalMs: number;
  concurrency: number;
  platformTimeoutMs: number;
  onPoll(poll: PlatformPoll<F>): void;
  onAlarms(changes: AlarmChange[]): void;
  onError(error: unknown): void;
  now?: () => number;
}

/**
 * Polls every platform on a schedule and on demand, a bounded number at once, each within its own time
 * limit, so one slow, dead or full platform never holds up the others. Connections stay open between polls.
 */
export class Poller<F> {
  private readonly limited;
  private readonly inFlight = new Map<string, Promise<PlatformPoll<F>>>();
  private readonly roles = new Map<string, GroupMember['role']>();
  private readonly reserveSeen = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private readonly stopping = new AbortController();
  private readonly now: () => number;
  private intervalMs: number;
  private nextRoundAt = 0;

  constructor(private readonly options: PollerOptions<F>) {
    this.limited = createLimiter(Math.max(1, options.concurrency));
    this.now = options.now ?? Date.now;
    this.intervalMs = options.intervalMs;
  }

  /** What an earlier run knew, so a vanished reserve file is noticed and split brain is seen at once. */
  remember(known: ReadonlyArray<{ platformId: string; reserveFilePresent: boolean | null; role: GroupMember['role'] }>): void {
    for (const platform of known) {
      if (platform.reserveFilePresent) this.reserveSeen.add(platform.platformId);
      if (platform.role) this.roles.set(platform.platformId, platform.role);
    }
  }

  /** Forgets a platform that left the inventory. */
  forget(platformId: string): void {
    this.reserveSeen.delete(platformId);
    this.roles.delete(platformId);
  }

  start(): void {
    if (this.timer || this.stopping.signal.aborted) return;
    this.round();
  }

  /** A new interval applies to the running schedule at once: the next round comes at most one new interval from now. */
  reschedule(intervalMs: number): void {
    if (intervalMs === this.intervalMs) return;
    this.intervalMs = intervalMs;
    if (!this.timer) return;
    this.schedule(Math.max(0, Math.min(this.nextRoundAt - Date.now(), intervalMs)));
  }

  private readonly round = () => {
    void this.pollNow().catch((error: unknown) => this.options.onError(error));
    this.schedule(this.intervalMs);
  };

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.nextRoundAt = Date.now() + delayMs;
    this.timer = setTimeout(this.round, delayMs);
    this.timer.unref();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.stopping.abort();
  }

  /** Polls the given platforms (all when none are named); a platform already being polled is not polled twice. */
  async pollNow(platformIds?: readonly string[]): Promise<PlatformPoll<F>[]> {
    const entries = await this.options.entries();
    const wanted = platformIds ? entries.filter((e) => platformIds.includes(e.target.platformId)) : entries;
    const polls = await Promise.all(wanted.map((entry) => this.pollOne(entry)));
    if (!this.stopping.signal.aborted) this.judgeGroups(entries);
    return polls;
  }

  /** Split brain and role mismatches need every member's role: judged after the polls, for every platform whose role is known. */
  private judgeGroups(entries: readonly PollEntry[]): void {
    const members = entries.map((e) => ({ ...e.group, platformId: e.target.platformId, name: e.target.name, role: this.roles.get(e.target.platformId) ?? null }));
    const found = replicationGroupAlarms(members);
    const now = this.now();
    const changes = members
      .filter((m) => m.role !== null)
      .flatMap((m) => this.options.tracker.apply(m.platformId, found.get(m.platformId) ?? [], new Set(['replicationGroup']), now));
    if (changes.length > 0) this.options.onAlarms(changes);
  }

  private pollOne(entry: PollEntry): Promise<PlatformPoll<F>> {
    const id = entry.target.platformId;
    const running = this.inFlight.get(id);
    if (running) return running;
    const work = this.limited(() => this.run(entry)).finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, work);
    return work;
  }

  private async run(entry: PollEntry): Promise<PlatformPoll<F>> {
    const { target } = entry;
    const limit = AbortSignal.timeout(this.options.platformTimeoutMs);
    const signal = AbortSignal.any([limit, this.stopping.signal]);
    let poll = await pollPlatform(target, this.options.deps, signal);
    if (limit.aborted && poll.reach.state !== 'ok') {
      poll = { ...poll, reach: { state: 'timeout', message: `${target.name} did not finish its poll within ${Math.round(this.options.platformTimeoutMs / 1000)} s.` } };
    }
    if (this.stopping.signal.aborted) return poll;
    const history = this.options.history;
    if (poll.view?.disk) {
      const walRetained = poll.replication?.role === 'primary' ? poll.replication.slots.reduce((sum, s) => sum + (s.retainedWalBytes ?? 0), 0) : null;
      await history.add(target.platformId, { at: poll.at, usedBytes: poll.view.disk.usedBytes, sizeBytes: poll.view.disk.sizeBytes, walRetainedBytes: walRetained });
    }
    if (poll.view?.reserveFilePresent) this.reserveSeen.add(target.platformId);
    if (poll.replication) this.roles.set(target.platformId, groupRole(poll.replication));
    const ctx = { thresholds: this.options.thresholds(), now: this.now(), previous: this.options.tracker.previous(target.platformId) };
    const evaluation = evaluatePlatform(poll, { ...entry.expect, reserveSeen: this.reserveSeen.has(target.platformId) }, await history.samples(target.platformId), ctx);
    const changes = this.options.tracker.apply(target.platformId, evaluation.findings, evaluation.evaluated, ctx.now);
    this.options.onPoll(poll);
    if (changes.length > 0) this.options.onAlarms(changes);
    return poll;
  }
}
