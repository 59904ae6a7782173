import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface RunningWebMode {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  output(): string;
  stop(): Promise<void>;
  /** Ends the process at once (SIGKILL), as a crash or a power cut does; the data folder stays. */
  kill(): Promise<void>;
}

export interface WebModeOptions {
  /** A data folder the caller owns (kept on stop); by default a new one, removed on stop. */
  dataDir?: string;
  /** More command-line options, e.g. --no-poll. */
  args?: readonly string[];
}

/** Starts `npm run web`'s engine exactly as a user does (without the build step), on a free port with its own data folder. */
export async function startWebMode(options: WebModeOptions = {}): Promise<RunningWebMode> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'apc-e2e-')));
  const child = spawn(join(REPO_ROOT, 'node_modules/.bin/tsx'), ['electron/core/server/cli.ts', '--port', '0', '--data-dir', dataDir, ...(options.args ?? [])], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await waitForUrl(child, () => output);
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    dataDir,
    output: () => output,
    async stop() {
      await stopChild(child);
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
    async kill() {
      // tsx runs the engine in a node process of its own: the whole process group goes.
      const group = -(child.pid as number);
      try {
        process.kill(group, 'SIGKILL');
      } catch {
        return;
      }
      for (let i = 0; i < 200 && groupAlive(group); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    },
  };
}

function waitForUrl(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web mode did not print its URL:\n${output()}`)), 30_000);
    const check = () => {
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output());
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web mode exited with ${code}:\n${output()}`));
    });
  });
}

function groupAlive(group: number): boolean {
  try {
    process.kill(group, 0);
    return true;
  } catch {
    return false;
  }
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
