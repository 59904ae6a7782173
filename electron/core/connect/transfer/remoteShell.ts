import type { Client } from 'ssh2';
import { exec, execStream } from '../sshExec';
import { shellCommand } from '../shellQuote';
import type { TransferAs } from './transferTypes';

export interface RemoteRun {
  /** stdout (with stderr merged on the root shell). */
  output: string;
  /** stderr where it is separate. */
  errors: string;
  code: number | null;
}

export interface RemoteRead {
  stream: NodeJS.ReadableStream;
  /** Exit code of the reading command. */
  done: Promise<number | null>;
  /** What the command printed on stderr (admin only; the root shell merges it). */
  errors(): string;
  cancel(): void;
}

/** Commands on the platform with the rights the transfer runs under. */
export interface RemoteShell {
  who: 'admin' | 'root';
  run(argv: readonly string[], signal?: AbortSignal): Promise<RemoteRun>;
  runShell(shell: string, signal?: AbortSignal): Promise<RemoteRun>;
  read(argv: readonly string[], signal?: AbortSignal): Promise<RemoteRead>;
}

const STDERR_KEPT = 4096;

function adminShell(client: Client): RemoteShell {
  const runLine = async (line: string, signal?: AbortSignal): Promise<RemoteRun> => {
    const result = await exec(client, line, { signal, maxBytes: 1024 * 1024 });
    return { output: result.stdout.toString('utf8'), errors: result.stderr.toString('utf8'), code: result.code };
  };
  return {
    who: 'admin',
    run: (argv, signal) => runLine(shellCommand(argv), signal),
    runShell: runLine,
    async read(argv, signal) {
      const running = await execStream(client, shellCommand(argv), { signal, label: 'Reading the file' });
      let errors = '';
      running.channel.stderr.on('data', (chunk: Buffer) => {
        if (errors.length < STDERR_KEPT) errors += chunk.toString('utf8');
      });
      const done = running.done.then((exit) => exit.code);
      done.catch(() => undefined);
      const cancel = () => {
        running.cancel();
        // ssh2 reports the channel closed only after its output has ended: drop what is still buffered
        // (read() as well, since a reader that stopped early may have left a 'readable' listener behind).
        const channel = running.channel;
        const drain = () => {
          while (channel.read() !== null);
        };
        channel.on('readable', drain);
        drain();
        channel.resume();
      };
      return { stream: running.channel, done, errors: () => errors, cancel };
    },
  };
}

function rootShell(root: Extract<TransferAs, { root: unknown }>['root']): RemoteShell {
  const toRun = (result: { output: string; code: number | null }): RemoteRun => ({ output: result.output, errors: '', code: result.code });
  return {
    who: 'root',
    run: async (argv, signal) => toRun(await root.run(argv, { signal })),
    runShell: async (shell, signal) => toRun(await root.run({ shell }, { signal })),
    async read(argv, signal) {
      const running = await root.readStream(argv, { signal });
      const done: Promise<number | null> = running.done;
      done.catch(() => undefined);
      return { stream: running.stream, done, errors: () => '', cancel: () => running.cancel() };
    },
  };
}

export function remoteShell(client: Client, as: TransferAs = 'admin'): RemoteShell {
  return as === 'admin' ? adminShell(client) : rootShell(as.root);
}
