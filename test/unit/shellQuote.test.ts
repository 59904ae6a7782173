import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteArg, shellCommand } from '../../electron/core/connect/shellQuote';
import {
  MAX_ARGUMENT_BYTES,
  LEADING_DASHES,
  batchByCommandBytes,
  describeMismatch,
  executingPieces,
  fuzzSeed,
  generateShellArguments,
} from '../support/shellArgumentGenerator';

const run = promisify(execFile);

const NASTY = ["it's", '$(touch /tmp/pwned)', '`id`', 'a\nb', '-rf', '--', ' ', '', '"', '\\', '*', '~', 'ä€😀', "'; echo x; '", '$HOME', '!x', '\t'];

function echoedBySh(argv: string[]): string[] {
  const output = execFileSync('/bin/sh', ['-c', `${shellCommand(['printf', '%s\\0', ...argv])}`]);
  return output.toString('utf8').split('\0').slice(0, -1);
}

describe('shell quoting', () => {
  it('hands every argument to a real shell exactly as given', () => {
    expect(echoedBySh(NASTY)).toEqual(NASTY);
  });

  it('keeps random printable and control strings intact', () => {
    const randomArgs = Array.from({ length: 200 }, (_, n) =>
      Array.from({ length: 1 + (n % 17) }, (_, i) => String.fromCharCode(1 + ((n * 31 + i * 7) % 126))).join(''),
    );
    expect(echoedBySh(randomArgs)).toEqual(randomArgs);
  });

  it('refuses NUL bytes and empty commands', () => {
    expect(() => quoteArg('a\0b')).toThrow(/NUL/);
    expect(() => shellCommand([])).toThrow(/program/);
  });

  it('refuses a NUL wherever it sits, in any argument of a command', () => {
    for (const value of ['\0', '\0a', 'a\0', `${'x'.repeat(5000)}\0`]) expect(() => quoteArg(value)).toThrow(/NUL/);
    expect(() => shellCommand(['printf', '%s', 'ok', 'bad\0'])).toThrow(/NUL/);
    expect(() => shellCommand(['\0printf'])).toThrow(/NUL/);
  });
});

const FUZZ_COUNT = 3000;
/** One `sh -c` argument may hold at most 128 KiB on Linux. */
const LOCAL_COMMAND_BYTES = 100 * 1024;
const onPath = (program: string) => ['/bin', '/usr/bin'].some((dir) => existsSync(join(dir, program)));
const SHELLS: ReadonlyArray<readonly string[]> = [['sh'], ['bash'], ['dash'], ['busybox', 'sh']].filter(([program]) => onPath(program ?? ''));
/** Shells started by the outer one, as a command run through `su -c` or `bash -c` on a platform would be. */
const INNER_SHELLS: ReadonlyArray<readonly string[]> = [['bash'], ['dash']].filter(([program]) => onPath(program ?? ''));

