import { rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Client } from 'ssh2';
import { ConnectError, cancelled, isConnectError } from '../connectError';
import { pause, watchConnection } from './connectionWatch';
import type { ConnectionWatch } from './connectionWatch';
import { sftpFileSource, shellFileSource } from './fileSource';
import type { ByteSource } from './fileSource';
import { chooseMethod } from './methodChoice';
import { sftpSession } from './sftpSession';
import { discardPart, openPart, partPath, sidecarPath, writeSidecar } from './partFile';
import type { PartIdentity } from './partFile';
import { PartWriter } from './partWriter';
import { createProgressMeter } from './progressMeter';
import type { ProgressMeter } from './progressMeter';
import { parseHashTrailer } from './remoteCommands';
import type { RemoteStat } from './remoteCommands';
import { remotePrefixSha256, remoteSha256, sftpFileStat, shellStat } from './remoteFileFacts';
import { remoteShell } from './remoteShell';
import type { RemoteShell } from './remoteShell';
import type { SftpReadTuning } from './sftpRangeReader';
import { connectionCut, isLocalError, localFailure, syncFolder } from './transferErrors';
import type { DownloadResult, MethodChoice, TransferAs, TransferLink, TransferMethod, TransferProgress, TransferStage } from './transferTypes';

export interface DownloadFileOptions {
  client: Client;
  /** admin (default), or root through a root session on this connection. */
  as?: TransferAs;
  remotePath: string;
  /** The final name; `<localPath>.part` and `<localPath>.part.json` hold a download until it is verified. */
  localPath: string;
  method?: MethodChoice;
  signal?: AbortSignal;
  /** At most four a second, and a last one when all bytes are in. */
  onProgress?: (progress: TransferProgress) => void;
  onStage?: (stage: TransferStage) => void | Promise<void>;
  /** A fresh connection after a cut one (and a fresh root session on it); the download goes on from its offset. */
  reconnect?: () => Promise<TransferLink>;
  maxReconnects?: number;
  /** First wait before reconnecting, doubled each time. */
  reconnectDelayMs?: number;
  sftpTuning?: SftpReadTuning;
}

interface Tally {
  total: number | null;
  received: number;
  resumedFrom: number | undefined;
  method: TransferMethod;
  sha256: string;
}

async function statFile(shell: RemoteShell, method: TransferMethod, options: DownloadFileOptions, sftp: Parameters<typeof sftpFileStat>[0] | undefined): Promise<RemoteStat> {
  const stat = method === 'sftp' && sftp ? await sftpFileStat(sftp, options.remotePath) : await shellStat(shell, options.remotePath, options.signal);
  if (!stat.isFile) {
    const kind = stat.isDirectory ? 'a folder: download it as a folder' : 'not a regular file';
    throw new ConnectError('remote_failed', `${options.remotePath} is ${kind}.`, { remotePath: options.remotePath });
  }
  return stat;
}

const TRAILER_KEPT = 4096;

/** Writes the file's bytes to the partial file; returns what came after them (the hash trailer of a shell read). */
async function receive(source: ByteSource, writer: PartWriter, size: number, meter: ProgressMeter): Promise<Buffer> {
  let finished = false;
  let trailer = Buffer.alloc(0);
  try {
    await source.pipeTo((chunk) => {
      const room = size - writer.bytes;
      // A file that grew is read only up to the size it had: its prefix is verified below.
      if (chunk.length > room) {
        trailer = Buffer.concat([trailer, chunk.subarray(Math.max(0, room))]);
        if (trailer.length > TRAILER_KEPT) trailer = trailer.subarray(trailer.length - TRAILER_KEPT);
      }
      const wait = room > 0 ? writer.write(chunk.length > room ? chunk.subarray(0, room) : chunk) : undefined;
      meter.update(writer.bytes);
      return wait;
    });
    await source.finish();
    finished = true;
  } finally {
    if (!finished) await source.cancel();
  }
  return trailer;
}

