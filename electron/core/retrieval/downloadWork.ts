import { stat } from 'node:fs/promises';
import { ConnectError } from '../connect/connectError';
import type { RootSession } from '../connect/root/rootSession';
import { downloadDirectory } from '../connect/transfer/downloadDirectory';
import { downloadFile } from '../connect/transfer/downloadFile';
import { shellStat } from '../connect/transfer/remoteFileFacts';
import type { RemoteStat } from '../connect/transfer/remoteCommands';
import { remoteShell } from '../connect/transfer/remoteShell';
import type { TransferLink } from '../connect/transfer/transferTypes';
import { byteText } from '../format/byteText';
import type { DownloadRecords } from './downloadRecords';
import type { JobSpec } from './jobSpec';
import type { JobContext, JobOutcome } from './retrievalJobs';
import type { PlatformAccess, PlatformLink } from './platformAccess';
import { downloadsFolder, localPathFor, remotePathOrThrow, targetFolder } from './retrievalPaths';

export interface DownloadWorkDeps {
  access: PlatformAccess;
  records: DownloadRecords;
  dataDir: string;
}

type DownloadSpec = Extract<JobSpec, { kind: 'download' }>;

/** Where a job's files go: the user's folder, or downloads/<site>/<platform>/ in the data folder. */
export function downloadBase(spec: { targetDir: string | null }, dataDir: string, platform: PlatformLink['platform']): string {
  if (spec.targetDir === null) return downloadsFolder(dataDir, platform.siteName, platform.name);
  const folder = targetFolder(spec.targetDir);
  if (folder === null) throw new ConnectError('local_failed', `${spec.targetDir} is not an absolute folder on this computer. Choose the folder again.`);
  return folder;
}

/** A free name beside `path` for a folder download that would land on an earlier one. */
async function freeFolder(path: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? path : `${path}-${n}`;
    if (!(await stat(candidate).catch(() => null)) && !(await stat(`${candidate}.part`).catch(() => null))) return candidate;
  }
}

/** Downloads files and folders as root, each sha256 verified; files resume from their .part, finished paths are skipped on resume. */
export async function runDownload(spec: DownloadSpec, context: JobContext, deps: DownloadWorkDeps): Promise<JobOutcome> {
  const { signal } = context;
  const paths = spec.paths.map((p) => remotePathOrThrow(p, (reason) => new ConnectError('remote_failed', reason)));
  const sessions: RootSession[] = [];
  const open = async () => {
    const link = await deps.access.dedicated(spec.platformId, 'download', signal);
    sessions.push(link.session);
    return link;
  };
  try {
    let link = await open();
    const base = downloadBase(spec, deps.dataDir, link.platform);
    context.progress({ bytesDone: 0, bytesTotal: null, message: `Looking at ${paths.length === 1 ? paths[0] : `${paths.length} paths`} on ${link.platform.name}.` });
    const stats = new Map<string, RemoteStat>();
    for (const path of paths) stats.set(path, await shellStat(remoteShell(link.client, { root: link.root }), path, signal));
    const hasFolder = [...stats.values()].some((s) => s.isDirectory);
    const total = hasFolder ? null : [...stats.values()].reduce((sum, s) => sum + s.size, 0);
    let finished = 0;
    let files = 0;
    let lastLocal: string | null = null;
    let lastSha: string | null = null;
    const reconnect = async (): Promise<TransferLink> => {
      link = await open();
      return { client: link.client, as: { root: link.root } };
    };
    for (const path of paths) {
      const facts = stats.get(path) as RemoteStat;
      const localPath = localPathFor(base, path);
      if (context.done.has(path)) {
        finished += facts.isDirectory ? 0 : facts.size;
        continue;
      }
      context.progress({ bytesDone: finished, bytesTotal: total, message: `Downloading ${path}.` });
      if (facts.isDirectory) {
        const folder = await freeFolder(localPath);
        const result = await downloadDirectory({
          client: link.client, as: { root: link.root }, remotePath: path, localPath: folder, signal,
          onProgress: (p) => context.progress({ bytesDone: finished + p.bytes, bytesTotal: total }),
        });
        finished += result.bytes;
        files += result.entries.files;
        lastLocal = folder;
        lastSha = result.sha256;
      } else if (facts.isFile) {
        const result = await downloadFile({
          client: link.client, as: { root: link.root }, remotePath: path, localPath, signal, reconnect,
          onProgress: (p) => context.progress({ bytesDone: finished + p.bytes, bytesTotal: total }),
        });
        await deps.records.add({ platformId: spec.platformId, remotePath: path, sizeBytes: result.bytes, mtime: facts.mtime, localPath, sha256: result.sha256, at: new Date().toISOString() });
        finished += result.bytes;
        files += 1;
        lastLocal = localPath;
        lastSha = result.sha256;
      } else {
        throw new ConnectError('remote_failed', `${path} on ${link.platform.name} is neither a file nor a folder (a device or socket); it cannot be downloaded.`);
      }
      context.markDone(path);
      context.progress({ bytesDone: finished, bytesTotal: total });
    }
    const single = paths.length === 1;
    return {
      localPath: single ? lastLocal : base,
      sha256: single ? lastSha : null,
      message: `Downloaded ${files === 1 ? '1 file' : `${files} files`} (${byteText(finished)}) to ${single && lastLocal ? lastLocal : base}; the platform's SHA-256 matched.`,
    };
  } finally {
    for (const session of sessions) session.close();
  }
}
