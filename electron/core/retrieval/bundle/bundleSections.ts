import type { Alarm, PlatformStatus } from '../../contract';
import { readDfPortable } from '../../platform/dfOutput';
import { buildFromLabel } from '../../platform/imageLabel';
import { AP_PATHS } from '../../platform/platformPaths';
import type { AuditedRun } from './bundleRun';
import { BUNDLE_FORMAT, SUMMARY_PATH, jsonBytes } from './bundleManifest';
import type { BundleSummaryFile, ManifestFileKind } from './bundleManifest';

export interface BundlePlatform {
  id: string;
  name: string;
  siteName: string;
  address: string;
}

/** A file of the bundle made by the console: the summary, command outputs, the status's lists. */
export interface MadeFile {
  path: string;
  source: string;
  kind: ManifestFileKind;
  content: Buffer;
}

export interface CommandOutcome extends AuditedRun {
  name: string;
}

/** Sentences for commands that failed; their output is in the bundle all the same. */
export function commandProblems(outcomes: readonly CommandOutcome[]): string[] {
  return outcomes
    .filter((o) => o.code !== 0)
    .map((o) => (o.code === null ? `${o.command} did not finish in time; commands/${o.name}.txt is empty.` : `${o.command} ended with exit code ${o.code}; commands/${o.name}.txt holds what it printed.`));
}

export function bundleSummary(platform: BundlePlatform, status: PlatformStatus | null, alarms: readonly Alarm[], outcomes: readonly CommandOutcome[], collectedAt: Date, includeCoreDumps: boolean): BundleSummaryFile {
  const label = outcomes.find((o) => o.name === 'image-build');
  const labelBuild = label?.code === 0 ? buildFromLabel(label.output) : null;
  const build = labelBuild ?? status?.build ?? null;
  const df = outcomes.find((o) => o.name === 'df-data');
  const reading = df?.code === 0 ? readDfPortable(df.output, AP_PATHS.dataMount) : undefined;
  const disk = reading?.ok ? { usedBytes: reading.partition.usedBytes, sizeBytes: reading.partition.sizeBytes } : status?.disk ? { usedBytes: status.disk.usedBytes, sizeBytes: status.disk.sizeBytes } : null;
  return {
    format: BUNDLE_FORMAT,
    platformId: platform.id,
    platformName: platform.name,
    siteName: platform.siteName,
    address: platform.address,
    build: build === null ? null : String(build),
    collectedAt: collectedAt.toISOString(),
    disk,
    alarms: alarms.filter((a) => a.clearedAt === null).map((a) => ({ severity: a.severity, kind: a.kind, cause: a.cause })),
    includesCoreDumps: includeCoreDumps,
  };
}

/** The files before the log tree, in bundle order: summary.json, then commands/… (audit.jsonl is added by the caller). */
export function madeFiles(summary: BundleSummaryFile, outcomes: readonly CommandOutcome[], status: PlatformStatus | null, alarms: readonly Alarm[]): MadeFile[] {
  const fromStatus = status ? `the console's last poll (${status.polledAt})` : 'the console (no poll result yet)';
  return [
    { path: SUMMARY_PATH, source: 'the console', kind: 'summary', content: jsonBytes(summary) },
    ...outcomes.map((o): MadeFile => ({ path: `commands/${o.name}.txt`, source: o.command, kind: 'command', content: Buffer.from(o.output, 'utf8') })),
    { path: 'commands/instances.json', source: fromStatus, kind: 'command', content: jsonBytes(status?.instances ?? null) },
    { path: 'commands/replication.json', source: fromStatus, kind: 'command', content: jsonBytes(status?.replication ?? null) },
    { path: 'commands/alarms.json', source: "the console's alarms for this platform", kind: 'command', content: jsonBytes(alarms) },
  ];
}
