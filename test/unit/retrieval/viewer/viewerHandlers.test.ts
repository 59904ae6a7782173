import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appLine, check, consoleBundle, handMadeArchive, put, sh, syslogLine, viewer } from './viewerFixtures';

const T0 = Date.UTC(2026, 11, 1, 10, 0, 0);
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'apc-viewer-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});


/** A P17 tree: two app logs (ISO), the syslog (no year), a Latin-1 log, binary junk and a core dump. */
async function handMadeTree(name: string): Promise<string> {
  const tree = join(work, name);
  const manager = Array.from({ length: 50 }, (_, i) => appLine(T0 + i * 10_000, 'manager', `manager step ${i}`));
  manager.splice(10, 0, '  continuation of step 9 without a time');
  await put(tree, 'var/log/apps/manager/manager.log', `${manager.join('\n')}\n`, new Date(T0 + 600_000));
  const users = Array.from({ length: 50 }, (_, i) => appLine(T0 + 5_000 + i * 10_000, 'users', `users event ${i}${i === 33 ? ' ERROR Disk quota exceeded' : ''}`));
  await put(tree, 'var/log/apps/users/users.log', `${users.join('\n')}\n`, new Date(T0 + 600_000));
  const syslog = Array.from({ length: 20 }, (_, i) => syslogLine(T0 + 2_500 + i * 25_000, `kernel: tick ${i}`));
  await put(tree, 'var/log/messages', `${syslog.join('\n')}\n`, new Date(T0 + 600_000));
  await put(tree, 'var/log/latin1.log', Buffer.concat([Buffer.from(`${appLine(T0 + 1, 'x', 'Gr')}`), Buffer.from([0xfc, 0xdf]), Buffer.from('e aus M\xfcnchen\n', 'latin1')]));
  await put(tree, 'var/log/junk.bin', Buffer.concat([Buffer.from('ERROR'), randomBytes(20_000), Buffer.alloc(100)]));
  await put(tree, 'var/log/core_dumps/manager/core.1234', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(5000)]));
  return tree;
}

