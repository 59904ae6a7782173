import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TarReader } from '../../../../electron/core/retrieval/bundle/tarReader';
import type { IncomingEntry } from '../../../../electron/core/retrieval/bundle/tarReader';
import { TarWriter, entryHeader, paxRecord, splitUstarName } from '../../../../electron/core/retrieval/bundle/tarWriter';

const run = promisify(execFile);
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apc-tarwriter-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** An archive made by TarWriter, collected in memory. */
async function archive(build: (tar: TarWriter) => Promise<void>): Promise<Buffer> {
  const parts: Buffer[] = [];
  const tar = new TarWriter(async (bytes) => void parts.push(Buffer.from(bytes)));
  await build(tar);
  await tar.finish();
  return Buffer.concat(parts);
}

const LONG = `var/log/apps/${'deep-folder/'.repeat(12)}${'x'.repeat(120)}.log`;
const UNICODE = 'var/log/apps/Zürich €/журнал 😀.log';

describe('tar writer', () => {
  it('splits long ASCII names into ustar prefix and name, and gives up where pax is needed', () => {
    expect(splitUstarName('var/log/messages')).toEqual({ name: 'var/log/messages', prefix: '' });
    const long = `var/log/${'a'.repeat(90)}/${'b'.repeat(90)}`;
    expect(splitUstarName(long)).toEqual({ name: 'b'.repeat(90), prefix: `var/log/${'a'.repeat(90)}` });
    expect(splitUstarName(`var/${'c'.repeat(160)}`)).toBeUndefined();
    expect(splitUstarName('var/log/ä.log')).toBeUndefined();
  });

  it('writes pax records whose length counts itself, also across a digit boundary', () => {
    for (const length of [1, 5, 85, 86, 87, 990, 995, 1000]) {
      const record = paxRecord('path', 'p'.repeat(length));
      expect(Number(record.toString('latin1').split(' ')[0])).toBe(record.length);
      expect(record.toString('utf8').endsWith('\n')).toBe(true);
    }
  });

  it('gives every header a valid checksum and pads to 512-byte blocks', () => {
    for (const path of ['var/log/a', LONG, UNICODE]) {
      const header = entryHeader({ path, type: 'file', size: 3, mode: 0o640, mtimeSeconds: 1_700_000_000 });
      expect(header.length % 512).toBe(0);
      const block = header.subarray(header.length - 512);
      let sum = 0;
      for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
      expect(parseInt(block.subarray(148, 156).toString('latin1'), 8)).toBe(sum);
    }
  });

  it('makes an archive GNU tar unpacks to the same files, names (pax), links, modes and times', async () => {
    const content = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256));
    const tarBytes = await archive(async (tar) => {
      await tar.begin({ path: 'var/log', type: 'dir', size: 0, mode: 0o755, mtimeSeconds: 1_600_000_000 });
      await tar.file('var/log/messages', Buffer.from('one\ntwo\n'), 1_600_000_100, 0o640);
      await tar.begin({ path: LONG, type: 'file', size: content.length, mode: 0o600, mtimeSeconds: 1_600_000_200 });
      for (let p = 0; p < content.length; p += 9_999) await tar.data(content.subarray(p, p + 9_999));
      await tar.endEntry();
      await tar.file(UNICODE, Buffer.from('grüße\n'), 1_600_000_300);
      await tar.file('var/log/empty', Buffer.alloc(0), 1_600_000_400);
      await tar.begin({ path: 'var/log/current', type: 'symlink', size: 0, mode: 0o777, mtimeSeconds: 1_600_000_500, linkTarget: 'messages' });
      await tar.begin({ path: 'var/log/messages.hard', type: 'hardlink', size: 0, mode: 0o640, mtimeSeconds: 1_600_000_100, linkTarget: 'var/log/messages' });
    });
    expect(tarBytes.length % 512).toBe(0);
    await writeFile(join(dir, 'a.tar'), tarBytes);
    await run('tar', ['-xf', join(dir, 'a.tar'), '-C', dir]);
    expect(await readFile(join(dir, 'var/log/messages'), 'utf8')).toBe('one\ntwo\n');
    expect(createHash('sha256').update(await readFile(join(dir, LONG))).digest('hex')).toBe(createHash('sha256').update(content).digest('hex'));
    expect(await readFile(join(dir, UNICODE), 'utf8')).toBe('grüße\n');
    expect((await stat(join(dir, 'var/log/empty'))).size).toBe(0);
    expect(await readlink(join(dir, 'var/log/current'))).toBe('messages');
    expect((await stat(join(dir, 'var/log/messages.hard'))).ino).toBe((await stat(join(dir, 'var/log/messages'))).ino);
    const messages = await stat(join(dir, 'var/log/messages'));
    expect(messages.mode & 0o777).toBe(0o640);
    expect(Math.floor(messages.mtimeMs / 1000)).toBe(1_600_000_100);
    const listed = (await run('tar', ['-tf', join(dir, 'a.tar')])).stdout.split('\n').filter(Boolean);
    expect(listed).toEqual(['var/log/', 'var/log/messages', LONG, UNICODE, 'var/log/empty', 'var/log/current', 'var/log/messages.hard']);
  });

  it('refuses bytes beyond or short of the declared size', async () => {
    const tar = new TarWriter(async () => undefined);
    await tar.begin({ path: 'var/log/a', type: 'file', size: 4, mode: 0o644, mtimeSeconds: 0 });
    await expect(tar.data(Buffer.from('12345'))).rejects.toThrow(/more bytes/);
    await tar.data(Buffer.from('12'));
    await expect(tar.endEntry()).rejects.toThrow(/short/);
    await expect(tar.begin({ path: 'var/log/b', type: 'file', size: 0, mode: 0o644, mtimeSeconds: 0 })).rejects.toThrow(/not finished/);
  });

  it('reads its own archives back and GNU tar archives with raw (non-UTF-8) and long names', async () => {
    const badName = Buffer.concat([Buffer.from(`${dir}/src/var/log/bad`), Buffer.from([0xff, 0xfe]), Buffer.from('name.log')]);
    await run('mkdir', ['-p', join(dir, 'src/var/log/apps')]);
    await writeFile(badName, 'latin\n');
    await writeFile(join(dir, 'src/var/log/apps', 'n'.repeat(150)), 'long\n');
    const gnu = (await run('tar', ['-cf', '-', '-C', join(dir, 'src'), 'var/log'], { encoding: 'buffer', maxBuffer: 1 << 24 })).stdout;
    const entries: Array<{ entry: IncomingEntry; bytes: number }> = [];
    const reader = new TarReader({
      entry: (entry) => void entries.push({ entry, bytes: 0 }),
      data: (bytes) => {
        const last = entries.at(-1);
        if (last) last.bytes += bytes.length;
      },
      entryEnd: () => undefined,
    });
    for (let p = 0; p < gnu.length; p += 333) await reader.write(gnu.subarray(p, p + 333));
    expect(reader.complete).toBe(true);
    const names = entries.map((e) => e.entry.name.toString('latin1'));
    expect(names).toContain(Buffer.concat([Buffer.from('var/log/bad'), Buffer.from([0xff, 0xfe]), Buffer.from('name.log')]).toString('latin1'));
    expect(names).toContain(`var/log/apps/${'n'.repeat(150)}`);
    expect(entries.find((e) => e.entry.name.toString('latin1').endsWith('n'.repeat(150)))?.bytes).toBe(5);
  });

  it('keeps what follows the end of the archive as the trailer', async () => {
    const tarBytes = await archive((tar) => tar.file('var/log/a', Buffer.from('a'), 0));
    const reader = new TarReader({ entry: () => undefined, data: () => undefined, entryEnd: () => undefined });
    await reader.write(Buffer.concat([tarBytes, Buffer.alloc(4096), Buffer.from('\nREPORT 0\nsaid\n')]));
    expect(reader.complete).toBe(true);
    expect(reader.trailer.toString()).toBe('\nREPORT 0\nsaid\n');
  });

  it('rejects a damaged header', async () => {
    const tarBytes = await archive((tar) => tar.file('var/log/a', Buffer.from('a'), 0));
    tarBytes[10] = 0x41;
    const reader = new TarReader({ entry: () => undefined, data: () => undefined, entryEnd: () => undefined });
    await expect(reader.write(tarBytes)).rejects.toThrow(/checksum/);
  });
});
