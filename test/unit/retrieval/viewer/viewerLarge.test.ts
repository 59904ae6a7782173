import { mkdtemp, rm, stat } from 'node:fs/promises';
import { readCachedBundle } from '../../../../electron/core/retrieval/viewer/cachedBundle';
import { OpenBundle } from '../../../../electron/core/retrieval/viewer/openBundle';
import { searchBundle } from '../../../../electron/core/retrieval/viewer/viewerSearch';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LARGE_NEEDLE, LARGE_SERVICES, LARGE_T0, check, largeServiceAt, sh, viewer, writeLargeTree } from './viewerFixtures';

/** 200 MB of logs from several services (ISO with T and Z, ISO with a space, syslog), packed with tar + xz, then opened, searched and merged. */
const NEEDLE_LINE = 345_678;
const NEEDLE_SERVICE = 2;
const SERVICES = LARGE_SERVICES;
const serviceAt = largeServiceAt;
const NEEDLE = LARGE_NEEDLE;
const T0 = LARGE_T0;

let work: string;
let archive: string;
let totalBytes = 0;
let LINES = 0;
let SYSLOG_LINES = 0;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'apc-viewer-large-'));
  const tree = join(work, 'tree');
  const started = Date.now();
  const written = await writeLargeTree(tree, 212, NEEDLE_LINE);
  expect(written.bytes).toBeGreaterThan(200e6);
  totalBytes = written.bytes;
  LINES = written.lines;
  SYSLOG_LINES = written.syslogLines;
  const generated = Date.now();
  archive = join(work, 'log.tar.xz');
  await sh(`tar -cf - var/log | xz -z -0 -T2 - > '${archive}'`, tree);
  await rm(tree, { recursive: true, force: true });
  console.log(`generated ${(totalBytes / 1e6).toFixed(0)} MB in ${(generated - started) / 1000} s, tar + xz -0 in ${(Date.now() - generated) / 1000} s -> ${((await stat(archive)).size / 1e6).toFixed(1)} MB`);
}, 120_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('viewer on 200 MB of logs', () => {
  let v: ReturnType<typeof viewer>;
  let bundleId: string;

  beforeAll(async () => {
    v = viewer(join(work, 'data'));
    const started = Date.now();
    const opened = check('viewer.open', await v.handlers['viewer.open']({ localPath: archive }));
    console.log(`opened (xz, untar, sha256, index) in ${(Date.now() - started) / 1000} s`);
    bundleId = opened.bundleId;
    expect(opened.problems).toEqual([]);
    expect(opened.files.map((f) => f.lines)).toEqual([...SERVICES.map(() => LINES), SYSLOG_LINES]);
    expect(opened.files.reduce((s, f) => s + f.sizeBytes, 0)).toBe(totalBytes);
  }, 120_000);
  afterAll(async () => v.close());

  it('finds the one known line in a few seconds', async () => {
    const started = Date.now();
    const answer = check('viewer.search', await v.handlers['viewer.search']({ bundleId, pattern: NEEDLE, regex: false, caseSensitive: true }));
    const seconds = (Date.now() - started) / 1000;
    console.log(`text search over ${(answer.totalBytes / 1e6).toFixed(0)} MB in ${seconds} s`);
    expect(answer.hits).toEqual([{ file: `var/log/apps/${SERVICES[NEEDLE_SERVICE]}/${SERVICES[NEEDLE_SERVICE]}.log`, line: NEEDLE_LINE + 1, at: new Date(serviceAt(NEEDLE_SERVICE, NEEDLE_LINE)).toISOString(), text: expect.stringContaining(NEEDLE) }]);
    expect(answer.nextCursor).toBeNull();
    expect(answer.scannedBytes).toBe(totalBytes);
    expect(seconds).toBeLessThan(10);
  });

  it('finds it with a case-insensitive regular expression too, paging until the end', async () => {
    const started = Date.now();
    const hits = [];
    let cursor: string | undefined;
    let scanned = 0;
    for (let page = 0; page < 100; page++) {
      const answer = check('viewer.search', await v.handlers['viewer.search']({ bundleId, pattern: 'license check failed for instance acme-\\d{4}$', regex: true, caseSensitive: false, ...(cursor ? { cursor } : {}) }));
      hits.push(...answer.hits);
      expect(answer.scannedBytes).toBeGreaterThanOrEqual(scanned);
      scanned = answer.scannedBytes;
      if (!answer.nextCursor) break;
      cursor = answer.nextCursor;
    }
    console.log(`regex search (case-insensitive) in ${(Date.now() - started) / 1000} s`);
    expect(hits.map((h) => h.line)).toEqual([NEEDLE_LINE + 1]);
    expect(scanned).toBe(totalBytes);
  });

  it('hands back a cursor when its time budget runs out, and paging on finds the same', async () => {
    const dir = join(work, 'data', 'viewer-cache', bundleId.slice('bundle-'.length));
    const cached = await readCachedBundle(dir);
    if (!cached) throw new Error('no complete cache');
    const bundle = new OpenBundle(dir, cached, archive, 'log.tar.xz');
    const lines: number[] = [];
    let pages = 0;
    let cursor: string | undefined;
    for (; pages < 10_000; pages++) {
      const answer = await searchBundle(bundle, { bundleId, pattern: 'acme-0042', regex: false, caseSensitive: true, limit: 500, ...(cursor ? { cursor } : {}) }, 1);
      lines.push(...answer.hits.map((h) => h.line));
      if (!answer.nextCursor) break;
      cursor = answer.nextCursor;
    }
    await bundle.close();
    expect(pages).toBeGreaterThan(3);
    expect(lines).toEqual([NEEDLE_LINE + 1]);
  });

  it('merges the services and the syslog in time order within a time range, page by page', async () => {
    const fromMs = T0 + 100_000_000;
    expect(serviceAt(0, LINES - 1)).toBeGreaterThan(fromMs + 60_000);
    const toMs = fromMs + 60_000;
    const from = new Date(fromMs).toISOString();
    const to = new Date(toMs).toISOString();
    const lines = [];
    let cursor: string | undefined;
    const started = Date.now();
    for (let page = 0; page < 20; page++) {
      const answer = check('viewer.timeline', await v.handlers['viewer.timeline']({ bundleId, from, to, limit: 211, ...(cursor ? { cursor } : {}) }));
      lines.push(...answer.lines);
      if (!answer.nextCursor) break;
      cursor = answer.nextCursor;
    }
    console.log(`timeline: ${lines.length} lines in a minute's range in ${(Date.now() - started) / 1000} s`);
    const expectedCount = SERVICES.reduce((sum, _s, k) => sum + Array.from({ length: LINES }).filter((_x, i) => serviceAt(k, i) >= fromMs && serviceAt(k, i) <= toMs).length, 0) + 61;
    expect(lines).toHaveLength(expectedCount);
    const times = lines.map((l) => Date.parse(l.at ?? ''));
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1] as number);
    expect(times[0]).toBe(fromMs);
    expect(times.at(-1)).toBe(toMs);
    const window = lines.slice(0, 12).map((l) => l.file.split('/').at(-1));
    expect(window).toEqual(['devices.log', 'messages', 'manager.log', 'users.log', 'webserver.log', 'devices.log', 'manager.log', 'users.log', 'webserver.log', 'devices.log', 'manager.log', 'users.log']);
  });
});
