import { describe, expect, it } from 'vitest';
import { conninfo, countDifferences, parseDatabaseHost, readRowCounts, remotePsql, sqlIdent, sqlLiteral } from '../../../electron/core/wizards/procedures/externalDatabaseChecks';

describe('external database helpers', () => {
  it('reads a host as the AP Manager takes it: DNS name, IPv4 or IPv6 with an optional port', () => {
    expect(parseDatabaseHost('db.example.com')).toEqual({ host: 'db.example.com', port: 5432, text: 'db.example.com' });
    expect(parseDatabaseHost('172.16.14.35:5433')).toEqual({ host: '172.16.14.35', port: 5433, text: '172.16.14.35:5433' });
    expect(parseDatabaseHost('fd00::5')).toEqual({ host: 'fd00::5', port: 5432, text: 'fd00::5' });
    expect(parseDatabaseHost('[fd00::5]:6432')).toEqual({ host: 'fd00::5', port: 6432, text: '[fd00::5]:6432' });
    for (const bad of ['', 'a b', 'host;reboot', 'db:0', 'db:70000', 'db:', '$(id)', '[nope]:1']) expect(parseDatabaseHost(bad), bad).toBeNull();
  });

  it('quotes identifiers, literals and connection strings', () => {
    expect(sqlIdent('a"b')).toBe('"a""b"');
    expect(sqlLiteral("it's")).toBe("'it''s'");
    expect(conninfo({ host: 'h', port: 5, user: "o'k", dbname: 'host=evil' })).toBe("host='h' port=5 user='o\\'k' dbname='host=evil'");
  });

  it('keeps passwords out of what is shown', () => {
    const c = remotePsql({ host: 'h', port: 5432, text: 'h' }, 'u', 'S3cret!', 'db', 'SELECT 1');
    expect(c.masked).not.toContain('S3cret!');
    expect(c.masked.startsWith('env ******** psql')).toBe(true);
    expect(c.text).toContain("'PGPASSWORD=S3cret!'");
  });

  it('compares row counts table by table', () => {
    const source = readRowCounts('public.data|12\npublic."Odd|Name"|3\n\nnot a row\n');
    expect(source).toEqual({ 'public.data': 12, 'public."Odd|Name"': 3 });
    expect(countDifferences(source, { ...source })).toEqual([]);
    expect(countDifferences(source, { 'public.data': 11, 'public.extra': 1 })).toEqual([
      'public."Odd|Name" is missing on the external host',
      'public.data: 12 rows on the App Platform, 11 on the external host',
      'public.extra is only on the external host',
    ]);
  });
});
