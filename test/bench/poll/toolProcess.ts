import { spawn } from 'node:child_process';

export interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
  seconds: number;
}

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
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
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
      resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr, seconds: (performance.now() - started) / 1000 });
    });
  });
}
