import { spawn } from 'node:child_process';

export interface ToolRun {
  code: number;
  /** The last 64 KiB of each stream: a tool's output over hundreds of platforms is not kept whole. */
  stdout: string;
  stderr: string;
  seconds: number;
}

const KEPT_BYTES = 64 * 1024;
const tail = (text: string) => (text.length > 2 * KEPT_BYTES ? text.slice(-KEPT_BYTES) : text);

export interface ToolOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  signal: AbortSignal;
}

/**
 * Runs a tool in a process group of its own and times it; an abort ends that group (the tool and the
 * ssh processes it forked), nothing else.
 */
export function runTool(program: string, args: readonly string[], options: ToolOptions): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    if (options.signal.aborted) return reject(new Error(`${program} not started: the run was interrupted`));
    const started = performance.now();
    const child = spawn(program, args, { env: options.env, cwd: options.cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout = tail(stdout + chunk.toString())));
    child.stderr.on('data', (chunk: Buffer) => (stderr = tail(stderr + chunk.toString())));
    const stop = () => {
      if (child.pid === undefined || child.exitCode !== null) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    };
    options.signal.addEventListener('abort', stop, { once: true });
    child.on('error', (error) => {
      options.signal.removeEventListener('abort', stop);
      reject(error);
    });
    child.on('close', (code, signal) => {
      options.signal.removeEventListener('abort', stop);
      if (options.signal.aborted) return reject(new Error(`${program} stopped: the run was interrupted`));
      resolve({ code: code ?? (signal ? 128 : -1), stdout: stdout.slice(-KEPT_BYTES), stderr: stderr.slice(-KEPT_BYTES), seconds: (performance.now() - started) / 1000 });
    });
  });
}
