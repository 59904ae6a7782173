import { describe, expect, it } from 'vitest';
import type { RetrievalJob, ViewerFile, ViewerLine } from '../../electron/core/contract';
import { isArchivePath, jobActions, jobFraction, jobOrder, jobProgressText, platformLabel } from '../../renderer/views/logs/jobText';
import { highlightParts, textMatcher } from '../../renderer/views/logs/textMatch';
import { fileColour, fileColours } from '../../renderer/views/logs/viewer/fileColours';
import { lineAt, pageOf, pageStart, pagesToLoad, trimPages, windowStartFor } from '../../renderer/views/logs/viewer/linePages';
import { lineTimeText } from '../../renderer/views/logs/viewer/lineTime';
import { isoOfLocal, localOfIso, scannedShare, timeRangeOf } from '../../renderer/views/logs/viewer/searchForm';
import { viewerTreeRows } from '../../renderer/views/logs/viewer/viewerTree';
import { testPlatform, testSite } from './support/fleetFixtures';

const MiB = 1024 * 1024;
const job = (over: Partial<RetrievalJob>): RetrievalJob => ({
  jobId: 'job-0123456789abcdef',
  platformId: 'p1',
  kind: 'download',
  label: '2 files from /var/log/apps',
  state: 'running',
  message: null,
  bytesDone: 0,
  bytesTotal: null,
  rate: 0,
  localPath: null,
  sha256: null,
  createdAt: '2026-03-01T10:00:00.000Z',
  endedAt: null,
  resumable: false,
  ...over,
});

describe('job progress in words', () => {
  it('shows done, total, rate and time left while running', () => {
    const j = job({ bytesDone: 12 * MiB, bytesTotal: 40 * MiB, rate: 2 * MiB });
    expect(jobFraction(j)).toBeCloseTo(0.3);
    expect(jobProgressText(j)).toBe('12.0 MiB of 40.0 MiB at 2.0 MiB/s, about 14 s left');
    expect(jobProgressText({ ...j, rate: 10 * 1024 })).toBe('12.0 MiB of 40.0 MiB at 10.0 KiB/s, about 48 min left');
  });
  it('says "so far" and has no fraction while the size is not known', () => {
    const j = job({ bytesDone: 3 * MiB });
    expect(jobFraction(j)).toBeNull();
    expect(jobProgressText(j)).toBe('3.0 MiB so far');
  });
  it('shows the size of a finished job, full bar', () => {
    const j = job({ state: 'done', bytesDone: 5 * MiB, bytesTotal: 5 * MiB });
    expect(jobFraction(j)).toBe(1);
    expect(jobProgressText(j)).toBe('5.0 MiB');
  });
  it('never shows more than a full bar', () => {
    expect(jobFraction(job({ bytesDone: 11, bytesTotal: 10 }))).toBe(1);
  });
});

describe('what a job can do next', () => {
  it('cancels while waiting or running, resumes failed or cancelled ones that can go on', () => {
    expect(jobActions(job({ state: 'queued' }))).toEqual({ cancel: true, resume: false, openInViewer: false });
    expect(jobActions(job({ state: 'failed', resumable: true }))).toMatchObject({ cancel: false, resume: true });
    expect(jobActions(job({ state: 'cancelled', resumable: false }))).toMatchObject({ resume: false });
  });
  it('opens finished bundles and downloaded archives in the viewer, not plain files', () => {
    expect(jobActions(job({ state: 'done', kind: 'bundle', localPath: '/d/bundle-x.tar.xz' })).openInViewer).toBe(true);
    expect(jobActions(job({ state: 'done', localPath: '/d/log.tar.xz' })).openInViewer).toBe(true);
    expect(jobActions(job({ state: 'done', localPath: '/d/messages' })).openInViewer).toBe(false);
    expect(jobActions(job({ state: 'running', kind: 'bundle', localPath: '/d/b.tar.xz' })).openInViewer).toBe(false);
    expect(isArchivePath('/x/LOG.TGZ', 'download')).toBe(true);
  });
  it('orders running and waiting jobs first, then the newest', () => {
    const jobs = [
      job({ jobId: 'a', state: 'done', createdAt: '2026-03-01T12:00:00.000Z' }),
      job({ jobId: 'b', state: 'queued', createdAt: '2026-03-01T09:00:00.000Z' }),
      job({ jobId: 'c', state: 'failed', createdAt: '2026-03-01T13:00:00.000Z' }),
      job({ jobId: 'd', state: 'running', createdAt: '2026-03-01T08:00:00.000Z' }),
    ];
    expect([...jobs].sort(jobOrder).map((j) => j.jobId)).toEqual(['d', 'b', 'c', 'a']);
  });
  it('names the platform with its site, or says it left the fleet', () => {
    const sites = new Map([['s1', testSite('s1', 'Muster GmbH')]]);
    const platforms = [testPlatform('p1', { siteId: 's1', name: 'ap1' })];
    expect(platformLabel('p1', platforms, sites)).toEqual({ site: 'Muster GmbH', name: 'ap1' });
    expect(platformLabel('gone', platforms, sites)).toEqual({ site: null, name: 'gone (no longer in the fleet)' });
  });
});

