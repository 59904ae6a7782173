import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../../e2e/support/webMode';

export interface BenchWebMode {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts the web mode on a given data folder, as test/e2e/support/webMode.ts does, and waits for its address. */
export async function startBenchWebMode(dataDir: string, rendererDir?: string): Promise<BenchWebMode> {
  const args = ['test/bench/ui/benchWebServer.ts', '--data-dir', dataDir, ...(rendererDir ? ['--renderer-dir', rendererDir] : [])];
  const child = spawn(join(REPO_ROOT, 'node_modules/.bin/tsx'), args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the web mode did not print its address:\n${output}`)), 60_000);
    child.stdout?.on('data', () => {
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the web mode exited with ${code}:\n${output}`));
    });
  });
  return { url, output: () => output, stop: () => stopChild(child) };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
