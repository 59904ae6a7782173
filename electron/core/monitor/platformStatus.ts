import type { PlatformStatus } from '../contract';
import type { PlatformFacts } from '../platform/platformFacts';
import { fillRate, hoursToFull } from './fillRate';
import type { PlatformPoll } from './pollPlatform';
import type { HistorySample } from './usageHistory';

const iso = (ms: number) => new Date(ms).toISOString();

/** The status the console shows and keeps, from one poll and the usage history (for the fill rate). */
export function platformStatus(poll: PlatformPoll<PlatformFacts>, history: readonly HistorySample[], fillRateWindowHours: number): PlatformStatus {
  const facts = poll.facts;
  const view = poll.view;
  const rate = fillRate(history.map((s) => ({ at: s.at, usedBytes: s.usedBytes })), poll.at, fillRateWindowHours);
  const dumps = facts?.coreDumps.value ?? null;
  const memory = facts ? { total: facts.memory.totalBytes.value, available: facts.memory.availableBytes.value } : null;
  const web = poll.webserver;
  return {
    platformId: poll.platformId,
    polledAt: iso(poll.at),
    durationMs: poll.durationMs,
    reach: poll.reach.state === 'ok' ? { state: 'ok', message: null, hostKey: null } : { state: poll.reach.state, message: poll.reach.message, hostKey: 'hostKey' in poll.reach ? poll.reach.hostKey : null },
    build: view?.build ?? null,
    formFactor: view?.formFactor ?? null,
    uptimeSeconds: facts?.uptimeSeconds.value ?? null,
    load1: facts?.load.value?.one ?? null,
    cpuCount: facts?.cpuCount.value ?? null,
    memory: memory && memory.total !== null && memory.available !== null ? { totalBytes: memory.total, availableBytes: memory.available } : null,
    disk: view?.disk ? { ...view.disk, fillBytesPerHour: rate?.bytesPerHour ?? null, hoursToFull: hoursToFull(view.disk.availBytes, rate) } : null,
    reserveFilePresent: view?.reserveFilePresent ?? null,
    reserveFileBytes: view?.reserveFileBytes ?? null,
    logsBytes: view?.logsBytes ?? null,
    pgsqlBytes: facts?.pgsqlBytes.value ?? null,
    coreDumps: dumps ? { count: dumps.count, bytes: dumps.totalBytes, newestPath: dumps.newest?.path ?? null, newestAt: dumps.newest ? iso(dumps.newest.mtimeEpochSeconds * 1000) : null } : null,
    services: { manager: view?.services.manager ?? null, webserver: view?.services.webserver ?? null, postgres: view?.services.postgres ?? null, managerHttps: web ? web.reachable && web.answered : null },
    certificate: web && web.certificateNotAfter !== null && web.certificateSha256 !== null ? { notAfter: iso(web.certificateNotAfter), trusted: web.trusted, sha256: web.certificateSha256 } : null,
    managerVersion: poll.manager.version,
    managerLogin: poll.manager.login,
    instances: poll.instances,
    replication: poll.replication,
    notes: poll.notes,
  };
}
