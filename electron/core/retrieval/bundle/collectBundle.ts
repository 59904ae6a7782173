import { createHash } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from 'ssh2';
import type { AuditLog } from '../../audit/auditLog';
import { ConnectError, isConnectError } from '../../connect/connectError';
import { watchConnection } from '../../connect/transfer/connectionWatch';
import { pumpStream } from '../../connect/transfer/fileSource';
import { pathIsFree } from '../../connect/transfer/tarExtract';
import { isLocalError, localFailure, syncFolder } from '../../connect/transfer/transferErrors';
import type { RootAccess } from '../../connect/transfer/transferTypes';
import type { Alarm, PlatformStatus } from '../../contract';
import { auditedRoot } from '../../audit/auditedRoot';
import { BUNDLE_PURPOSE, runForBundle } from './bundleRun';
import { BUNDLE_COMMANDS, COMMAND_TIMEOUT_MS } from './bundleCommands';
import { AUDIT_PATH, BUNDLE_FORMAT, MANIFEST_PATH, jsonBytes } from './bundleManifest';
import type { BundleManifest, ManifestFile } from './bundleManifest';
import { bundleFileName } from './bundleName';
import { bundleSummary, commandProblems, madeFiles } from './bundleSections';
import type { CommandOutcome, MadeFile } from './bundleSections';
import { verifyBundle } from './bundleVerify';
import { logTreeSizeArgv, logTreeTarRead, parseSizeSum, parseTarReport } from './logTreeCommands';
import { LogTreeCopy } from './logTreeCopy';
import { createProgress } from './bundleProgress';
import type { BundleProgress } from './bundleProgress';
import { tarProblems } from './tarProblems';
import { TarReader } from './tarReader';
import { TarWriter } from './tarWriter';
import { XzFileWriter } from './xzFileWriter';

export interface CollectBundleOptions {
  client: Client;
  root: RootAccess;
  platform: { id: string; name: string; siteName: string; address: string };
  includeCoreDumps: boolean;
  targetDir: string;
  status: PlatformStatus | null;
  alarms: Alarm[];
  audit: AuditLog;
  signal: AbortSignal;
  onProgress(p: { bytesDone: number; bytesTotal: number | null; message: string }): void;
}

export interface CollectedBundle {
  localPath: string;
  bytes: number;
  sha256: string;
  problems: string[];
}

const SIZE_TIMEOUT_MS = 120_000;

/**
 * Collects a support bundle (bundle-format.md) from one platform into `<targetDir>/<site>_<platform>_<time>.tar.xz`.
 * Nothing is written on the platform: command outputs come back over the root shell, the log tree as a tar
 * stream through the root terminal (no FIFO, no temporary file), so a full data partition does not matter and a
 * cut connection leaves nothing behind. Locally the bundle grows in `.part`, is read back and checked, then renamed.
 */
