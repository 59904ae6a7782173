import type { SFTPWrapper } from 'ssh2';
import { readWithHashArgv } from './remoteCommands';
import type { RemoteShell } from './remoteShell';
import { sftpClose, sftpOpenRead } from './sftpSession';
import { sftpReadRange } from './sftpRangeReader';
import type { SftpReadTuning } from './sftpRangeReader';
import { remoteReadFailure, sftpFailure } from './transferErrors';

/** Takes one chunk; a returned promise holds the next chunk back until it settles. */
export type ChunkSink = (chunk: Buffer) => Promise<void> | undefined;

/** The remote file's bytes from an offset on. */
export interface ByteSource {
  /** Hands every chunk to the sink in order: the file's bytes, then (shell reads) the hash trailer. */
  pipeTo(sink: ChunkSink): Promise<void>;
  /** After the last chunk: fails when the remote side reported an error. */
  finish(): Promise<void>;
  /** Stops the remote side (the read may be mid-way); idempotent. */
  cancel(): Promise<void>;
}

export interface FileSourceRequest {
  remotePath: string;
  offset: number;
  size: number;
  signal?: AbortSignal;
}

/**
 * Feeds a stream's chunks to the sink as they come ('data' events: no buffering and re-joining of chunks),
 * pausing the stream while the sink asks to wait.
 */
export function pumpStream(stream: NodeJS.ReadableStream, sink: ChunkSink): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let pending: Promise<void> | undefined;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('close', onEnd);
      stream.off('error', finish);
      if (error === undefined) resolve();
      else reject(error);
    };
    // The stream may end while the sink still works on the last chunk.
    const onEnd = () => {
      if (pending) pending.then(() => finish(), finish);
      else finish();
    };
    const onData = (chunk: Buffer) => {
      if (settled) return;
      let wait: Promise<void> | undefined;
      try {
        wait = sink(chunk);
      } catch (error) {
        finish(error);
        return;
      }
      if (!wait) return;
      stream.pause();
      pending = wait;
      wait.then(() => {
        if (pending === wait) pending = undefined;
        if (!settled) stream.resume();
      }, finish);
    };
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('close', onEnd);
    stream.on('error', finish);
    stream.resume();
  });
}

export async function sftpFileSource(sftp: SFTPWrapper, request: FileSourceRequest, tuning?: SftpReadTuning): Promise<ByteSource> {
  const handle = await sftpOpenRead(sftp, request.remotePath).catch((error: unknown) => {
    throw sftpFailure(error, request.remotePath);
  });
  let ended = false;
  const onEnd = () => {
    ended = true;
  };
  sftp.once('close', onEnd);
  sftp.once('end', onEnd);
  let closed: Promise<void> | undefined;
  // A session that has ended cannot answer a CLOSE any more.
  const close = () =>
    (closed ??= (ended ? Promise.resolve() : sftpClose(sftp, handle)).finally(() => {
      sftp.off('close', onEnd);
      sftp.off('end', onEnd);
    }));
  async function* chunks(): AsyncGenerator<Buffer> {
    try {
      yield* sftpReadRange(sftp, handle, request.offset, request.size, tuning, request.signal);
    } catch (error) {
      if (request.signal?.aborted) throw error;
      throw sftpFailure(error, request.remotePath);
    }
  }
  return {
    async pipeTo(sink) {
      for await (const chunk of chunks()) await sink(chunk);
    },
    finish: close,
    cancel: close,
  };
}

/**
 * `cat` (or `tail -c +N` to resume) on a raw exec channel or through the root shell: byte-exact, followed
 * by the platform's SHA-256 line of the whole file (see readWithHashArgv).
 */
export async function shellFileSource(shell: RemoteShell, request: FileSourceRequest): Promise<ByteSource> {
  const read = await shell.read(readWithHashArgv(request.remotePath, request.offset), request.signal);
  let cancelled = false;
  return {
    pipeTo: (sink) => pumpStream(read.stream, sink),
    async finish() {
      const code = await read.done;
      if (code !== 0 && !cancelled) throw remoteReadFailure(request.remotePath, shell.who, read.errors() || `exit code ${code ?? 'none'}`);
    },
    async cancel() {
      cancelled = true;
      read.cancel();
      await read.done.catch(() => undefined);
    },
  };
}