/** A file last changed this many seconds before it was looked at cannot change again unseen (mtime has whole seconds). */
const SETTLED_SECONDS = 2;

/**
 * Compares the local hash with the platform's. A hash taken during the transfer counts when the file has not
 * changed since it was first looked at; otherwise the platform hashes it again now. A file that only grew is
 * accepted when the prefix that was read matches.
 */
async function verify(shell: RemoteShell, options: DownloadFileOptions, before: RemoteStat, early: Promise<string | undefined>, localSum: string, watch: ConnectionWatch): Promise<void> {
  try {
    const settled = before.now !== undefined && before.now - before.mtime >= SETTLED_SECONDS;
    if (settled && (await early) === localSum) {
      const after = await shellStat(shell, options.remotePath, options.signal).catch(() => undefined);
      if (after && after.size === before.size && after.mtime === before.mtime) return;
    }
    const remoteSum = await remoteSha256(shell, options.remotePath, options.signal);
    if (remoteSum === localSum) return;
    const now = await shellStat(shell, options.remotePath, options.signal).catch(() => undefined);
    if (now && now.size > before.size && (await remotePrefixSha256(shell, options.remotePath, before.size, options.signal)) === localSum) return;
    await discardPart(options.localPath);
    throw new ConnectError(
      'verify_failed',
      `${options.remotePath} arrived with SHA-256 ${localSum}, but the platform computes ${remoteSum}: the file changed on the platform or was damaged on the way. Nothing was saved as ${options.localPath}; download it again.`,
      { remotePath: options.remotePath, localSha256: localSum, remoteSha256: remoteSum },
    );
  } catch (error) {
    if (isConnectError(error, 'disconnected') && !watch.lost) {
      throw new ConnectError('verify_failed', `The platform runs no commands for ${shell.who}, so ${options.remotePath} cannot be verified with its sha256sum. The partial file is kept.`, { remotePath: options.remotePath });
    }
    throw error;
  }
}

async function attempt(link: TransferLink, options: DownloadFileOptions, tally: Tally, watch: ConnectionWatch): Promise<void> {
  const shell = remoteShell(link.client, link.as);
  const chosen = await chooseMethod(link.client, shell, options.method ?? 'auto');
  let method = chosen.method;
  let stat: RemoteStat;
  try {
    stat = await statFile(shell, method, options, chosen.sftp);
  } catch (error) {
    // A server that refuses commands but has SFTP still serves the bytes.
    const auto = options.method === undefined || options.method === 'auto';
    if (!auto || shell.who !== 'admin' || method !== 'cat' || !isConnectError(error, 'disconnected') || watch.lost) throw error;
    chosen.sftp = await sftpSession(link.client);
    if (!chosen.sftp) throw error;
    method = 'sftp';
    stat = await statFile(shell, method, options, chosen.sftp);
  }
  tally.method = method;
  tally.total = stat.size;
  const identity: PartIdentity = { remotePath: options.remotePath, who: shell.who, size: stat.size, mtime: stat.mtime };
  const part = await openPart(options.localPath, identity).catch((error: unknown) => {
    throw localFailure(error, options.localPath, 0);
  });
  tally.resumedFrom ??= part.offset;
  const writer = new PartWriter(part.file, part.offset, part.hash);
  const meter = createProgressMeter({ total: stat.size, startBytes: part.offset, onProgress: options.onProgress });
  let open = true;
  // The platform hashes the file while it is sent (shell reads append the hash; SFTP gets a command beside),
  // so verifying adds no wait.
  let early: Promise<string | undefined> = Promise.resolve(undefined);
  try {
    if (writer.bytes < stat.size) {
      await options.onStage?.('transfer');
      const request = { remotePath: options.remotePath, offset: part.offset, size: stat.size, signal: options.signal };
      if (method === 'sftp' && chosen.sftp) {
        early = remoteSha256(shell, options.remotePath, options.signal).catch(() => undefined);
        await receive(await sftpFileSource(chosen.sftp, request, options.sftpTuning), writer, stat.size, meter);
      } else {
        early = Promise.resolve(parseHashTrailer(await receive(await shellFileSource(shell, request), writer, stat.size, meter)));
      }
    }
    await writer.flush();
    if (writer.bytes < stat.size) {
      if (options.signal?.aborted || watch.lost) throw connectionCut('downloading', writer.bytes, stat.size);
      await part.file.close();
      open = false;
      await discardPart(options.localPath);
      throw new ConnectError('remote_failed', `${options.remotePath} got shorter on the platform while it was downloaded. Download it again.`, { remotePath: options.remotePath });
    }
    await part.file.sync();
    meter.finish(writer.bytes);
  } catch (error) {
    await writer.flush().catch(() => undefined);
    if (open) await part.file.close().catch(() => undefined);
    open = false;
    await writeSidecar(options.localPath, identity, writer.written).catch(() => undefined);
    throw isLocalError(error) ? localFailure(error, options.localPath, writer.written) : error;
  } finally {
    tally.received += writer.bytes - part.offset;
    if (open) await part.file.close().catch(() => undefined);
  }

  await options.onStage?.('verify');
  const localSum = writer.hash.digest('hex');
  await verify(shell, options, stat, early, localSum, watch);
  await options.onStage?.('rename');
  try {
    await rename(partPath(options.localPath), options.localPath);
    await rm(sidecarPath(options.localPath), { force: true });
    await syncFolder(dirname(options.localPath));
  } catch (error) {
    throw localFailure(error, options.localPath, stat.size);
  }
  tally.sha256 = localSum;
}

