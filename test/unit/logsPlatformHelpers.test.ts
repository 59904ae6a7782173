import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../electron/core/contract';
import { appendLines, EMPTY_FOLLOW_BUFFER } from '../../renderer/views/platform/logs/followBuffer';
import { downloadPaths, logFolders, logTreeRows } from '../../renderer/views/platform/logs/logTree';
import { pidOf } from '../../renderer/views/platform/logs/pidText';

const file = (path: string, sizeBytes: number, modifiedAt: string | null = null, owner = 'root'): LogEntry => ({ path, kind: 'file', sizeBytes, modifiedAt, owner });
const dir = (path: string): LogEntry => ({ path, kind: 'dir', sizeBytes: 4096, modifiedAt: '2026-01-01T00:00:00.000Z', owner: 'root' });

const entries: LogEntry[] = [
  dir('/var/log'),
  file('/var/log/messages', 500, '2026-03-01T10:00:00.000Z'),
  dir('/var/log/apps'),
  dir('/var/log/apps/manager'),
  file('/var/log/apps/manager/manager.log', 1000, '2026-03-02T10:00:00.000Z'),
  file('/var/log/apps/manager/manager.log.1', 2000, '2026-03-01T09:00:00.000Z'),
  // Listed without its folder: the folder is made up from the path.
  file('/var/log/core_dumps/manager/core.1234', 50_000, '2026-02-01T00:00:00.000Z'),
  { path: '/var/log/current', kind: 'link', sizeBytes: 10, modifiedAt: null, owner: 'admin' },
];

describe('the /var/log tree', () => {
  it('lists folders first, each followed by its content, with sizes and newest times summed from the files beneath', () => {
    const rows = logTreeRows(entries, '/var/log', new Set());
    expect(rows.map((r) => `${'  '.repeat(r.depth)}${r.name}`)).toEqual([
      'apps',
      '  manager',
      '    manager.log',
      '    manager.log.1',
      'core_dumps',
      '  manager',
      '    core.1234',
      'current',
      'messages',
    ]);
    const apps = rows.find((r) => r.id === '/var/log/apps');
    expect(apps).toMatchObject({ kind: 'dir', sizeBytes: 3000, files: 2, modifiedAt: '2026-03-02T10:00:00.000Z', expanded: true });
    const core = rows.find((r) => r.id === '/var/log/core_dumps');
    expect(core).toMatchObject({ kind: 'dir', sizeBytes: 50_000, files: 1, owner: '' });
    expect(rows.find((r) => r.id === '/var/log/current')).toMatchObject({ kind: 'link', owner: 'admin', folder: '' });
    expect(rows.find((r) => r.name === 'manager.log.1')?.folder).toBe('apps/manager');
  });

  it('leaves out what lies in a collapsed folder, and keeps the folder with its totals', () => {
    const rows = logTreeRows(entries, '/var/log/', new Set(['/var/log/apps']));
    expect(rows.map((r) => r.id)).toEqual(['/var/log/apps', '/var/log/core_dumps', '/var/log/core_dumps/manager', '/var/log/core_dumps/manager/core.1234', '/var/log/current', '/var/log/messages']);
    expect(rows[0]).toMatchObject({ expanded: false, sizeBytes: 3000 });
  });

  it('names every folder for "collapse all"', () => {
    expect(logFolders(logTreeRows(entries, '/var/log', new Set()))).toEqual(['/var/log/apps', '/var/log/apps/manager', '/var/log/core_dumps', '/var/log/core_dumps/manager']);
  });

  it('downloads a chosen folder once, without the files chosen inside it', () => {
    expect(downloadPaths(['/var/log/apps/manager/manager.log', '/var/log/apps', '/var/log/messages', '/var/log/apps/', '/var/log/appsx/a'])).toEqual(['/var/log/apps', '/var/log/appsx/a', '/var/log/messages']);
  });
});

describe('the follow buffer', () => {
  it('keeps lines in order while under the cap', () => {
    const b = appendLines(appendLines(EMPTY_FOLLOW_BUFFER, ['a', 'b'], 5), ['c'], 5);
    expect(b).toEqual({ lines: ['a', 'b', 'c'], firstLine: 1, dropped: 0 });
  });

  it('drops the oldest lines beyond the cap and counts them, also when one batch is larger than the cap', () => {
    let b = appendLines(EMPTY_FOLLOW_BUFFER, ['1', '2', '3', '4'], 5);
    b = appendLines(b, ['5', '6', '7'], 5);
    expect(b).toEqual({ lines: ['3', '4', '5', '6', '7'], firstLine: 3, dropped: 2 });
    b = appendLines(b, ['8', '9', '10', '11', '12', '13', '14'], 5);
    expect(b).toEqual({ lines: ['10', '11', '12', '13', '14'], firstLine: 10, dropped: 9 });
  });

  it('returns the same buffer when nothing came', () => {
    const b = appendLines(EMPTY_FOLLOW_BUFFER, ['x']);
    expect(appendLines(b, [])).toBe(b);
  });
});

describe('the process id of a memory dump', () => {
  it('takes a whole number from 2 to 4194304', () => {
    expect(pidOf(' 1234 ')).toEqual({ pid: 1234 });
    expect(pidOf('4194304')).toEqual({ pid: 4194304 });
  });
  it('says what is wrong otherwise', () => {
    expect(pidOf('')).toMatchObject({ problem: expect.stringContaining('Type the process id') });
    expect(pidOf('12a')).toMatchObject({ problem: expect.stringContaining('whole number') });
    expect(pidOf('-5')).toMatchObject({ problem: expect.stringContaining('whole number') });
    expect(pidOf('1')).toMatchObject({ problem: expect.stringContaining('between 2 and') });
    expect(pidOf('4194305')).toMatchObject({ problem: expect.stringContaining('between 2 and') });
  });
});
