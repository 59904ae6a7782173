import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostKeyStore } from '../../../electron/core/connect/hostKeyStore';
import { createSshPool } from '../../../electron/core/connect/sshPool';
import { SshTarget } from '../../../electron/core/connect/sshTarget';
import { defaultThresholds } from '../../../electron/core/monitor/alarmThresholds';
import { AlarmTracker } from '../../../electron/core/monitor/alarmTracker';
import { platformProbe } from '../../../electron/core/monitor/platformProbe';
import { Poller } from '../../../electron/core/monitor/poller';
import type { PollEntry } from '../../../electron/core/monitor/poller';
import type { PlatformPoll } from '../../../electron/core/monitor/pollPlatform';
import { RootSessions } from '../../../electron/core/monitor/rootSessions';
import { createUsageHistory } from '../../../electron/core/monitor/usageHistory';
import { dangerousResizeBuild } from '../../../electron/core/platform/buildGates';
import type { PlatformFacts } from '../../../electron/core/platform/platformFacts';
import type { BenchPlatform } from './benchFleet';
import { sampleRss } from './rssSampler';
import type { Teardown } from './teardown';

export const POLL_CONCURRENCY = 50;
/** The Poller has no default of its own; this is the probe's own default time limit (probePlatform). */
export const PLATFORM_TIMEOUT_MS = 60_000;

/** full: root through su, PostgreSQL and HTTPS where the platform has them. admin: the shell probe as admin only. */
export type ConsoleMode = 'full' | 'admin';

export interface ConsoleSetup {
  platforms: readonly BenchPlatform[];
  mode: ConsoleMode;
  hostKeys: HostKeyStore;
  /** The pinned webserver certificate of each full platform. */
  certificatePins: ReadonlyMap<string, string>;
  teardown: Teardown;
}

export interface PollRound {
  seconds: number;
  ok: number;
  /** Platform and why its poll did not give everything it should. */
  failures: string[];
  peakRssBytes: number;
  /** Each platform's own poll time (PlatformPoll.durationMs): median and slowest. */
  platformMs: { median: number; max: number };
}

/** A console poller over the platforms, kept open between polls like the engine keeps it. */
export interface ConsolePollSession {
  /** One pollNow over every platform: the first opens the connections (cold), later ones reuse them (warm). */
  pollOnce(): Promise<PollRound>;
  activeAlarms(): number;
  close(): void;
}

const adminRef = (name: string) => `bench:${name}:admin`;
const rootRef = (name: string) => `bench:${name}:root`;

function entryOf(p: BenchPlatform, setup: ConsoleSetup): PollEntry {
  const full = setup.mode === 'full';
  const pin = setup.certificatePins.get(p.name);
  return {
    target: {
      platformId: p.name,
      name: p.name,
      ssh: SshTarget.parse({ hop: { id: p.name, host: p.address, port: p.port, username: 'admin', passwordRef: adminRef(p.name) } }),
      rootPasswordRef: full ? rootRef(p.name) : null,
      database: null,
      webserver: full && p.kind === 'full' ? { host: p.address, port: 443, pinnedCertSha256: pin ?? null } : null,
      largeInstanceSharePercent: 5,
    },
    expect: { thresholdPercent: 90, expectedStandbys: p.standbys, dangerousResizeBuild },
    group: { expectedRole: p.expectedRole, expectedPrimaryId: p.primary },
  };
}

