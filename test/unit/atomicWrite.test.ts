import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atomicWriteFile } from '../../electron/core/storage/atomicWrite';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const modulePath = join(repoRoot, 'electron', 'core', 'storage', 'atomicWrite.ts');

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apc-atomic-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function payload(tag: string): string {
  const rows = Array.from({ length: 20_000 }, (_, index) => ({ tag, index, text: `${tag}-${index}-`.padEnd(80, tag) }));
  return JSON.stringify({ tag, rows });
}

describe('atomicWriteFile', () => {
  it('writes the content and leaves no temporary file behind', async () => {
    const target = join(dir, 'data.json');
    await atomicWriteFile(target, '{"a":1}\n');
    expect(await readFile(target, 'utf8')).toBe('{"a":1}\n');
    expect(await readdir(dir)).toEqual(['data.json']);
  });

  it('replaces an existing file', async () => {
    const target = join(dir, 'data.json');
    await writeFile(target, 'old content that is longer than the new one');
    await atomicWriteFile(target, 'new');
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['data.json']);
  });

  it('writes binary data', async () => {
    const target = join(dir, 'blob.bin');
    await atomicWriteFile(target, new Uint8Array([0, 1, 2, 255]));
    expect([...(await readFile(target))]).toEqual([0, 1, 2, 255]);
  });

  it('creates missing folders', async () => {
    const target = join(dir, 'a', 'b', 'c', 'data.json');
    await atomicWriteFile(target, 'deep');
    expect(await readFile(target, 'utf8')).toBe('deep');
    expect(await readdir(join(dir, 'a', 'b', 'c'))).toEqual(['data.json']);
  });

  it('never leaves a torn file when the writer is killed mid-stream', { timeout: 20_000 }, async () => {
    const payloads = [payload('a'), payload('b')];
    expect(payloads[0]?.length).toBeGreaterThan(1_500_000);
    await writeFile(join(dir, 'a.json'), payloads[0] ?? '');
    await writeFile(join(dir, 'b.json'), payloads[1] ?? '');
    const target = join(dir, 'out', 'data.json');
    const script = join(dir, 'writer.mjs');
    await writeFile(
      script,
      [
        `import { readFileSync } from 'node:fs';`,
        `import { atomicWriteFile } from ${JSON.stringify(pathToFileURL(modulePath).href)};`,
        `const payloads = [readFileSync(${JSON.stringify(join(dir, 'a.json'))}, 'utf8'), readFileSync(${JSON.stringify(join(dir, 'b.json'))}, 'utf8')];`,
        `let round = 0;`,
        `for (;;) {`,
        `  await atomicWriteFile(${JSON.stringify(target)}, payloads[round % 2]);`,
        `  if (round === 0) process.stdout.write('started\\n');`,
        `  round += 1;`,
        `}`,
      ].join('\n'),
    );

    const started = Date.now();
    let rounds = 0;
    while (rounds < 3 && Date.now() - started < 4_500) {
      const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      await new Promise<void>((resolve, reject) => {
        child.stdout.once('data', () => resolve());
        child.once('exit', () => reject(new Error(`writer stopped early: ${stderr}`)));
      });
      await new Promise((resolve) => setTimeout(resolve, 150 + rounds * 70));
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      const onDisk = await readFile(target, 'utf8');
      expect(payloads.includes(onDisk)).toBe(true);
      const parsed = JSON.parse(onDisk) as { tag: string; rows: unknown[] };
      expect(parsed.rows).toHaveLength(20_000);
      rounds += 1;
    }
    expect(rounds).toBeGreaterThanOrEqual(2);
  });
});
