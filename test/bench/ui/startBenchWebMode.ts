import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT, stopChild } from '../../e2e/support/webMode';

export interface BenchWebMode {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `npm run web`'s engine and server on a given data folder, as test/e2e/support/webMode.ts does, without
 * polling on a schedule (the benchmark fleet's addresses lead nowhere, and failing polls would replace the
 * statuses under test), and waits for its address.
 */
export async function startBenchWebMode(dataDir: string, rendererDir?: string): Promise<BenchWebMode> {
  const args = ['electron/core/server/cli.ts', '--port', '0', '--data-dir', dataDir, '--no-poll', ...(rendererDir ? ['--renderer-dir', rendererDir] : [])];
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