describe('shell quoting under fuzzed arguments', () => {
  const seed = fuzzSeed();
  let workDir: string;
  let args: string[];

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'shell-fuzz-'));
    args = generateShellArguments({ seed, count: FUZZ_COUNT, markerPrefix: join(workDir, 'pwned') });
  });
  afterAll(async () => rm(workDir, { recursive: true, force: true }));

  /** Runs `printf '%s\0' batch...` through the shell (and optionally a second one inside it); returns the first difference. */
  async function firstMismatch(shell: readonly string[], inner: readonly string[] | null, quote = shellCommand, given = args, cwd = workDir) {
    const build = (batch: readonly string[]) => {
      const printf = quote(['printf', '%s\\0', ...batch]);
      return inner ? quote([...inner, '-c', printf]) : printf;
    };
    const { batches, oversized } = batchByCommandBytes(given, build, LOCAL_COMMAND_BYTES);
    expect(oversized, `replay with SHELL_FUZZ_SEED=${seed}`).toEqual([]);
    const [program, ...programArgs] = shell;
    for (const batch of batches) {
      const { stdout, stderr } = await run(program ?? 'sh', [...programArgs, '-c', build(batch)], { cwd, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 }).catch(
        (error: { stdout?: Buffer; stderr?: Buffer }) => ({ stdout: error.stdout ?? Buffer.alloc(0), stderr: error.stderr ?? Buffer.alloc(0) }),
      );
      const mismatch = describeMismatch(batch, stdout, seed) ?? (stderr.length > 0 ? `replay with SHELL_FUZZ_SEED=${seed}: stderr ${JSON.stringify(stderr.toString())}` : undefined);
      if (mismatch) return mismatch;
    }
    return undefined;
  }

  it('generates the same arguments from the same seed, all valid text within the size limit and without NUL', () => {
    const again = generateShellArguments({ seed, count: FUZZ_COUNT, markerPrefix: join(workDir, 'pwned') });
    expect(again).toEqual(args);
    expect(generateShellArguments({ seed: (seed + 1) >>> 0, count: FUZZ_COUNT, markerPrefix: join(workDir, 'pwned') })).not.toEqual(args);
    expect(args).toHaveLength(FUZZ_COUNT);
    for (const arg of args) {
      expect(arg).not.toContain('\0');
      expect(Buffer.from(arg, 'utf8').toString('utf8')).toBe(arg);
      expect(Buffer.byteLength(arg, 'utf8')).toBeLessThanOrEqual(MAX_ARGUMENT_BYTES);
    }
    expect(args).toContain('');
    for (const dash of LEADING_DASHES) expect(args).toContain(dash);
    for (const piece of executingPieces((tag) => `${join(workDir, 'pwned')}-${tag}`)) expect(args).toContain(piece);
    expect(args.filter((arg) => Buffer.byteLength(arg, 'utf8') > 1024).length).toBeGreaterThan(10);
  });

  it('reads SHELL_FUZZ_SEED to replay a run and refuses a malformed one', () => {
    expect(fuzzSeed({ SHELL_FUZZ_SEED: '12345' })).toBe(12345);
    expect(fuzzSeed({ SHELL_FUZZ_SEED: '0xff' })).toBe(255);
    expect(() => fuzzSeed({ SHELL_FUZZ_SEED: 'abc' })).toThrow(/SHELL_FUZZ_SEED/);
  });

  const flawedQuoters: ReadonlyArray<readonly [string, (argv: readonly string[]) => string]> = [
    ['no quoting', (argv) => argv.join(' ')],
    ['double quotes', (argv) => argv.map((arg) => `"${arg}"`).join(' ')],
    ['backslashed quotes inside single quotes', (argv) => argv.map((arg) => `'${arg.replace(/'/g, "\\'")}'`).join(' ')],
  ];
  for (const [flaw, quote] of flawedQuoters) {
    it(`notices ${flaw}: output differs and the pieces leave their files`, async () => {
      const controlDir = await mkdtemp(join(tmpdir(), 'shell-fuzz-control-'));
      try {
        const pieces = executingPieces((tag) => `${join(controlDir, 'pwned')}-${tag}`);
        const mismatches = await Promise.all(pieces.map((piece) => firstMismatch(['sh'], null, quote, [piece], controlDir)));
        expect(mismatches.filter(Boolean).length).toBeGreaterThan(0);
        expect((await readdir(controlDir)).filter((name) => name.startsWith('pwned-')).length).toBeGreaterThan(0);
      } finally {
        await rm(controlDir, { recursive: true, force: true });
      }
    });
  }

  for (const shell of SHELLS) {
    for (const inner of [null, ...INNER_SHELLS]) {
      const via = inner ? ` running ${inner[0]} -c` : '';
      it(`${shell.join(' ')} -c${via}: every argument arrives exactly, nothing else runs`, { timeout: 60_000 }, async () => {
        expect(await firstMismatch(shell, inner)).toBeUndefined();
        expect(await readdir(workDir), `replay with SHELL_FUZZ_SEED=${seed}: files left by parsed arguments`).toEqual([]);
      });
    }
  }
});