describe('viewer on a hand-made log archive (wiki P17)', () => {
  let v: ReturnType<typeof viewer>;
  let bundleId: string;
  let archive: string;

  beforeAll(async () => {
    const tree = await handMadeTree('p17');
    archive = await handMadeArchive(tree, join(work, 'log.tar.xz'));
    v = viewer(join(work, 'data'));
    const opened = check('viewer.open', await v.handlers['viewer.open']({ localPath: archive }));
    bundleId = opened.bundleId;
  });
  afterAll(async () => v.close());

  it('lists every file with lines, times, binary and encoding', async () => {
    const opened = check('viewer.open', await v.handlers['viewer.open']({ localPath: archive }));
    expect(opened.source).toBe('log-archive');
    expect(opened.summary).toBeNull();
    expect(opened.problems).toEqual([]);
    const byPath = new Map(opened.files.map((f) => [f.path, f]));
    expect([...byPath.keys()].sort()).toEqual(['var/log/apps/manager/manager.log', 'var/log/apps/users/users.log', 'var/log/core_dumps/manager/core.1234', 'var/log/junk.bin', 'var/log/latin1.log', 'var/log/messages']);
    expect(byPath.get('var/log/apps/manager/manager.log')).toMatchObject({ lines: 51, binary: false, encoding: 'utf-8', verified: null, firstAt: new Date(T0).toISOString(), lastAt: new Date(T0 + 490_000).toISOString() });
    expect(byPath.get('var/log/messages')).toMatchObject({ lines: 20, firstAt: new Date(T0 + 2_000).toISOString() });
    expect(byPath.get('var/log/junk.bin')).toMatchObject({ binary: true, lines: 0 });
    expect(byPath.get('var/log/core_dumps/manager/core.1234')).toMatchObject({ binary: true });
    expect(byPath.get('var/log/latin1.log')).toMatchObject({ encoding: 'latin1', lines: 1 });
  });

  it('merges the services and the syslog by time, a line without a time staying after the line before', async () => {
    const all = check('viewer.timeline', await v.handlers['viewer.timeline']({ bundleId, limit: 5000 }));
    expect(all.nextCursor).toBeNull();
    expect(all.lines).toHaveLength(51 + 50 + 20 + 1);
    const times = all.lines.map((l) => l.at).filter((a): a is string => a !== null).map((a) => Date.parse(a));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const first = all.lines.slice(0, 5).map((l) => l.text);
    expect(first[0]).toContain('manager step 0');
    expect(first[1]).toContain('Gr');
    expect(first[2]).toMatch(/^Dec {2}1 10:00:02 ap kernel: tick 0/);
    expect(first[3]).toContain('users event 0');
    const cont = all.lines.findIndex((l) => l.text.includes('continuation of step 9'));
    expect(all.lines[cont - 1]?.text).toContain('manager step 9');
    expect(all.lines[cont]?.at).toBeNull();
    expect(all.lines[cont]?.line).toBe(11);
    expect(all.lines.some((l) => l.file.endsWith('junk.bin'))).toBe(false);
  });

  it('pages the timeline with a cursor and filters it by time range', async () => {
    const whole = check('viewer.timeline', await v.handlers['viewer.timeline']({ bundleId, limit: 5000 }));
    const paged: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 100; page++) {
      const answer = check('viewer.timeline', await v.handlers['viewer.timeline']({ bundleId, limit: 7, ...(cursor ? { cursor } : {}) }));
      paged.push(...answer.lines.map((l) => `${l.file}:${l.line}`));
      if (!answer.nextCursor) break;
      cursor = answer.nextCursor;
    }
    expect(paged).toEqual(whole.lines.map((l) => `${l.file}:${l.line}`));
    const from = new Date(T0 + 100_000).toISOString();
    const to = new Date(T0 + 200_000).toISOString();
    const ranged = check('viewer.timeline', await v.handlers['viewer.timeline']({ bundleId, from, to, limit: 5000 }));
    expect(ranged.lines.length).toBeGreaterThan(10);
    for (const line of ranged.lines) if (line.at) expect(Date.parse(line.at) >= T0 + 100_000 && Date.parse(line.at) <= T0 + 200_000).toBe(true);
    expect(ranged.lines.filter((l) => l.file.endsWith('manager.log')).map((l) => l.line)).toEqual(Array.from({ length: 11 }, (_, i) => 12 + i));
  });

  it('searches text with and without case, regex, file filter and time range, never in binary files', async () => {
    const search = async (extra: Partial<Parameters<(typeof v.handlers)['viewer.search']>[0]>) =>
      check('viewer.search', await v.handlers['viewer.search']({ bundleId, pattern: 'error', regex: false, caseSensitive: false, ...extra }));
    const loose = await search({});
    expect(loose.hits.map((h) => `${h.file}:${h.line}`)).toEqual(['var/log/apps/users/users.log:34']);
    expect(loose.hits[0]?.at).toBe(new Date(T0 + 5_000 + 33 * 10_000).toISOString());
    expect(loose.scannedBytes).toBe(loose.totalBytes);
    expect((await search({ caseSensitive: true })).hits).toHaveLength(0);
    expect((await search({ pattern: 'ERROR', caseSensitive: true })).hits).toHaveLength(1);
    const re = await search({ pattern: 'step (1|2)\\d$', regex: true });
    expect(re.hits.map((h) => h.line)).toEqual([...Array.from({ length: 10 }, (_, i) => 12 + i), ...Array.from({ length: 10 }, (_, i) => 22 + i)]);
    expect((await search({ pattern: '^dec', regex: true })).hits).toHaveLength(20);
    expect((await search({ pattern: 'tick', files: ['var/log/apps/users/users.log'] })).hits).toHaveLength(0);
    const ranged = await search({ pattern: 'step', from: new Date(T0 + 100_000).toISOString(), to: new Date(T0 + 150_000).toISOString() });
    expect(ranged.hits.map((h) => h.text.replace(/^.* manager: /, ''))).toEqual(['manager step 10', 'manager step 11', 'manager step 12', 'manager step 13', 'manager step 14', 'manager step 15']);
    expect((await search({ pattern: 'München' })).hits.map((h) => h.text)).toEqual([`${appLine(T0 + 1, 'x', 'Grüße aus München')}`]);
  });

  it('pages search hits with a cursor that belongs to its query', async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 50; i++) {
      const page = check('viewer.search', await v.handlers['viewer.search']({ bundleId, pattern: 'manager step', regex: false, caseSensitive: true, limit: 8, ...(cursor ? { cursor } : {}) }));
      seen.push(...page.hits.map((h) => h.line));
      expect(page.scannedBytes).toBeLessThanOrEqual(page.totalBytes);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(Array.from({ length: 51 }, (_, i) => i + 1).filter((l) => l !== 11));
    await expect(v.handlers['viewer.search']({ bundleId, pattern: 'other', regex: false, caseSensitive: true, cursor: cursor ?? 'x' })).rejects.toThrow(/different search/);
    await expect(v.handlers['viewer.search']({ bundleId, pattern: 'x', regex: false, caseSensitive: true, cursor: 'garbage' })).rejects.toThrow(/not one the viewer gave/);
  });

  it('says in words when a regular expression is invalid or a file is unknown or binary', async () => {
    await expect(v.handlers['viewer.search']({ bundleId, pattern: 'a(b', regex: true, caseSensitive: false })).rejects.toThrow(/not a valid regular expression .*turn off regular expressions/);
    await expect(v.handlers['viewer.search']({ bundleId, pattern: 'a', regex: false, caseSensitive: false, files: ['nope.log'] })).rejects.toThrow(/nope.log is not in this bundle/);
    await expect(v.handlers['viewer.read']({ bundleId, path: 'var/log/junk.bin', fromLine: 1, count: 5 })).rejects.toThrow(/binary/);
  });

  it('reads lines by number through the index', async () => {
    const read = check('viewer.read', await v.handlers['viewer.read']({ bundleId, path: 'var/log/apps/manager/manager.log', fromLine: 10, count: 3 }));
    expect(read.totalLines).toBe(51);
    expect(read.lines.map((l) => [l.line, l.text.replace(/^.* manager: /, '')])).toEqual([
      [10, 'manager step 9'],
      [11, '  continuation of step 9 without a time'],
      [12, 'manager step 10'],
    ]);
    const past = check('viewer.read', await v.handlers['viewer.read']({ bundleId, path: 'var/log/apps/manager/manager.log', fromLine: 51, count: 10 }));
    expect(past.lines).toHaveLength(1);
  });

  it('reuses the complete cache when the same archive is opened again, and closing frees the id', async () => {
    const cacheRoot = join(work, 'data', 'viewer-cache');
    const dirs = await readdir(cacheRoot);
    expect(dirs).toHaveLength(1);
    const metaBefore = await stat(join(cacheRoot, dirs[0] as string, 'viewer.json'));
    const second = viewer(join(work, 'data'));
    const again = check('viewer.open', await second.handlers['viewer.open']({ localPath: archive }));
    expect(again.bundleId).toBe(bundleId);
    expect(second.log.infos.join('\n')).toContain('reopened');
    expect((await stat(join(cacheRoot, dirs[0] as string, 'viewer.json'))).mtimeMs).toBe(metaBefore.mtimeMs);
    await second.handlers['viewer.close']({ bundleId });
    await expect(second.handlers['viewer.read']({ bundleId, path: 'var/log/messages', fromLine: 1, count: 1 })).rejects.toThrow(/no longer open/);
    await second.close();
  });
});

