import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xzAsync } from 'node-liblzma/wasm';
import { DiskFullError, DiskGuard, freeBytes } from '../../../../electron/core/retrieval/viewer/diskGuard';
import { lineTime } from '../../../../electron/core/retrieval/viewer/lineTime';
import { Utf8Check, looksBinary } from '../../../../electron/core/retrieval/viewer/textSniff';
import { openErrorSentence } from '../../../../electron/core/retrieval/viewer/viewerErrors';
import { XzDecodeError, xzDecode } from '../../../../electron/core/retrieval/viewer/xzDecode';
import { xzDeclaredSize } from '../../../../electron/core/retrieval/viewer/xzSize';
import { put, sh, viewer } from './viewerFixtures';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'apc-viewer-parts-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const REF = { syslogYearRef: Date.UTC(2026, 11, 1, 12) };
const at = (line: string, ctx = REF) => lineTime(Buffer.from(`${line}\n`), 0, ctx);

describe('lineTime', () => {
  it('reads the log formats of an App Platform', () => {
    expect(at('2026-12-01T10:00:00.123Z manager: up')).toBe(Date.UTC(2026, 11, 1, 10, 0, 0, 123));
    expect(at('2026-12-01 10:00:00.123 manager: up')).toBe(Date.UTC(2026, 11, 1, 10, 0, 0, 123));
    expect(at('2026-12-01T11:00:00+01:00 x')).toBe(Date.UTC(2026, 11, 1, 10));
    expect(at('2026-12-01T10:00:00.5-0230 x')).toBe(Date.UTC(2026, 11, 1, 12, 30, 0, 500));
    expect(at('[2026-12-01 10:00:00,250] x')).toBe(Date.UTC(2026, 11, 1, 10, 0, 0, 250));
    expect(at('2026/12/01 10:00:00 x')).toBe(Date.UTC(2026, 11, 1, 10));
    expect(at('01.12.2026 10:00:00.007 x')).toBe(Date.UTC(2026, 11, 1, 10, 0, 0, 7));
    expect(at('Dec  1 10:00:00 ap kernel: x')).toBe(Date.UTC(2026, 11, 1, 10));
    expect(at('<13>Dec 11 10:00:00 ap x')).toBe(Date.UTC(2025, 11, 11, 10));
    expect(at('Mon Dec  1 10:00:00 2025 x')).toBe(Date.UTC(2025, 11, 1, 10));
  });

  it('takes the syslog year from the reference and steps back over new year', () => {
    const jan = { syslogYearRef: Date.UTC(2027, 0, 2) };
    expect(at('Jan  1 23:59:59 ap x', jan)).toBe(Date.UTC(2027, 0, 1, 23, 59, 59));
    expect(at('Dec 31 23:59:59 ap x', jan)).toBe(Date.UTC(2026, 11, 31, 23, 59, 59));
  });

  it('finds no time where there is none', () => {
    for (const line of ['', 'hello', '  2026-12-01 10:00:00 indented', '2026-13-01 10:00:00 x', '2026-12-01 25:00:00 x', '2026-12-01', 'Foo  1 10:00:00 x', '12345 x']) expect(at(line)).toBeNaN();
  });
});

describe('text or binary, UTF-8 or not', () => {
  it('tells binary heads from text', () => {
    expect(looksBinary(Buffer.from('plain text\twith tab\r\n'))).toBe(false);
    expect(looksBinary(Buffer.from('a\0b'))).toBe(true);
    expect(looksBinary(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 1, 1]))).toBe(true);
    expect(looksBinary(Buffer.from([0x1f, 0x8b, 8, 0]))).toBe(true);
    expect(looksBinary(Buffer.from('\x01\x02\x03\x04abc'))).toBe(true);
  });

  it('checks UTF-8 across chunk borders', () => {
    const text = Buffer.from('Grüße 😀 ok');
    for (let cut = 1; cut < text.length; cut++) {
      const c = new Utf8Check();
      c.push(text.subarray(0, cut));
      c.push(text.subarray(cut));
      expect(c.end()).toBe(true);
    }
    const latin = new Utf8Check();
    latin.push(Buffer.from('M\xfcnchen', 'latin1'));
    expect(latin.end()).toBe(false);
    const cutShort = new Utf8Check();
    cutShort.push(text.subarray(0, 10));
    expect(cutShort.end()).toBe(false);
  });
});

