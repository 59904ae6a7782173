import { describe, expect, it } from 'vitest';
import type { PlatformStatus } from '../../../electron/core/contract';
import { biggestInstanceDatabase, notStandby, parseDatabaseSizes, parseDuKiB, reindexCommand, roomNeeded, sizeChange, vacuumCommand } from '../../../electron/core/wizards/procedures/databaseChecks';
import { sizesReport } from '../../../electron/core/wizards/procedures/databaseCleanup';
import type { StepContext } from '../../../electron/core/wizards/wizardTypes';

const MiB = 1024 * 1024;

describe('database cleanup helpers', () => {
  it('reads psql -At size lines, names with a bar included', () => {
    expect(parseDatabaseSizes('example.com_big|157286400\r\nmanager|8000000\nodd|name|42\n\nnot a line\nx|12a\n')).toEqual([
      { name: 'example.com_big', bytes: 157286400 },
      { name: 'manager', bytes: 8000000 },
      { name: 'odd|name', bytes: 42 },
    ]);
  });

  it('reads du -sk', () => {
    expect(parseDuKiB('153600\t/mnt/sda2/pgsql/\n')).toBe(153600 * 1024);
    expect(parseDuKiB('du: cannot access')).toBeNull();
  });

  it('builds the wiki commands with the database name quoted', () => {
    expect(reindexCommand(null).text).toBe('sudo -u postgres reindexdb -a 2>&1');
    expect(vacuumCommand(null).text).toBe('sudo -u postgres vacuumdb -a -f 2>&1');
    expect(reindexCommand('example.com_users').text).toBe('sudo -u postgres reindexdb -d example.com_users 2>&1');
    expect(vacuumCommand("a'b; reboot").text).toBe(`sudo -u postgres vacuumdb -d 'a'\\''b; reboot' -f 2>&1`);
  });

  it('wants room for the new copy of the biggest table and its log', () => {
    expect(roomNeeded(0)).toBe(32 * MiB);
    expect(roomNeeded(100 * MiB)).toBe(232 * MiB);
  });

  it('tells sizes before and after', () => {
    expect(sizeChange(150 * MiB, 15 * MiB)).toBe('150 MiB → 15.0 MiB (135 MiB freed)');
    expect(sizeChange(10 * MiB, 11 * MiB)).toBe('10.0 MiB → 11.0 MiB (1.0 MiB more)');
    const data = { beforeUsed: 500 * MiB, afterUsed: 400 * MiB, beforePgsql: 200 * MiB, afterPgsql: 100 * MiB, beforeDatabase: 150 * MiB, afterDatabase: 50 * MiB };
    expect(sizesReport(data, 'example.com_big')).toBe(
      'Used on /mnt/sda2: 500 MiB → 400 MiB (100 MiB freed). /mnt/sda2/pgsql/: 200 MiB → 100 MiB (100 MiB freed). Database "example.com_big": 150 MiB → 50.0 MiB (100 MiB freed).',
    );
    expect(sizesReport({ beforeUsed: 1 }, null)).toBe('');
  });

  it('picks the biggest instance database the monitor saw', () => {
    const instance = (database: string, bytes: number) => ({ database, owner: database, bytes, domain: null, instance: null, app: null, source: 'name' as const, sharePercent: null, large: false });
    const status = { instances: [instance('manager', 900), instance('a_small', 10), instance('a_big', 500)] } as unknown as PlatformStatus;
    expect(biggestInstanceDatabase(status)).toBe('a_big');
    expect(biggestInstanceDatabase(null)).toBeNull();
  });
});

describe('the standby precondition', () => {
  const answering = (output: string, code = 0) => ({ exec: async () => ({ output, code }) }) as unknown as StepContext;

  it('passes a primary or standalone platform and stops on a standby', async () => {
    expect((await notStandby.check(answering('f\n'))).ok).toBe(true);
    const standby = await notStandby.check(answering('t\r\n'));
    expect(standby.ok).toBe(false);
    expect(standby.detail).toMatch(/on the primary/);
    expect((await notStandby.check(answering('psql: error: connection refused', 2))).detail).toMatch(/did not answer/);
  });
});