describe('viewer on a console support bundle', () => {
  let v: ReturnType<typeof viewer>;
  beforeAll(() => {
    v = viewer(join(work, 'data-bundle'));
  });
  afterAll(async () => v.close());

  it('reads the summary, verifies files against the manifest and reports mismatches as sentences', async () => {
    const out = join(work, 'site_ap1_20261201-100000.tar.xz');
    await consoleBundle(work, out, {
      summary: { platformId: 'p1', platformName: 'ap1', siteName: 'site', address: '10.0.0.1', build: '141234', collectedAt: new Date(T0 + 3600_000).toISOString(), disk: { usedBytes: 5, sizeBytes: 10 }, alarms: [{ severity: 'warning', kind: 'disk', cause: 'Disk 90% full' }], includesCoreDumps: false },
      files: {
        'commands/df.txt': 'Filesystem Size Used\n/dev/sda2 1G 900M\n',
        'var/log/apps/manager/manager.log': `${appLine(T0, 'manager', 'up')}\n`,
        'var/log/messages': `${syslogLine(T0 + 1000, 'kernel: boot')}\n`,
        'var/log/changed.log': 'changed after\n',
      },
      tamper: ['var/log/changed.log'],
    });
    const opened = check('viewer.open', await v.handlers['viewer.open']({ localPath: out }));
    expect(opened.source).toBe('bundle');
    expect(opened.name).toBe('site_ap1_20261201-100000.tar.xz');
    expect(opened.summary).toMatchObject({ platformName: 'ap1', siteName: 'site', build: '141234', includesCoreDumps: false, alarms: [{ severity: 'warning', kind: 'disk', cause: 'Disk 90% full' }] });
    const verified = Object.fromEntries(opened.files.map((f) => [f.path, f.verified]));
    expect(verified).toMatchObject({ 'summary.json': true, 'commands/df.txt': true, 'var/log/apps/manager/manager.log': true, 'var/log/messages': true, 'var/log/changed.log': false, 'manifest.json': null });
    expect(opened.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^var\/log\/changed.log does not match the bundle's manifest/), 'When the bundle was made: /var/log/gone.log vanished while the bundle was made.']));
    const timeline = check('viewer.timeline', await v.handlers['viewer.timeline']({ bundleId: opened.bundleId, limit: 100 }));
    expect(timeline.lines.map((l) => l.file)).toEqual(['var/log/apps/manager/manager.log', 'var/log/messages']);
    expect(timeline.lines[1]?.at).toBe(new Date(T0 + 1000).toISOString());
  });

  it('lists bundles and log archives in the data folder, newest first', async () => {
    const dataDir = join(work, 'data-recent');
    await put(dataDir, 'bundles/site/ap1/old.tar.xz', 'x', new Date(T0));
    await put(dataDir, 'downloads/ap2/log.tar', 'y', new Date(T0 + 1000));
    await put(dataDir, 'bundles/site/ap1/new.tar.xz', 'zz', new Date(T0 + 2000));
    await put(dataDir, 'bundles/site/ap1/new.tar.xz.part', 'zz', new Date(T0 + 3000));
    await put(dataDir, 'downloads/ap2/notes.txt', 'n', new Date(T0 + 4000));
    const r = viewer(dataDir);
    const recent = check('viewer.recent', await r.handlers['viewer.recent']({}));
    expect(recent.bundles.map((b) => [b.name, b.sizeBytes])).toEqual([
      ['new.tar.xz', 2],
      ['log.tar', 1],
      ['old.tar.xz', 1],
    ]);
    await r.close();
  });
});

describe('damaged archives', () => {
  let v: ReturnType<typeof viewer>;
  let full: Buffer;
  beforeAll(async () => {
    v = viewer(join(work, 'data-damaged'));
    const tree = join(work, 'damaged');
    for (const service of ['a', 'b', 'c', 'd']) {
      await put(tree, `var/log/apps/${service}/${service}.log`, Array.from({ length: 20_000 }, (_, i) => appLine(T0 + i * 1000, service, `${service} line ${i} ${randomBytes(8).toString('hex')}`)).join('\n') + '\n');
    }
    full = await readFile(await handMadeArchive(tree, join(work, 'damaged.tar.xz')));
  });
  afterAll(async () => v.close());

  it('keeps what a truncated archive holds and says what is missing', async () => {
    const path = join(work, 'truncated.tar.xz');
    await writeFile(path, full.subarray(0, Math.floor(full.length * 0.6)));
    const opened = check('viewer.open', await v.handlers['viewer.open']({ localPath: path }));
    expect(opened.files.length).toBeGreaterThanOrEqual(2);
    expect(opened.problems).toHaveLength(1);
    expect(opened.problems[0]).toMatch(/^The archive ends early .* is incomplete: only .* could be read\. The \d files? before that point (is|are) shown\. Copy or download the archive again/);
    const cut = /\. (var\/log\/\S+) is incomplete/.exec(opened.problems[0] ?? '')?.[1];
    const whole = opened.files.filter((f) => f.path !== cut);
    expect(whole.length).toBeGreaterThanOrEqual(1);
    for (const f of whole) expect(f.lines).toBe(20_000);
    const partial = opened.files.find((f) => f.path === cut);
    expect(partial?.lines).toBeGreaterThan(0);
    expect(partial?.lines).toBeLessThan(20_000);
    const hit = check('viewer.search', await v.handlers['viewer.search']({ bundleId: opened.bundleId, pattern: 'line 19999 ', regex: false, caseSensitive: true }));
    expect(hit.hits.length).toBeGreaterThanOrEqual(1);
  });

  it('keeps what comes before corrupt data and says so', async () => {
    const path = join(work, 'corrupt.tar.xz');
    const bad = Buffer.from(full);
    for (let i = Math.floor(bad.length * 0.7); i < Math.floor(bad.length * 0.7) + 64; i++) bad[i] = (bad[i] ?? 0) ^ 0x55;
    await writeFile(path, bad);
    const opened = check('viewer.open', await v.handlers['viewer.open']({ localPath: path }));
    expect(opened.problems.join(' ')).toMatch(/The archive is damaged/);
    expect(opened.files.length).toBeGreaterThanOrEqual(1);
  });

  it('answers an unreadable file, a missing file and a truncated tar with sentences, never a stack', async () => {
    const junk = join(work, 'junk.tar.xz');
    await writeFile(junk, randomBytes(4096));
    await expect(v.handlers['viewer.open']({ localPath: junk })).rejects.toThrow(/^junk.tar.xz is neither a tar archive .* nor a text log; pick a support bundle/);
    const xzJunk = join(work, 'xzjunk.tar.xz');
    await writeFile(xzJunk, Buffer.concat([Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), randomBytes(4096)]));
    await expect(v.handlers['viewer.open']({ localPath: xzJunk })).rejects.toThrow(/^xzjunk.tar.xz could not be read: its compressed data is damaged or cut off\. Copy or download it again/);
    await expect(v.handlers['viewer.open']({ localPath: join(work, 'missing.tar.xz') })).rejects.toThrow(/^There is no file at .*missing.tar.xz; check the path/);
    const tarPath = join(work, 'cut.tar');
    await sh(`tar -cf '${tarPath}' var/log`, join(work, 'damaged'));
    await truncate(tarPath, 700_000);
    const opened = check('viewer.open', await v.handlers['viewer.open']({ localPath: tarPath }));
    expect(opened.problems[0]).toMatch(/^The archive ends early, in the middle of an entry\. var\/log\/.* is incomplete/);
    const cacheRoot = join(work, 'data-damaged', 'viewer-cache');
    expect((await readdir(cacheRoot)).filter((n) => n.includes('.part'))).toEqual([]);
  });

  it('opens a plain .tar and a single log file', async () => {
    const tarPath = join(work, 'plain.tar');
    await sh(`tar -cf '${tarPath}' var/log`, join(work, 'damaged'));
    const opened = check('viewer.open', await v.handlers['viewer.open']({ localPath: tarPath }));
    expect(opened.problems).toEqual([]);
    expect(opened.files.map((f) => f.lines)).toEqual([20_000, 20_000, 20_000, 20_000]);
    const single = join(work, 'single.log');
    await writeFile(single, `${appLine(T0, 'x', 'one')}\n${appLine(T0 + 1, 'x', 'two')}`);
    const one = check('viewer.open', await v.handlers['viewer.open']({ localPath: single }));
    expect(one.files).toMatchObject([{ path: 'single.log', lines: 2, firstAt: new Date(T0).toISOString() }]);
  });
});