/**
 * Downloads one file: SFTP or `cat` (chosen by what the server offers and what is fastest), resumed from a
 * partial file of the same remote file, verified against the platform's sha256sum, then renamed into place.
 */
export async function downloadFile(options: DownloadFileOptions): Promise<DownloadResult> {
  if (!options.remotePath || options.remotePath.includes('\0')) throw new ConnectError('remote_failed', 'The remote path is empty or holds a NUL byte. Choose the file again.');
  const started = performance.now();
  const label = `Downloading ${options.remotePath}`;
  const maxReconnects = options.maxReconnects ?? 3;
  let link: TransferLink = { client: options.client, as: options.as };
  let reconnects = 0;
  const tally: Tally = { total: null, received: 0, resumedFrom: undefined, method: 'cat', sha256: '' };
  for (;;) {
    const watch = watchConnection(link.client);
    try {
      await attempt(link, options, tally, watch);
      return {
        localPath: options.localPath,
        bytes: tally.total ?? 0,
        transferred: tally.received,
        resumedFrom: tally.resumedFrom ?? 0,
        sha256: tally.sha256,
        method: tally.method,
        reconnects,
        seconds: (performance.now() - started) / 1000,
      };
    } catch (error) {
      if (options.signal?.aborted) throw new ConnectError('cancelled', `${label} was cancelled. The partial file is kept: download again to continue.`);
      const cut = watch.lost || isConnectError(error, 'disconnected');
      if (!cut) throw error;
      const kept = (tally.resumedFrom ?? 0) + tally.received;
      if (!options.reconnect || reconnects >= maxReconnects) throw connectionCut('downloading', kept, tally.total);
      link = await reconnectWithBackoff(options, reconnects, maxReconnects, () => reconnects++).catch((failure: unknown) => {
        throw isConnectError(failure, 'cancelled') ? failure : connectionCut('downloading', kept, tally.total);
      });
    } finally {
      watch.stop();
    }
  }
}

async function reconnectWithBackoff(options: DownloadFileOptions, done: number, max: number, count: () => void): Promise<TransferLink> {
  const reconnect = options.reconnect as () => Promise<TransferLink>;
  let lastError: unknown;
  for (let n = done; n < max; n++) {
    try {
      await pause((options.reconnectDelayMs ?? 500) * 2 ** n, options.signal);
    } catch {
      throw cancelled(`Downloading ${options.remotePath}`);
    }
    count();
    try {
      return await reconnect();
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}
