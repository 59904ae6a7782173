import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { link, lstat, mkdir, mkdtemp, readFile, readdir, readlink, rm, stat, symlink, utimes, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectError } from '../../electron/core/connect/connectError';
import { TarExtractor } from '../../electron/core/connect/transfer/tarExtract';
import { entrySegments, symlinkStaysInside } from '../../electron/core/connect/transfer/tarEntryPath';

/** One hand-made ustar entry, to build archives no tar program would write. */
function entry(name: string, options: { type?: string; body?: Buffer; link?: string; mode?: number } = {}): Buffer {
  const body = options.body ?? Buffer.alloc(0);
  const header = Buffer.alloc(512);
  header.write(name, 0, 100, 'utf8');
  header.write(`${(options.mode ?? 0o644).toString(8).padStart(7, '0')}\0`, 100, 'latin1');
  header.write('0000000\0', 108, 'latin1');
  header.write('0000000\0', 116, 'latin1');
  header.write(`${body.length.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  header.write(`${(1_600_000_000).toString(8).padStart(11, '0')}\0`, 136, 'latin1');
  header.write(options.type ?? '0', 156, 'latin1');
  header.write(options.link ?? '', 157, 100, 'utf8');
  header.write('ustar\x0000', 257, 'latin1');
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  const padding = Buffer.alloc((512 - (body.length % 512)) % 512);
  return Buffer.concat([header, body, padding]);
}
const END = Buffer.alloc(1024);

async function extract(archive: Buffer, target: string, chunk = 777): Promise<TarExtractor> {
  const extractor = new TarExtractor(target);
  try {
    for (let p = 0; p < archive.length; p += chunk) await extractor.write(archive.subarray(p, p + chunk));
    await extractor.end();
  } catch (error) {
    await extractor.abort();
    throw error;
  }
  await extractor.finish();
  return extractor;
}

/** Every path under a folder with what it is: file mode, whole-second mtime and content hash; symlink targets; folder modes. */
async function describeTree(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(dir: string): Promise<void> {
    for (const name of (await readdir(dir)).sort()) {
      const path = join(dir, name);
      const info = await lstat(path);
      const key = relative(root, path);
      if (info.isSymbolicLink()) out[key] = `-> ${await readlink(path)}`;
      else if (info.isDirectory()) {
        out[key] = `dir ${(info.mode & 0o777).toString(8)}`;
        await walk(path);
      } else out[key] = `file ${(info.mode & 0o777).toString(8)} ${Math.floor(info.mtimeMs / 1000)} ${createHash('sha256').update(await readFile(path)).digest('hex')}`;
    }
  }
  await walk(root);
  return out;
}

describe('unpacking a folder archive', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'apc-transfer-tar-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function makeTree(root: string): Promise<void> {
    await mkdir(join(root, 'logs', 'apps'), { recursive: true });
    await writeFile(join(root, 'logs', 'apps', 'a b.log'), 'spaces\n');
    await writeFile(join(root, "it's \"q\".txt"), 'quotes');
    await writeFile(join(root, '-dash'), 'dash');
    await writeFile(join(root, 'ünï 😀'), Buffer.alloc(70_000, 7));
    await writeFile(join(root, 'empty'), '');
    const deep = join(root, 'x'.repeat(60), 'y'.repeat(60));
    await mkdir(deep, { recursive: true });
    await writeFile(join(deep, `${'z'.repeat(120)}.txt`), 'long name');
    await symlink('logs/apps/a b.log', join(root, 'current.log'));
    await link(join(root, '-dash'), join(root, 'dash-hardlink'));
    await chmod(join(root, '-dash'), 0o640);
    await utimes(join(root, 'empty'), 1_500_000_000, 1_500_000_000);
    await chmod(join(root, 'logs'), 0o750);
  }

  const tars: Array<[string, string[]]> = [
    ['GNU tar', ['tar', '-cf', '-']],
    ['GNU tar, pax format', ['tar', '--format=posix', '-cf', '-']],
  ];
  if (existsSync('/usr/bin/busybox')) tars.push(['busybox tar', ['/usr/bin/busybox', 'tar', '-cf', '-']]);

  for (const [label, command] of tars) {
    it(`rebuilds the tree ${label} packed: names, long paths, modes, times, symlinks, hard links`, async () => {
      const source = join(dir, 'source');
      await makeTree(source);
      const [program, ...args] = command as [string, ...string[]];
      const archive = execFileSync(program, [...args, '-C', source, '.'], { maxBuffer: 64 * 1024 * 1024 });
      const target = join(dir, 'target');
      await mkdir(target);
      const extractor = await extract(archive, target);
      expect(await describeTree(target)).toEqual(await describeTree(source));
      expect(extractor.stats).toMatchObject({ files: 6, symlinks: 1, hardlinks: 1 });
    });
  }

  const refused: Array<[string, Buffer]> = [
    ['an absolute path', Buffer.concat([entry('/etc/evil', { body: Buffer.from('x') }), END])],
    ['a .. path', Buffer.concat([entry('./a/../../evil', { body: Buffer.from('x') }), END])],
    ['a symlink out of the folder', Buffer.concat([entry('up', { type: '2', link: '../../etc' }), END])],
    ['an absolute symlink', Buffer.concat([entry('abs', { type: '2', link: '/etc/passwd' }), END])],
    ['a symlink below a symlink', Buffer.concat([entry('a', { type: '2', link: '.' }), entry('a/b', { type: '2', link: '..' }), END])],
    ['a hard link to a file outside', Buffer.concat([entry('h', { type: '1', link: '/etc/passwd' }), END])],
    ['a second copy of a file', Buffer.concat([entry('f', { body: Buffer.from('1') }), entry('f', { body: Buffer.from('2') }), END])],
  ];
  for (const [label, archive] of refused) {
    it(`refuses ${label} and writes nothing outside`, async () => {
      const target = join(dir, 'inner', 'target');
      await mkdir(target, { recursive: true });
      await expect(extract(archive, target)).rejects.toThrow(label === 'a second copy of a file' ? /EEXIST/ : ConnectError);
      expect(await readdir(join(dir, 'inner'))).toEqual(['target']);
      expect(existsSync(join(dir, 'evil'))).toBe(false);
    });
  }

  it('refuses a damaged header and an archive cut short', async () => {
    const good = Buffer.concat([entry('f', { body: Buffer.alloc(2000, 1) }), END]);
    const damaged = Buffer.from(good);
    damaged[10] = 0x41;
    await mkdir(join(dir, 't1'));
    await expect(extract(damaged, join(dir, 't1'))).rejects.toThrow(/damaged/);
    await mkdir(join(dir, 't2'));
    await expect(extract(good.subarray(0, 1024), join(dir, 't2'))).rejects.toThrow(/ended early/);
  });

  it('keeps a file mode but never setuid, and skips devices', async () => {
    const archive = Buffer.concat([entry('s', { body: Buffer.from('x'), mode: 0o4755 }), entry('dev', { type: '3' }), END]);
    await extract(archive, dir, 100);
    expect((await stat(join(dir, 's'))).mode & 0o7777).toBe(0o755);
    expect(existsSync(join(dir, 'dev'))).toBe(false);
  });
});

describe('archive entry paths', () => {
  it('keeps relative paths and drops ./ parts', () => {
    expect(entrySegments('./a/./b/')).toEqual(['a', 'b']);
    expect(entrySegments('./')).toEqual([]);
    expect(entrySegments('-rf')).toEqual(['-rf']);
  });
  it('refuses what would leave the folder here or on Windows', () => {
    for (const bad of ['/abs', '../x', 'a/../../x', 'a\\..\\x', 'nul\0byte']) expect(entrySegments(bad), bad).toBeUndefined();
    expect(entrySegments('c:evil', 'win32')).toBeUndefined();
    expect(entrySegments('c:fine', 'linux')).toEqual(['c:fine']);
  });
  it('reads symlink targets relative to where the link sits', () => {
    expect(symlinkStaysInside(['a', 'b', 'link'], '../c')).toBe(true);
    expect(symlinkStaysInside(['a', 'link'], '../c')).toBe(true);
    expect(symlinkStaysInside(['link'], '../c')).toBe(false);
    expect(symlinkStaysInside(['a', 'link'], 'x/../../../c')).toBe(false);
    expect(symlinkStaysInside(['link'], '/etc')).toBe(false);
  });
});
