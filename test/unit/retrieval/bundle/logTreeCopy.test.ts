import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { link, mkdir, mkdtemp, readFile, readdir, readlink, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BundleManifest, MANIFEST_PATH, jsonBytes } from '../../../../electron/core/retrieval/bundle/bundleManifest';
import { verifyBundle } from '../../../../electron/core/retrieval/bundle/bundleVerify';
import { LogTreeCopy } from '../../../../electron/core/retrieval/bundle/logTreeCopy';
import { TarReader } from '../../../../electron/core/retrieval/bundle/tarReader';
import { TarWriter } from '../../../../electron/core/retrieval/bundle/tarWriter';
import { XzFileWriter } from '../../../../electron/core/retrieval/bundle/xzFileWriter';

const run = promisify(execFile);
let dir: string;
const BAD_NAME = Buffer.concat([Buffer.from('var/log/apps/bad'), Buffer.from([0xff]), Buffer.from('.log')]);
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apc-treecopy-'));
  const src = join(dir, 'src');
  await mkdir(join(src, 'var/log/apps/manager'), { recursive: true });
  await mkdir(join(src, 'var/log/core_dumps/manager'), { recursive: true });
  await mkdir(join(src, 'etc'), { recursive: true });
  await writeFile(join(src, 'etc/secret'), 'not a log\n');
  await writeFile(join(src, 'var/log/messages'), 'line 1\nline 2\n');
  await writeFile(join(src, 'var/log/apps/manager/manager.log'), Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 31) % 256)));
  await writeFile(join(src, 'var/log/core_dumps/manager/core.1'), Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(50_000, 1)]));
  await writeFile(Buffer.concat([Buffer.from(`${src}/`), BAD_NAME]), 'latin-1 name\n');
  await writeFile(join(src, 'var/log/sparse'), '');
  await truncate(join(src, 'var/log/sparse'), 0);
  await symlink('messages', join(src, 'var/log/current'));
  await symlink('/etc/passwd', join(src, 'var/log/outside'));
  await link(join(src, 'var/log/messages'), join(src, 'var/log/messages.hard'));
  await run('mkfifo', [join(src, 'var/log/pipe')]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('copying the log tar into a bundle', () => {
  it('copies files byte for byte with their SHA-256, keeps links inside, leaves out the rest with a sentence, and reads back verified', async () => {
    const platformTar = (await run('tar', ['-cf', '-', '-C', join(dir, 'src'), 'var/log', 'etc'], { encoding: 'buffer', maxBuffer: 1 << 26 })).stdout;
    const bundle = join(dir, 'b.tar.xz');
    const xz = await XzFileWriter.create(bundle);
    const out = new TarWriter((bytes) => xz.write(bytes));
    const started: string[] = [];
    let counted = 0;
    const copy = new LogTreeCopy(out, (path) => started.push(path), (n) => (counted += n));
    const reader = new TarReader(copy);
    for (let p = 0; p < platformTar.length; p += 4_000) await reader.write(platformTar.subarray(p, p + 4_000));
    expect(reader.complete).toBe(true);
    const manifest = BundleManifest.parse({ format: 'ap-console-bundle/1', createdAt: new Date().toISOString(), platform: { id: 'p', name: 'n', site: 's', address: 'a' }, files: copy.files, problems: copy.problems });
    await out.file(MANIFEST_PATH, jsonBytes(manifest), 0);
    await out.finish();
    const written = await xz.finish();
    expect(written.sha256).toBe(sha(await readFile(bundle)));

    const byPath = new Map(copy.files.map((f) => [f.path, f]));
    const manager = await readFile(join(dir, 'src/var/log/apps/manager/manager.log'));
    expect(byPath.get('var/log/apps/manager/manager.log')).toEqual({ path: 'var/log/apps/manager/manager.log', source: '/var/log/apps/manager/manager.log', sizeBytes: manager.length, sha256: sha(manager), kind: 'log' });
    expect(byPath.get('var/log/core_dumps/manager/core.1')?.kind).toBe('core-dump');
    expect(byPath.get('var/log/messages.hard')?.sha256).toBe(sha(Buffer.from('line 1\nline 2\n')));
    expect(byPath.has('var/log/apps/bad%FF.log')).toBe(true);
    expect([...byPath.keys()].some((p) => p.startsWith('etc'))).toBe(false);
    expect(counted).toBe(copy.files.filter((f) => f.path !== 'var/log/messages.hard').reduce((s, f) => s + f.sizeBytes, 0));
    expect(started).toContain('var/log/messages');
    expect(copy.problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('outside /var/log; it was left out'),
        '/var/log/outside is a symbolic link to /etc/passwd, outside the log folder; the link was left out (its target is not in the bundle).',
        '/var/log/pipe is a FIFO, not a regular file; it was left out.',
        'The name of /var/log/apps/bad%FF.log is not valid UTF-8; it is stored in the bundle as var/log/apps/bad%FF.log (each byte that is not UTF-8 as %XX).',
      ]),
    );
    expect(copy.problems).toHaveLength(5);

    expect(await verifyBundle(bundle, manifest.files)).toEqual([]);
    await run('xz', ['-t', bundle]);
    const unpacked = join(dir, 'x');
    await mkdir(unpacked);
    await run('tar', ['-xJf', bundle, '-C', unpacked]);
    for (const file of manifest.files) expect(sha(await readFile(join(unpacked, file.path)))).toBe(file.sha256);
    expect(await readlink(join(unpacked, 'var/log/current'))).toBe('messages');
    expect((await readdir(unpacked)).sort()).toEqual(['manifest.json', 'var']);
    expect(BundleManifest.parse(JSON.parse(await readFile(join(unpacked, MANIFEST_PATH), 'utf8'))).files).toEqual(manifest.files);
  });

  it('finds a bundle that does not match its manifest, or is cut short', async () => {
    const bundle = join(dir, 'c.tar.xz');
    const xz = await XzFileWriter.create(bundle);
    const out = new TarWriter((bytes) => xz.write(bytes));
    await out.file('var/log/a', Buffer.from('alpha'), 0);
    await out.file(MANIFEST_PATH, Buffer.from('{}'), 0);
    await out.finish();
    await xz.finish();
    const right = { path: 'var/log/a', source: '/var/log/a', sizeBytes: 5, sha256: sha(Buffer.from('alpha')), kind: 'log' as const };
    expect(await verifyBundle(bundle, [right])).toEqual([]);
    expect(await verifyBundle(bundle, [{ ...right, sha256: sha(Buffer.from('beta')) }])).toEqual(['var/log/a does not match what was collected']);
    expect(await verifyBundle(bundle, [{ ...right, path: 'var/log/b' }])).toEqual(['var/log/b is missing']);
    const whole = await readFile(bundle);
    await writeFile(bundle, whole.subarray(0, whole.length - 20));
    const cut = await verifyBundle(bundle, [right]);
    expect(cut.length).toBeGreaterThan(0);
    expect(cut.join('; ')).toMatch(/does not decompress|ends before|cut short/);
  });

  it('refuses to overwrite an existing file', async () => {
    const path = join(dir, 'exists.tar.xz');
    await writeFile(path, 'x');
    await expect(XzFileWriter.create(path)).rejects.toMatchObject({ code: 'EEXIST' });
  });
});