export async function collectBundle(options: CollectBundleOptions): Promise<CollectedBundle> {
  const { platform, signal } = options;
  const shown = `${platform.siteName}/${platform.name}`;
  const collectedAt = new Date();
  const localPath = join(options.targetDir, bundleFileName(platform.siteName, platform.name, collectedAt));
  const partPath = `${localPath}.part`;
  const progress = createProgress(options.onProgress);
  const watch = watchConnection(options.client);
  const root = auditedRoot(options.root, { audit: options.audit, platformId: platform.id, purpose: BUNDLE_PURPOSE });
  let xz: XzFileWriter | undefined;
  try {
    throwIfCancelled(signal, shown);
    await mkdir(options.targetDir, { recursive: true });
    if (!(await pathIsFree(localPath))) throw new ConnectError('local_failed', `${localPath} already exists. Remove it or choose another folder, then collect the bundle again.`, { localPath });
    await rm(partPath, { force: true });

    progress.stage(`Running the diagnostic commands on ${shown}`);
    const outcomes: CommandOutcome[] = [];
    for (const command of BUNDLE_COMMANDS) {
      throwIfCancelled(signal, shown);
      outcomes.push({ name: command.name, ...(await runForBundle(root, command.argv, COMMAND_TIMEOUT_MS, signal)) });
    }
    const sized = await runForBundle(root, logTreeSizeArgv(options.includeCoreDumps), SIZE_TIMEOUT_MS, signal);
    progress.setTotal(sized.code === 0 ? parseSizeSum(sized.output) : null);

    const compressor = await XzFileWriter.create(partPath);
    xz = compressor;
    const out = new TarWriter((bytes) => compressor.write(bytes));
    const summary = bundleSummary(platform, options.status, options.alarms, outcomes, collectedAt, options.includeCoreDumps);
    const made = madeFiles(summary, outcomes, options.status, options.alarms);
    const auditLines = (await options.audit.forPlatform(platform.id)).map((entry) => JSON.stringify(entry)).join('\n');
    made.push({ path: AUDIT_PATH, source: "this console's audit log", kind: 'audit', content: Buffer.from(auditLines ? `${auditLines}\n` : '', 'utf8') });
    const files: ManifestFile[] = [];
    const mtime = Math.floor(collectedAt.getTime() / 1000);
    for (const file of made) files.push(await writeMade(out, file, mtime));

    progress.stage(`Collecting /var/log from ${shown}${options.includeCoreDumps ? ' with core dumps' : ''}`);
    const logs = await copyLogTree(options, root, out, progress, shown);
    const manifest: BundleManifest = {
      format: BUNDLE_FORMAT,
      createdAt: new Date().toISOString(),
      platform: { id: platform.id, name: platform.name, site: platform.siteName, address: platform.address },
      files: [...files, ...logs.files],
      problems: [...commandProblems(outcomes), ...(sized.code === 0 ? [] : ['The size of /var/log could not be summed up first, so progress shows no total.']), ...logs.problems],
    };
    await out.file(MANIFEST_PATH, jsonBytes(manifest), mtime);
    await out.finish();
    const written = await xz.finish();
    xz = undefined;

    progress.stage('Checking the bundle');
    const differences = await verifyBundle(partPath, manifest.files, signal);
    throwIfCancelled(signal, shown);
    if (differences.length > 0) {
      throw new ConnectError('verify_failed', `The bundle written for ${shown} does not read back as collected (${differences.slice(0, 3).join('; ')}). Nothing was kept; check the local disk and collect it again.`, { differences });
    }
    await rename(partPath, localPath);
    await syncFolder(options.targetDir);
    progress.done(`Support bundle of ${shown} saved`);
    return { localPath, bytes: written.bytes, sha256: written.sha256, problems: manifest.problems };
  } catch (error) {
    await xz?.abort();
    await rm(partPath, { force: true }).catch(() => undefined);
    throw bundleFailure(error, { signal, lost: watch.lost, shown, localPath });
  } finally {
    watch.stop();
  }
}

async function writeMade(out: TarWriter, file: MadeFile, mtime: number): Promise<ManifestFile> {
  await out.file(file.path, file.content, mtime);
  return { path: file.path, source: file.source, sizeBytes: file.content.length, sha256: createHash('sha256').update(file.content).digest('hex'), kind: file.kind };
}

/** Streams `tar` of /var/log through the root terminal and copies it entry by entry into the bundle. */
async function copyLogTree(options: CollectBundleOptions, root: RootAccess, out: TarWriter, progress: BundleProgress, shown: string): Promise<{ files: ManifestFile[]; problems: string[] }> {
  const read = logTreeTarRead(options.includeCoreDumps);
  const copy = new LogTreeCopy(out, (path) => progress.entry(path), (bytes) => progress.add(bytes));
  const reader = new TarReader(copy);
  const stream = await root.readStream(read.argv, { signal: options.signal, via: 'pty' });
  let code: number | null = null;
  try {
    await pumpStream(stream.stream, (chunk) => reader.write(chunk));
    code = await stream.done;
  } catch (error) {
    stream.cancel();
    await stream.done.catch(() => undefined);
    if (isConnectError(error) || isLocalError(error)) throw error;
    throw new ConnectError('remote_failed', `The log archive from ${shown} is damaged (${error instanceof Error ? error.message : String(error)}). Nothing was kept; collect the bundle again.`);
  }
  const report = parseTarReport(reader.trailer, read.marker);
  if (!reader.complete || !report) {
    const said = report?.messages.slice(0, 2).join('; ');
    throw new ConnectError('remote_failed', `The log archive from ${shown} ended early (tar exit code ${code}${said ? `: ${said}` : ''}). Nothing was kept; check the platform and collect the bundle again.`, { exitCode: code });
  }
  return { files: copy.files, problems: [...copy.problems, ...tarProblems(report.messages)] };
}

function throwIfCancelled(signal: AbortSignal, shown: string): void {
  if (signal.aborted) throw new ConnectError('cancelled', `Collecting the support bundle of ${shown} was cancelled; nothing was kept.`);
}

/** The error the caller sees: cancelled, cut, the local disk, or what the platform said; each says nothing was kept. */
function bundleFailure(error: unknown, at: { signal: AbortSignal; lost: boolean; shown: string; localPath: string }): unknown {
  if (at.signal.aborted) return new ConnectError('cancelled', `Collecting the support bundle of ${at.shown} was cancelled; nothing was kept.`);
  if (at.lost || isConnectError(error, 'disconnected')) {
    return new ConnectError('disconnected', `The connection to ${at.shown} dropped while the support bundle was collected. Nothing was kept and nothing is left on the platform; collect it again once the platform is reachable.`);
  }
  if (isLocalError(error)) return localFailure(error, at.localPath, null);
  return error;
}