describe('text matching for search boxes', () => {
  it('matches text as typed, case-insensitive unless asked, and marks every hit', () => {
    const m = textMatcher({ text: 'a.b', regex: false, caseSensitive: false });
    if (!m.ok) throw new Error('matcher');
    expect(m.test('xA.Bx')).toBe(true);
    expect(m.test('axb')).toBe(false);
    expect(m.ranges('a.b and A.B')).toEqual([[0, 3], [8, 11]]);
    const exact = textMatcher({ text: 'Error', regex: false, caseSensitive: true });
    expect(exact.ok && exact.test('error')).toBe(false);
  });
  it('uses regular expressions and says when one cannot be read', () => {
    const m = textMatcher({ text: 'core\\.\\d+', regex: true, caseSensitive: false });
    expect(m.ok && m.ranges('core.1234 core.x')).toEqual([[0, 9]]);
    const broken = textMatcher({ text: '(unclosed', regex: true, caseSensitive: false });
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.problem).toMatch(/^That is not a regular expression .*switch off "Regular expression"/);
  });
  it('does not loop on patterns that match the empty string, and matches every line for an empty query', () => {
    const m = textMatcher({ text: 'x*', regex: true, caseSensitive: false });
    expect(m.ok && m.ranges('abxxc')).toEqual([[2, 4]]);
    expect(m.ok && m.test('abc')).toBe(false);
    const all = textMatcher({ text: '', regex: false, caseSensitive: false });
    expect(all.ok && all.test('anything')).toBe(true);
  });
  it('cuts a line into plain and marked parts', () => {
    expect(highlightParts('abcdef', [[1, 3], [4, 5]])).toEqual([
      { text: 'a', hit: false },
      { text: 'bc', hit: true },
      { text: 'd', hit: false },
      { text: 'e', hit: true },
      { text: 'f', hit: false },
    ]);
    expect(highlightParts('', [])).toEqual([{ text: '', hit: false }]);
    expect(highlightParts('abc', [[0, 3]])).toEqual([{ text: 'abc', hit: true }]);
  });
});

const vfile = (path: string, sizeBytes: number, lines: number, over: Partial<ViewerFile> = {}): ViewerFile => ({ path, sizeBytes, lines, firstAt: null, lastAt: null, binary: false, encoding: 'utf-8', verified: null, ...over });

describe('the bundle file tree', () => {
  const files = [vfile('var/log/messages', 100, 10), vfile('var/log/apps/manager/manager.log', 300, 30), vfile('var/log/apps/manager/manager.log.1', 200, 20), vfile('manifest.json', 50, 1), vfile('var/log/core_dumps/manager/core.1', 9000, 0, { binary: true })];
  it('groups files by folder, folders first, with sizes and lines summed', () => {
    const rows = viewerTreeRows(files, new Set());
    expect(rows.map((r) => `${'  '.repeat(r.depth)}${r.name}`)).toEqual(['var', '  log', '    apps', '      manager', '        manager.log', '        manager.log.1', '    core_dumps', '      manager', '        core.1', '    messages', 'manifest.json']);
    expect(rows.find((r) => r.id === 'var/log/apps')).toMatchObject({ folder: true, sizeBytes: 500, lines: 50 });
    expect(rows.find((r) => r.id === 'var/log/core_dumps/manager/core.1')?.file?.binary).toBe(true);
  });
  it('hides what a collapsed folder holds', () => {
    expect(viewerTreeRows(files, new Set(['var/log'])).map((r) => r.id)).toEqual(['var', 'var/log', 'manifest.json']);
  });
});

