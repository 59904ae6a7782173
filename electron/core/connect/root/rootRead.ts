import { PassThrough } from 'node:stream';
import type { Client } from 'ssh2';
import { ConnectError, cancelled } from '../connectError';
import { shellCommand } from '../shellQuote';
import { execStream } from '../sshExec';
import type { ExecStream } from '../sshExec';
import { fifoPath, isFifoFolder, makeFifoScript, removeFolderScript, writeIntoFifoScript } from './rootFifo';
import type { RootShell } from './rootShell';

export interface RootRead {
  stream: PassThrough;
  done: Promise<number>;
  cancel(): void;
}

export interface RootReadContext {
  client: Client;
  shell: RootShell;
  adminUid: number;
  platform: string;
}

const LABEL = 'Reading as root';
const READER_GRACE_MS = 5_000;

/** Settles `done` and the stream together: an error destroys the stream with it. */
function readHandle() {
  const stream = new PassThrough();
  let settleDone: { resolve(code: number): void; reject(error: ConnectError): void } | undefined;
  const done = new Promise<number>((resolve, reject) => {
    settleDone = { resolve, reject };
  });
  done.catch(() => undefined);
  return {
    stream,
    done,
    succeed: (code: number) => settleDone?.resolve(code),
    fail: (error: ConnectError) => {
      settleDone?.reject(error);
      if (!stream.destroyed) stream.destroy(error);
    },
  };
}

/**
 * The fast path: root's command writes into a FIFO that admin reads on a second, plain exec channel,
 * so the bytes travel a raw SSH channel (no terminal in between) at full speed.
 * Resolves false, having changed nothing, when no FIFO could be made. Call inside `shell.exclusive`;
 * `announce` hands out the stream once data can flow; the promise settles after cleanup.
 */
export async function readThroughFifo(ctx: RootReadContext, argv: readonly string[], signal: AbortSignal | undefined, announce: (read: RootRead) => void): Promise<boolean> {
  const { shell } = ctx;
  const command = shellCommand(argv);
  let folderOut = '';
  const made = await shell.command(makeFifoScript(ctx.adminUid), { signal, label: LABEL, onBody: (b) => void (folderOut += b.toString('utf8')) });
  const folder = folderOut.trim().split('\n').pop() ?? '';
  if (made !== 0 || !isFifoFolder(folder)) return false;

  let reader: ExecStream;
  try {
    reader = await execStream(ctx.client, shellCommand(['cat', '--', fifoPath(folder)]), { label: LABEL });
  } catch (error) {
    await shell.command(removeFolderScript(folder)).catch(() => undefined);
    throw error;
  }
  const handle = readHandle();
  const writerAbort = new AbortController();
  let failure: ConnectError | undefined;
  let lastResort: NodeJS.Timeout | undefined;
  let giveUp: () => void = () => undefined;
  const gaveUp = new Promise<void>((resolve) => (giveUp = resolve));
  const stop = (why: ConnectError) => {
    if (failure) return;
    failure = why;
    writerAbort.abort();
    // Kill admin's reader and drain its channel until the server closes it. Closing it from this side while
    // still draining would let window updates follow the close, which dropbear answers by dropping the whole
    // connection ("Unknown channel"). The reader also ends by itself once root's writer is interrupted.
    try {
      reader.channel.signal('KILL');
    } catch {
      // the channel is closing already
    }
    reader.channel.unpipe(handle.stream);
    reader.channel.resume();
    lastResort = setTimeout(() => {
      reader.channel.pause();
      reader.channel.close();
      giveUp();
    }, READER_GRACE_MS);
    handle.fail(why);
  };
  const onAbort = () => stop(cancelled(LABEL));
  signal?.addEventListener('abort', onAbort, { once: true });

  let readerError = '';
  reader.channel.stderr.resume();
  reader.channel.stderr.on('data', (chunk: Buffer) => {
    if (readerError.length < 2_000) readerError += chunk.toString('utf8');
  });
  reader.channel.pipe(handle.stream);

  const writer = shell.command(writeIntoFifoScript(command, folder), { signal: writerAbort.signal, label: LABEL });
  writer.catch(() => undefined);
  const readerEnd = reader.done.then(
    (exit) => {
      clearTimeout(lastResort);
      // admin's cat ends early only if it failed: then root may wait on the FIFO forever.
      if (exit.code !== 0) stop(new ConnectError('remote_failed', `Reading the root output on ${ctx.platform} failed on the admin side (${readerError.trim() || `exit ${exit.code ?? exit.signal ?? 'unknown'}`}). Try again.`, { platform: ctx.platform }));
      return exit;
    },
    (error: unknown) => {
      clearTimeout(lastResort);
      stop(error instanceof ConnectError ? error : new ConnectError('disconnected', `The read channel on ${ctx.platform} broke. Try again.`));
    },
  );
  announce({ stream: handle.stream, done: handle.done, cancel: () => stop(cancelled(LABEL)) });

  let code: number | undefined;
  try {
    code = await writer;
  } catch (error) {
    stop(error instanceof ConnectError ? error : new ConnectError('remote_failed', `${LABEL} on ${ctx.platform} failed.`));
  }
  await Promise.race([readerEnd, gaveUp]);
  signal?.removeEventListener('abort', onAbort);
  if (failure || code === undefined) {
    // The interrupted writer never reached its own clean-up.
    if (!shell.closed) await shell.command(removeFolderScript(folder), { timeoutMs: 10_000 }).catch(() => undefined);
    return true;
  }
  handle.succeed(code);
  return true;
}

/**
 * The command's stdout goes through a pipe (`| cat`), as programs such as tar refuse to write an archive to a
 * terminal, while its own exit code comes back on fd 4; stderr goes to /dev/null so it cannot mix in.
 */
export function ptyReadScript(command: string): string {
  return `{ __apc_r=$( { { ${command} 2>/dev/null 4>&- 3>&-; echo $? >&4; } | cat >&3; } 4>&1 ); } 3>&1; (exit $__apc_r)`;
}

/**
 * The fallback: the bytes come over the root PTY itself, between markers. Exact because the tty's output
 * processing is off (stty -opost) and nothing is echoed.
 */
export async function readThroughPty(ctx: RootReadContext, argv: readonly string[], signal: AbortSignal | undefined, announce: (read: RootRead) => void): Promise<void> {
  const { shell } = ctx;
  const handle = readHandle();
  const abort = new AbortController();
  const onAbort = () => abort.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  handle.stream.on('drain', () => shell.resume());
  const running = shell.command(ptyReadScript(shellCommand(argv)), { signal: abort.signal, label: LABEL, onBody: (chunk) => handle.stream.write(chunk) });
  announce({ stream: handle.stream, done: handle.done, cancel: () => abort.abort() });
  try {
    const code = await running;
    handle.stream.end();
    handle.succeed(code);
  } catch (error) {
    handle.fail(error instanceof ConnectError ? error : new ConnectError('remote_failed', `${LABEL} on ${ctx.platform} failed.`));
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
