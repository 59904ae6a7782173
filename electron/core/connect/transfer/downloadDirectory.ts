import { createHash } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Client } from 'ssh2';
import { ConnectError } from '../connectError';
import { watchConnection } from './connectionWatch';
import { pumpStream } from './fileSource';
import { createProgressMeter } from './progressMeter';
import { parseSha256, tarArgv, tarSha256Shell } from './remoteCommands';
import { shellStat } from './remoteFileFacts';
import { remoteShell } from './remoteShell';
import { TarExtractor, pathIsFree } from './tarExtract';
import type { TarExtractStats } from './tarExtract';
import { firstLine, isLocalError, localFailure, remoteReadFailure, syncFolder } from './transferErrors';
import type { DownloadResult, TransferAs, TransferProgress, TransferStage } from './transferTypes';

export interface DownloadDirectoryOptions {
  client: Client;
  as?: TransferAs;
  remotePath: string;
  /** The final folder; it must not exist. `<localPath>.part` holds the download until it is verified. */
  localPath: string;
  signal?: AbortSignal;
  onProgress?: (progress: TransferProgress) => void;
  onStage?: (stage: TransferStage) => void | Promise<void>;
}

export interface DirectoryResult extends DownloadResult {
  entries: TarExtractStats;
}

/**
 * Downloads a folder as one tar stream (`tar -cf - -C dir .` over a raw exec channel or the root shell),
 * unpacked safely into `<localPath>.part`, verified against the platform's SHA-256 of the same archive,
 * then renamed into place. A folder download does not resume: a cut one starts again.
 */
export async function downloadDirectory(options: DownloadDirectoryOptions): Promise<DirectoryResult> {
  const started = performance.now();
  const shell = remoteShell(options.client, options.as);
  const what = `downloading the folder ${options.remotePath}`;
  const stat = await shellStat(shell, options.remotePath, options.signal);
  if (!stat.isDirectory) throw new ConnectError('remote_failed', `${options.remotePath} is not a folder; download it as a file.`, { remotePath: options.remotePath });
  if (!(await pathIsFree(options.localPath))) throw new ConnectError('local_failed', `${options.localPath} already exists. Choose another folder name or remove it first.`, { localPath: options.localPath });

  const staging = `${options.localPath}.part`;
  const hash = createHash('sha256');
  let bytes = 0;
  const watch = watchConnection(options.client);
  try {
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
    const extractor = new TarExtractor(staging);
    const meter = createProgressMeter({ total: null, startBytes: 0, onProgress: options.onProgress });
    await options.onStage?.('transfer');
    const read = await shell.read(tarArgv(options.remotePath), options.signal);
    try {
      await pumpStream(read.stream, (chunk) => {
        hash.update(chunk);
        bytes += chunk.length;
        meter.update(bytes);
        return extractor.write(chunk);
      });
      const code = await read.done;
      if (code !== 0) throw remoteReadFailure(options.remotePath, shell.who, read.errors() || `tar exit code ${code ?? 'none'}; a file may have changed while it was read`);
    } catch (error) {
      read.cancel();
      await extractor.abort();
      throw error;
    }
    const entries = await extractor.end();
    meter.finish(bytes);

    await options.onStage?.('verify');
    const localSum = hash.digest('hex');
    const result = await shell.runShell(tarSha256Shell(options.remotePath), options.signal);
    const remoteSum = result.code === 0 ? parseSha256(result.output) : undefined;
    if (remoteSum !== localSum) {
      const said = firstLine(`${result.errors}\n${result.output}`);
      throw new ConnectError(
        'verify_failed',
        remoteSum
          ? `The folder ${options.remotePath} arrived with SHA-256 ${localSum}, but the platform's archive of it now has ${remoteSum}: something in it changed or was damaged on the way. Nothing was saved; download it again.`
          : `The platform could not compute the SHA-256 of the folder's archive${said ? ` (${said})` : ''}, so the download cannot be verified. Nothing was saved.`,
        { remotePath: options.remotePath, localSha256: localSum, remoteSha256: remoteSum },
      );
    }
    await extractor.finish();
    await options.onStage?.('rename');
    await rename(staging, options.localPath);
    await syncFolder(dirname(options.localPath));
    return { localPath: options.localPath, bytes, transferred: bytes, resumedFrom: 0, sha256: localSum, method: 'cat', reconnects: 0, seconds: (performance.now() - started) / 1000, entries };
  } catch (error) {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    if (options.signal?.aborted) throw new ConnectError('cancelled', `Downloading the folder ${options.remotePath} was cancelled; nothing was kept.`);
    if (watch.lost) throw new ConnectError('disconnected', `The connection to the platform dropped while ${what}; nothing was kept. Download the folder again.`, { bytes });
    if (isLocalError(error)) throw localFailure(error, options.localPath, null);
    throw error;
  } finally {
    watch.stop();
  }
}
