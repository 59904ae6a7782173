import { describe, expect, it } from 'vitest';
import { dbnameConninfo, newMarkers, psqlArgv } from '../../electron/core/connect/pg/psqlCommand';

const base = { database: 'manager', statement: 'SELECT 1', statementTimeoutMs: 1500, applicationName: 'AP Console', markers: newMarkers() };

describe('psqlArgv', () => {
  it('runs psql without ~/.psqlrc, unaligned and tuples-only, stopping on the first error with SQLSTATEs', () => {
    const argv = psqlArgv({ ...base, write: false });
    expect(argv.slice(argv.indexOf('psql'), argv.indexOf('-d'))).toEqual(['psql', '-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-v', 'VERBOSITY=verbose']);
    expect(argv[argv.indexOf('-d') + 1]).toBe("dbname='manager'");
  });

  it('sets the statement timeout and read-only through PGOPTIONS unless writes are allowed', () => {
    const readOnly = psqlArgv({ ...base, write: false });
    expect(readOnly).toContain('PGOPTIONS=-c statement_timeout=1500 -c client_min_messages=error -c default_transaction_read_only=on');
    const writable = psqlArgv({ ...base, write: true });
    expect(writable.find((a) => a.startsWith('PGOPTIONS='))).toBe('PGOPTIONS=-c statement_timeout=1500 -c client_min_messages=error');
    expect(readOnly).toContain('PGAPPNAME=AP Console');
  });

  it('frames the statement with marker SELECTs whose text never contains the marker', () => {
    const argv = psqlArgv({ ...base, write: false });
    const commands = argv.flatMap((a, i) => (argv[i - 1] === '-c' ? [a] : []));
    expect(commands[1]).toBe('SELECT 1');
    expect(commands).toHaveLength(3);
    for (const arg of argv) {
      expect(arg).not.toContain(base.markers.start);
      expect(arg).not.toContain(base.markers.end);
    }
    expect(commands[0]?.replace(/'|\s|\|\||SELECT/g, '')).toBe(base.markers.start);
    expect(commands[2]?.replace(/'|\s|\|\||SELECT/g, '')).toBe(base.markers.end);
  });

  it('makes fresh markers every time', () => {
    const a = newMarkers();
    const b = newMarkers();
    expect(a.start).not.toBe(b.start);
    expect(a.start).not.toBe(a.end);
    expect(a.start).toMatch(/^[0-9a-f]{24}$/);
  });
});

describe('dbnameConninfo', () => {
  it('keeps a name with = or spaces a database name, not connection options', () => {
    expect(dbnameConninfo('host=evil port=1')).toBe("dbname='host=evil port=1'");
    expect(dbnameConninfo("o'brien\\x")).toBe("dbname='o\\'brien\\\\x'");
  });
});
