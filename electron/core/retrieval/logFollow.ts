import { randomBytes } from 'node:crypto';
import { isConnectError } from '../connect/connectError';
import { ConnectError } from '../connect/connectError';
import type { RootSession } from '../connect/root/rootSession';
import type { PlatformAccess } from './platformAccess';
import { remotePathOrThrow } from './retrievalPaths';

export const FOLLOW_BATCH_MS = 200;
/** A file missing this long ends the follow (a rotation recreates it sooner). */
export const VANISHED_SECONDS = 3;
const MAX_LINE = 64 * 1024;
const MAX_BATCH = 5_000;

/**
 * `tail -n N -F` on the file, which a watcher beside it stops once the file has been missing for VANISHED_SECONDS
 * (tail -F itself would wait forever). `exec` makes tail the shell's own process, so the watcher also ends with it.
 */
export function followArgv(path: string, lines: number): string[] {
  const script = [
    'f=$1; n=$2; me=$$',
    `( gone=0; while sleep 1; do kill -0 "$me" 2>/dev/null || exit 0; if [ -e "$f" ]; then gone=0; else gone=$((gone + 1)); if [ "$gone" -ge ${VANISHED_SECONDS} ]; then kill "$me"; exit 0; fi; fi; done ) </dev/null >/dev/null 2>&1 &`,
    'exec tail -n "$n" -F -- "$f" 2>/dev/null',
  ].join('\n');
  return ['sh', '-c', script, 'sh', path, String(lines)];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A log line as text: UTF-8, or Latin-1 where it is not valid UTF-8 (never a broken line). */
export function lineText(bytes: Buffer): string {
  const line = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.subarray(0, -1) : bytes;
  try {
    return utf8.decode(line);
  } catch {
    return line.toString('latin1');
  }
}

/** Splits a byte stream into lines; the last piece waits for its line break (or is cut at MAX_LINE). */
export class LineSplitter {
  private rest = Buffer.alloc(0);

  push(chunk: Buffer): string[] {
    const data = this.rest.length > 0 ? Buffer.concat([this.rest, chunk]) : chunk;
    const lines: string[] = [];
    let at = 0;
    for (;;) {
      const end = data.indexOf(0x0a, at);
      if (end < 0) break;
      lines.push(lineText(data.subarray(at, end)));
      at = end + 1;
    }
    this.rest = Buffer.from(data.subarray(at));
    while (this.rest.length > MAX_LINE) {
      lines.push(lineText(this.rest.subarray(0, MAX_LINE)));
      this.rest = this.rest.subarray(MAX_LINE);
    }
    return lines;
  }

  end(): string[] {
    const last = this.rest.length > 0 ? [lineText(this.rest)] : [];
    this.rest = Buffer.alloc(0);
    return last;
  }
}

export interface FollowEvents {
  lines(followId: string, lines: string[]): void;
  end(followId: string, message: string): void;
}

export interface LogFollows {
  start(platformId: string, path: string, lines: number): Promise<string>;
  stop(followId: string): void;
  closeAll(): void;
  readonly count: number;
}

interface Follow {
  stop(message: string): void;
}

/** Live follows of log files, each on a root shell of its own; lines go out in batches every FOLLOW_BATCH_MS. */
export function createLogFollows(access: PlatformAccess, events: FollowEvents): LogFollows {
  const follows = new Map<string, Follow>();

  async function start(platformId: string, rawPath: string, count: number): Promise<string> {
    const path = remotePathOrThrow(rawPath, (reason) => new ConnectError('remote_failed', reason));
    const followId = `follow-${randomBytes(12).toString('hex')}`;
    const link = await access.dedicated(platformId, 'follow a log');
    const session: RootSession = link.session;
    const name = link.platform.name;
    try {
      const check = await link.root.run(['test', '-f', path]);
      if (check.code !== 0) throw new ConnectError('remote_failed', `${path} is not a file on ${name} (it may have been removed or be a folder). Choose a file from the log list.`);
      const read = await link.root.readStream(followArgv(path, count));
      const splitter = new LineSplitter();
      const pending: string[] = [];
      let ended = false;
      let readOver = false;
      const flush = () => {
        while (pending.length > 0) events.lines(followId, pending.splice(0, MAX_BATCH));
      };
      const timer = setInterval(flush, FOLLOW_BATCH_MS);
      timer.unref();
      const finish = (message: string) => {
        if (ended) return;
        ended = true;
        follows.delete(followId);
        link.client.off('close', onClose);
        if (!readOver) read.cancel();
        session.close();
        pending.push(...splitter.end());
        clearInterval(timer);
        flush();
        events.end(followId, message);
      };
      const dropped = () => `The connection to ${name} dropped, so following ${path} ended. Follow it again once the platform can be reached.`;
      const onClose = () => finish(dropped());
      link.client.once('close', onClose);
      read.stream.on('data', (chunk: Buffer) => {
        pending.push(...splitter.push(chunk));
      });
      read.stream.on('error', () => undefined);
      read.done.then(
        () => {
          readOver = true;
          finish(`${path} is gone from ${name} (no file there for ${VANISHED_SECONDS} seconds), so following it ended. Follow it again once it is back.`);
        },
        (error: unknown) => finish(isConnectError(error, 'cancelled') ? `Following ${path} on ${name} stopped.` : dropped()),
      );
      follows.set(followId, { stop: finish });
      return followId;
    } catch (error) {
      session.close();
      throw error;
    }
  }

  return {
    start,
    stop(followId) {
      follows.get(followId)?.stop('Following stopped.');
    },
    closeAll() {
      for (const follow of [...follows.values()]) follow.stop('Following stopped: the console is closing.');
    },
    get count() {
      return follows.size;
    },
  };
}
