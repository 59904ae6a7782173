import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_TREE, logTreeSizeArgv, logTreeTarRead, parseSizeSum, parseTarReport } from '../../../../electron/core/retrieval/bundle/logTreeCommands';
import { tarProblems } from '../../../../electron/core/retrieval/bundle/tarProblems';
import { TarReader } from '../../../../electron/core/retrieval/bundle/tarReader';

const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apc-logtree-'));
  await mkdir(join(dir, 'var/log/apps/manager'), { recursive: true });
  await mkdir(join(dir, 'var/log/core_dumps/manager'), { recursive: true });
  await writeFile(join(dir, 'var/log/messages'), 'a'.repeat(1000));
  await writeFile(join(dir, 'var/log/apps/manager/manager.log'), 'b'.repeat(234));
  await writeFile(join(dir, 'var/log/core_dumps/manager/core.1'), 'c'.repeat(5000));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The bundle's argv, pointed at the test tree instead of the real /var/log (the scripts take the path as an argument). */
function retarget(argv: string[], from: string, to: string): string[] {
  return argv.map((arg) => (arg === from ? to : arg.startsWith(`${from}/`) ? `${to}${arg.slice(from.length)}` : arg));
}

async function shell(argv: string[]): Promise<{ stdout: Buffer; code: number }> {
  const [program = 'sh', ...args] = argv;
  try {
    const { stdout } = await run(program, args, { encoding: 'buffer', maxBuffer: 1 << 24 });
    return { stdout, code: 0 };
  } catch (error) {
    const failed = error as { stdout: Buffer; code: number };
    return { stdout: failed.stdout, code: failed.code };
  }
}

async function entriesOf(stdout: Buffer): Promise<{ names: string[]; reader: TarReader }> {
  const names: string[] = [];
  const reader = new TarReader({ entry: (e) => void names.push(e.name.toString('utf8')), data: () => undefined, entryEnd: () => undefined });
  await reader.write(stdout);
  return { names, reader };
}

describe('log tree commands', () => {
  it('sums the file sizes with find, stat and awk, with and without core dumps', async () => {
    const tree = join(dir, 'var/log');
    const all = await shell(retarget(logTreeSizeArgv(true), '/var/log', tree));
    expect(parseSizeSum(all.stdout.toString())).toBe(6234);
    const noDumps = await shell(retarget(logTreeSizeArgv(false), '/var/log', tree));
    expect(parseSizeSum(noDumps.stdout.toString())).toBe(1234);
    expect(parseSizeSum('garbage')).toBeNull();
  });

  it('streams tar of the tree followed by a report with the exit code and what tar said', async () => {
    const relative = join(dir, 'var/log').slice(1);
    for (const withDumps of [true, false]) {
      const read = logTreeTarRead(withDumps);
      const { stdout, code } = await shell(retarget(read.argv, LOG_TREE, relative));
      expect(code).toBe(0);
      const { names, reader } = await entriesOf(stdout);
      expect(reader.complete).toBe(true);
      expect(names).toContain(`${relative}/messages`);
      expect(names.some((n) => n.includes('core.1'))).toBe(withDumps);
      expect(parseTarReport(reader.trailer, read.marker)).toEqual({ exitCode: 0, messages: [] });
    }
  });

  it('reports a file that is not there by tar exit code and message, the archive still complete', async () => {
    const relative = join(dir, 'var/log').slice(1);
    const read = logTreeTarRead(true);
    const argv = [...retarget(read.argv, LOG_TREE, relative)];
    // One more operand that does not exist, as a file that vanished.
    argv[2] = (argv[2] ?? '').replace('"$2"', '"$2" "$2/gone.log"');
    const { stdout, code } = await shell(argv);
    expect(code).toBe(2);
    const { reader } = await entriesOf(stdout);
    const report = parseTarReport(reader.trailer, read.marker);
    expect(report?.exitCode).toBe(2);
    expect(tarProblems(report?.messages ?? [])).toEqual([`/${relative}/gone.log vanished while the logs were collected; it is not in the bundle.`]);
  });

  it('finds no report without its marker', () => {
    expect(parseTarReport(Buffer.from('\nAPC-BUNDLE-TAR-END-0000 0\n'), 'APC-BUNDLE-TAR-END-1111')).toBeUndefined();
    expect(parseTarReport(Buffer.from(''), 'M')).toBeUndefined();
    expect(parseTarReport(Buffer.from('\nM 1\ntar: x: file changed as we read it\n'), 'M')).toEqual({ exitCode: 1, messages: ['tar: x: file changed as we read it'] });
  });

  it('turns tar messages into sentences', () => {
    expect(
      tarProblems([
        'tar: var/log/a: File removed before we read it',
        'tar: var/log/b: file changed as we read it',
        'tar: var/log/c: Cannot open: Permission denied',
        'tar: var/log/d: File shrank by 10 bytes; padding with zeros',
        'tar: var/log/s: socket ignored',
        'tar: Exiting with failure status due to previous errors',
        'something else',
      ]),
    ).toEqual([
      '/var/log/a vanished while the logs were collected; it is not in the bundle.',
      '/var/log/b changed while it was collected (a log still being written); the bundle holds it as it was read.',
      '/var/log/c could not be read on the platform (Cannot open: Permission denied); it is not in the bundle, or not whole.',
      '/var/log/d shrank while it was collected; the bundle holds it padded with zeros to the size it had when tar began it.',
      '/var/log/s is a socket, not a file; it was left out.',
      'tar on the platform reported: something else.',
    ]);
  });
});