describe('reading a file page by page', () => {
  it('finds the page of a line and where a page starts', () => {
    expect(pageOf(1)).toBe(0);
    expect(pageOf(500)).toBe(0);
    expect(pageOf(501)).toBe(1);
    expect(pageStart(2)).toBe(1001);
  });
  it('asks for the pages in view plus one on each side, never past the end, never twice', () => {
    expect(pagesToLoad(1, 40, 10_000, new Set())).toEqual([0, 1]);
    expect(pagesToLoad(1200, 1240, 10_000, new Set([2]))).toEqual([1, 3]);
    expect(pagesToLoad(9990, 10_000, 10_000, new Set())).toEqual([18, 19]);
    expect(pagesToLoad(1, 40, 0, new Set())).toEqual([]);
    expect(pagesToLoad(1, 40, 30, new Set([0]))).toEqual([]);
  });
  it('keeps the pages nearest to the one in view', () => {
    const pages = new Map([0, 1, 2, 10, 11].map((p) => [p, p]));
    expect([...trimPages(pages, 10, 3).keys()].sort((a, b) => a - b)).toEqual([2, 10, 11]);
    expect(trimPages(pages, 0, 10).size).toBe(5);
  });
  it('finds a loaded line by its number', () => {
    const line = (n: number): ViewerLine => ({ file: 'f', line: n, at: null, text: `line ${n}` });
    const pages = new Map([[1, Array.from({ length: 500 }, (_, i) => line(501 + i))]]);
    expect(lineAt(pages, 777)?.text).toBe('line 777');
    expect(lineAt(pages, 12)).toBeNull();
  });
});

describe('the time range of search and timeline', () => {
  it('turns local times into ISO times and back', () => {
    const iso = isoOfLocal('2026-03-01T10:15:30');
    expect(iso).toBe(new Date(2026, 2, 1, 10, 15, 30).toISOString());
    expect(localOfIso(iso ?? '')).toBe('2026-03-01T10:15:30');
    expect(isoOfLocal('')).toBeNull();
    expect(isoOfLocal('not a time')).toBeNull();
  });
  it('accepts an open range and refuses one that ends before it starts', () => {
    expect(timeRangeOf({ from: '', to: '' })).toEqual({ ok: true });
    expect(timeRangeOf({ from: '2026-03-01T10:00', to: '' })).toEqual({ ok: true, from: new Date(2026, 2, 1, 10).toISOString() });
    const wrong = timeRangeOf({ from: '2026-03-02T10:00', to: '2026-03-01T10:00' });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.problem).toContain('"From" is after "To"');
    expect(timeRangeOf({ from: 'x', to: '' }).ok).toBe(false);
  });
  it('shows line times to the second, with milliseconds where there are some', () => {
    expect(lineTimeText(new Date(2026, 2, 1, 9, 5, 7).toISOString())).toBe('2026-03-01 09:05:07');
    expect(lineTimeText(new Date(2026, 2, 1, 9, 5, 7, 42).toISOString())).toBe('2026-03-01 09:05:07.042');
    expect(lineTimeText(null)).toBe('');
  });
  it('has a search progress share that never passes one', () => {
    expect(scannedShare(50, 200)).toBe(0.25);
    expect(scannedShare(0, 0)).toBe(1);
    expect(scannedShare(300, 200)).toBe(1);
  });
});

describe('file colours in the timeline', () => {
  it('gives a file the same colour every time, and different files different colours while colours last', () => {
    expect(fileColour('var/log/messages')).toBe(fileColour('var/log/messages'));
    const paths = Array.from({ length: 12 }, (_, i) => `var/log/apps/s${i}/s${i}.log`);
    const colours = fileColours(paths);
    expect(new Set(colours.values()).size).toBe(12);
    expect(fileColours([...paths].reverse())).toEqual(colours);
  });
});

describe('the reader window of very long files', () => {
  it('shows the whole file while it fits, and otherwise centres the line, never past either end', () => {
    expect(windowStartFor(5, 1000, 400)).toBe(1);
    expect(windowStartFor(1000, 1000, 1000)).toBe(1);
    expect(windowStartFor(500, 10_000, 400)).toBe(300);
    expect(windowStartFor(10, 10_000, 400)).toBe(1);
    expect(windowStartFor(9_990, 10_000, 400)).toBe(9_601);
  });
});