describe('xz', () => {
  const collect = async (bytes: Buffer) => {
    const parts: Buffer[] = [];
    for await (const chunk of xzDecode([bytes])) parts.push(chunk);
    return Buffer.concat(parts).toString();
  };

  it('decodes concatenated streams (with stream padding), which createUnxz would stop after the first', async () => {
    const a = Buffer.from(await xzAsync(Buffer.from('first stream\n'.repeat(1000))));
    const b = Buffer.from(await xzAsync(Buffer.from('second stream\n'.repeat(1000))));
    const joined = Buffer.concat([a, Buffer.alloc(8), b]);
    expect(await collect(joined)).toBe('first stream\n'.repeat(1000) + 'second stream\n'.repeat(1000));
    const path = join(work, 'joined.xz');
    await writeFile(path, joined);
    expect(await xzDeclaredSize(path)).toBe(13_000 + 14_000);
  });

  it('says whether xz data is cut off or damaged', async () => {
    const data = Buffer.from(await xzAsync(Buffer.from('x'.repeat(100_000) + 'y'.repeat(100_000))));
    await expect(collect(data.subarray(0, data.length - 20))).rejects.toMatchObject({ reason: 'truncated' });
    const bad = Buffer.from(data);
    bad[20] = (bad[20] ?? 0) ^ 0xff;
    await expect(collect(bad)).rejects.toBeInstanceOf(XzDecodeError);
    const path = join(work, 'cut.xz');
    await writeFile(path, data.subarray(0, data.length - 20));
    expect(await xzDeclaredSize(path)).toBeUndefined();
  });

  it('reads the declared size of what the system xz writes', async () => {
    const path = join(work, 'sys.txt');
    await writeFile(path, 'line\n'.repeat(300_000));
    await sh(`xz -0 -k '${path}' && cat '${path}.xz' '${path}.xz' > '${path}.2.xz'`);
    expect(await xzDeclaredSize(`${path}.xz`)).toBe(1_500_000);
    expect(await xzDeclaredSize(`${path}.2.xz`)).toBe(3_000_000);
  });
});

describe('disk space', () => {
  it('refuses to start without room and words it as "nothing is lost"', async () => {
    const guard = new DiskGuard(work);
    const free = await freeBytes(work);
    await expect(guard.ensureRoom(free + 1)).rejects.toBeInstanceOf(DiskFullError);
    await guard.ensureRoom(1);
    const sentence = openErrorSentence(new DiskFullError(1_000_000, 5_000_000_000), '/x/site_ap_1.tar.xz', '/data/viewer-cache');
    expect(sentence?.message).toBe('The local disk is too full to unpack site_ap_1.tar.xz: it needs about 5.0 GB and 1.0 MB are free in /data/viewer-cache. Nothing is lost: free some space and open it again.');
    expect(openErrorSentence(Object.assign(new Error('x'), { code: 'ENOSPC' }), '/x/a.tar', '/c')?.message).toMatch(/^The local disk filled up while unpacking a.tar\. Nothing is lost/);
    expect(openErrorSentence(new Error('boom'), '/x/a.tar', '/c')).toBeUndefined();
  });
});

describe('tar entries', () => {
  it('keeps long (pax) names, skips links and paths that leave the folder, and names them', async () => {
    const tree = join(work, 'tartree');
    const long = `var/log/apps/${'deep/'.repeat(30)}service.log`;
    await put(tree, long, '2026-12-01 10:00:00.000 svc: long path\n');
    await put(tree, 'var/log/short.log', 'short\n');
    await sh(`ln -s short.log var/log/link.log && tar --format=posix -cf ../pax.tar var/log && tar -cf ../abs.tar -P /dev/null 2>/dev/null; true`, tree);
    const v = viewer(join(work, 'data-tar'));
    const opened = await v.handlers['viewer.open']({ localPath: join(work, 'pax.tar') });
    expect(opened.files.map((f) => f.path).sort()).toEqual([long, 'var/log/short.log']);
    expect(opened.problems).toEqual(['var/log/link.log is a link in the archive and is not shown; open the file it points to.']);
    const hostile = join(work, 'hostile.tar');
    await sh(`tar -cf '${hostile}' --transform='s,^,../,' -C '${tree}' var/log/short.log`);
    const refused = await v.handlers['viewer.open']({ localPath: hostile });
    expect(refused.files).toEqual([]);
    expect(refused.problems[0]).toBe('"../var/log/short.log" in the archive was skipped: its path would lead outside the bundle\'s folder.');
    expect(await readFile(join(work, 'var', 'log', 'short.log')).catch(() => 'absent')).toBe('absent');
    await v.close();
  });
});
