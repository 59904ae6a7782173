import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shellCommand } from '../../electron/core/connect/shellQuote';
import {
  parseHashTrailer,
  parseSha256,
  parseStat,
  prefixSha256Shell,
  readWithHashArgv,
  sha256Shell,
  statWithClockShell,
  tarArgv,
  tarSha256Shell,
} from '../../electron/core/connect/transfer/remoteCommands';

const BUSYBOX = '/usr/bin/busybox';
const APPLETS = ['sh', 'cat', 'tail', 'head', 'sha256sum', 'stat', 'date', 'tar'];

/** Runs shell text the way the platform does: GNU tools (with openssl), or busybox applets only (no openssl), as on an AP. */
function runShell(kind: 'gnu' | 'busybox', script: string, bin: string): Promise<{ stdout: Buffer; stderr: string; code: number }> {
  const [program, env] = kind === 'gnu' ? ['/bin/sh', process.env] : [join(bin, 'sh'), { PATH: bin }];
  return new Promise((resolve) => {
    execFile(program, ['-c', script], { env, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ stdout, stderr: stderr.toString('utf8'), code });
    });
  });
}

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const NAMES = ['plain.bin', 'with space.bin', "it's \"quoted\".bin", '-leading-dash.bin', 'ünïcødé 😀.bin', 'new\nline.bin', '$(touch pwned).bin'];

describe('platform commands of the transfer', () => {
  let dir: string;
  let bin: string;
  const content = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'apc-transfer-cmd-'));
    bin = join(dir, 'bin');
    await mkdir(bin);
    for (const applet of APPLETS) await symlink(BUSYBOX, join(bin, applet));
    for (const name of NAMES) await writeFile(join(dir, name), content);
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  for (const kind of ['gnu', 'busybox'] as const) {
    describe.skipIf(kind === 'busybox' && !existsSync(BUSYBOX))(kind, () => {
      it('streams the bytes from any offset, then the SHA-256 of the whole file, for awkward names', async () => {
        for (const name of NAMES) {
          for (const offset of [0, 1, 32_768, content.length - 1, content.length]) {
            const { stdout, code, stderr } = await runShell(kind, shellCommand(readWithHashArgv(join(dir, name), offset)), bin);
            expect(stderr).toBe('');
            expect(code).toBe(0);
            const body = stdout.subarray(0, content.length - offset);
            expect(body.equals(content.subarray(offset))).toBe(true);
            expect(parseHashTrailer(stdout.subarray(content.length - offset))).toBe(sha(content));
          }
        }
      });

      it('fails the read with the reason when the file is missing', async () => {
        const { code, stderr } = await runShell(kind, shellCommand(readWithHashArgv(join(dir, 'absent'), 0)), bin);
        expect(code).not.toBe(0);
        expect(stderr).toMatch(/no such file|can't open|cannot open/i);
      });

      it('hashes a file, a prefix and a folder archive like the local side does', async () => {
        const path = join(dir, NAMES[4] as string);
        expect(parseSha256((await runShell(kind, sha256Shell(path), bin)).stdout.toString())).toBe(sha(content));
        expect(parseSha256((await runShell(kind, prefixSha256Shell(path, 1000), bin)).stdout.toString())).toBe(sha(content.subarray(0, 1000)));
        const archive = await runShell(kind, shellCommand(tarArgv(dir)), bin);
        expect(archive.code).toBe(0);
        expect(parseSha256((await runShell(kind, tarSha256Shell(dir), bin)).stdout.toString())).toBe(sha(archive.stdout));
      });

      it('reads size, mtime, kind and the clock', async () => {
        const path = join(dir, NAMES[3] as string);
        await utimes(path, 1_600_000_000, 1_600_000_000);
        const file = parseStat((await runShell(kind, statWithClockShell(path), bin)).stdout.toString());
        expect(file).toMatchObject({ size: content.length, mtime: 1_600_000_000, isFile: true, isDirectory: false });
        expect(Math.abs((file?.now ?? 0) - Date.now() / 1000)).toBeLessThan(5);
        expect(parseStat((await runShell(kind, statWithClockShell(dir), bin)).stdout.toString())).toMatchObject({ isFile: false, isDirectory: true });
      });
    });
  }

  it('finds the hash in sha256sum, GNU escaped and openssl output, and nothing in noise', () => {
    const h = 'a'.repeat(64);
    expect(parseSha256(`${h}  -\n`)).toBe(h);
    expect(parseSha256(`\\${h}  new\\nline\n`)).toBe(h);
    expect(parseSha256(`${h} *stdin\r\n`)).toBe(h);
    expect(parseSha256('sha256sum: not found\n')).toBeUndefined();
    expect(parseHashTrailer(Buffer.from(`x${h}  -\n`))).toBeUndefined();
    expect(parseHashTrailer(Buffer.from(`${h}  -\nmore`))).toBeUndefined();
  });

  it('refuses a negative or fractional offset', () => {
    expect(() => readWithHashArgv('/f', -1)).toThrow();
    expect(() => readWithHashArgv('/f', 1.5)).toThrow();
  });
});