/** Why a poll fell short of what this mode should bring back from the platform; null when it is complete. */
function shortfall(poll: PlatformPoll<PlatformFacts> | undefined, p: BenchPlatform, mode: ConsoleMode): string | null {
  if (!poll) return 'no poll result';
  if (poll.reach.state !== 'ok') return `${poll.reach.state}: ${poll.reach.message}`;
  const notes = poll.notes.length > 0 ? ` (${poll.notes.join(' ')})` : '';
  if (!poll.facts || !poll.view) return `no shell probe answer${notes}`;
  const uid = poll.facts.uid.value;
  if (mode === 'full' ? uid !== 0 : uid === 0 || uid === null) return `the probe ran as uid ${uid ?? 'unknown'}${notes}`;
  if (!poll.view.disk) return `no data partition figures${notes}`;
  if (mode === 'full' && p.kind === 'full') {
    if (!poll.instances || !poll.replication) return `PostgreSQL not read${notes}`;
    if (!poll.webserver?.reachable || !poll.webserver.trusted) return `webserver: ${poll.webserver?.message ?? 'not checked'}`;
  }
  return null;
}

/**
 * The console's poll of the platforms, as the engine runs it: Poller, pollPlatform, platformProbe, one
 * pooled SSH connection and one root session per platform, alarms and usage history in a temporary data
 * folder.
 */
export async function openConsolePoll(setup: ConsoleSetup): Promise<ConsolePollSession> {
  const { platforms, mode, teardown } = setup;
  const dataDir = await mkdtemp(join(tmpdir(), 'apc-bench-poll-'));
  teardown.add('console data folder', () => rm(dataDir, { recursive: true, force: true }));
  const secrets = new Map<string, string>();
  for (const p of platforms) {
    secrets.set(adminRef(p.name), p.adminPassword);
    secrets.set(rootRef(p.name), p.rootPassword);
  }
  const lookup = async (ref: string) => secrets.get(ref);
  const pool = createSshPool({ pinsFor: (id) => setup.hostKeys.pinsFor(id), secrets: lookup });
  const roots = new RootSessions();
  const tracker = new AlarmTracker();
  const latest = new Map<string, PlatformPoll<PlatformFacts>>();
  const errors: unknown[] = [];
  const entries = platforms.map((p) => entryOf(p, setup));
  const poller = new Poller<PlatformFacts>({
    entries: async () => entries,
    deps: { pool, roots, secrets: lookup, probe: platformProbe },
    history: createUsageHistory(dataDir),
    tracker,
    // Lab disks are small: the free-space minimum meant for real disks would always fire.
    thresholds: () => ({ ...defaultThresholds(), diskMinimumFreeBytes: 2 * 1024 * 1024 }),
    intervalMs: 3_600_000,
    concurrency: POLL_CONCURRENCY,
    platformTimeoutMs: PLATFORM_TIMEOUT_MS,
    onPoll: (poll) => latest.set(poll.platformId, poll),
    onAlarms: () => undefined,
    onError: (error) => errors.push(error),
  });
  const stopOnInterrupt = () => poller.stop();
  teardown.signal.addEventListener('abort', stopOnInterrupt, { once: true });
  const close = () => {
    teardown.signal.removeEventListener('abort', stopOnInterrupt);
    poller.stop();
    roots.close();
    pool.closeAll();
  };
  teardown.add(`console ${mode} poll`, close);

  return {
    async pollOnce() {
      latest.clear();
      const sampler = sampleRss();
      const started = performance.now();
      await poller.pollNow();
      const seconds = (performance.now() - started) / 1000;
      const peakRssBytes = sampler.stop();
      if (teardown.signal.aborted) throw new Error('interrupted');
      if (errors.length > 0) throw new Error(`the poller reported: ${String(errors[0])}`);
      const failures = platforms.flatMap((p) => {
        const why = shortfall(latest.get(p.name), p, mode);
        return why === null ? [] : [`${p.name}: ${why}`];
      });
      const durations = [...latest.values()].map((poll) => poll.durationMs).sort((a, b) => a - b);
      const platformMs = { median: durations[Math.floor(durations.length / 2)] ?? 0, max: durations[durations.length - 1] ?? 0 };
      return { seconds, ok: platforms.length - failures.length, failures, peakRssBytes, platformMs };
    },
    activeAlarms: () => tracker.active().length,
    close,
  };
}
