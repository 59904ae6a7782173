import { describe, expect, it } from 'vitest';
import { readCommandTag, readPsqlOutput } from '../../electron/core/connect/pg/psqlOutput';

// Outputs as psql 15 printed them for the command psqlArgv builds (stdout and stderr together).
const markers = { start: 'cfd5ed3aaa2cbad98493660f', end: '385c0afe3a823bbff30700aa' };
const framed = (body: string) => `${markers.start}\n${body}${markers.end}\n`;

describe('readPsqlOutput', () => {
  it('returns the text between the markers when psql succeeded', () => {
    const body = '[{"datname":"postgres","s":1,"b":true,"n":null,"t":"a\\nb\\r"}]\n';
    expect(readPsqlOutput(framed(body), 0, markers)).toEqual({ body });
  });

  it('ignores what comes before the start marker and CRs a terminal added', () => {
    const raw = `Password: \r\nwelcome\r\n${framed('INSERT 0 1\n')}`.replace(/\n/g, '\r\n');
    expect(readPsqlOutput(raw, 0, markers)).toEqual({ body: 'INSERT 0 1\n' });
  });

  it('uses the last end marker, so data that contains it cannot cut the body short', () => {
    const body = `["${markers.end}"]\n`;
    expect(readPsqlOutput(framed(body), 0, markers)).toEqual({ body });
  });

  it('reads the SQLSTATE and keeps only the error line, not the statement context', () => {
    const raw = `${markers.start}\nERROR:  42601: syntax error at or near "selec"\nLINE 1: selec 'secret-value'\n        ^\nLOCATION:  scanner_yyerror, scan.l:1188\n`;
    const outcome = readPsqlOutput(raw, 1, markers);
    expect(outcome).toEqual({ failure: { sqlState: '42601', message: 'syntax error at or near "selec"' } });
    expect(JSON.stringify(outcome)).not.toContain('secret-value');
  });

  it('recognises a statement timeout and a read-only refusal', () => {
    expect(readPsqlOutput(`${markers.start}\nERROR:  57014: canceling statement due to statement timeout\nLOCATION:  ProcessInterrupts, postgres.c:3319\n`, 1, markers)).toMatchObject({ failure: { sqlState: '57014' } });
    expect(readPsqlOutput(`${markers.start}\nERROR:  25006: cannot execute CREATE TABLE in a read-only transaction\n`, 1, markers)).toMatchObject({ failure: { sqlState: '25006' } });
  });

  it('treats a missing end marker as a failure even when psql exited 0', () => {
    expect('failure' in readPsqlOutput(`${markers.start}\n[1,`, 0, markers)).toBe(true);
  });

  const connectFailures: Array<[string, string, Record<string, string>]> = [
    ['psql 15, server stopped', 'psql: error: connection to server on socket "/run/postgresql/.s.PGSQL.5432" failed: No such file or directory\n\tIs the server running locally and accepting connections on that socket?\n', { kind: 'not_running' }],
    ['psql 11, server stopped', 'psql: could not connect to server: No such file or directory\n\tIs the server running locally and accepting\n\tconnections on Unix domain socket "/tmp/.s.PGSQL.5432"?\n', { kind: 'not_running' }],
    ['psql 15, database missing', 'psql: error: connection to server on socket "/tmp/pgcap/.s.PGSQL.55432" failed: FATAL:  database "nope" does not exist\n', { sqlState: '3D000', message: 'database "nope" does not exist' }],
    ['psql 11, database missing', 'psql: FATAL:  database "nope" does not exist\n', { sqlState: '3D000' }],
    ['psql 15, role missing', 'psql: error: connection to server on socket "/tmp/pgcap/.s.PGSQL.55432" failed: FATAL:  role "nobody" does not exist\n', { sqlState: '28000' }],
    ['psql 11, peer refused', 'psql: FATAL:  Peer authentication failed for user "root"\n', { sqlState: '28000' }],
    ['starting up', 'psql: error: connection to server on socket "/run/postgresql/.s.PGSQL.5432" failed: FATAL:  the database system is starting up\n', { sqlState: '57P03' }],
  ];
  for (const [name, raw, failure] of connectFailures) {
    it(`classifies a failed connection: ${name}`, () => {
      expect(readPsqlOutput(raw, 2, markers)).toMatchObject({ failure });
    });
  }

  it('says so when root has no psql', () => {
    expect(readPsqlOutput('env: can\'t execute \'psql\': No such file or directory\n', 127, markers)).toEqual({ failure: { message: 'psql is not available to root on the platform' } });
  });
});

describe('readCommandTag', () => {
  it('reads verb and row count as pg does', () => {
    expect(readCommandTag('INSERT 0 2\n')).toEqual({ command: 'INSERT', rowCount: 2 });
    expect(readCommandTag('UPDATE 3\n')).toEqual({ command: 'UPDATE', rowCount: 3 });
    expect(readCommandTag('ALTER TABLE\n')).toEqual({ command: 'ALTER', rowCount: null });
    expect(readCommandTag('VACUUM\n')).toEqual({ command: 'VACUUM', rowCount: null });
  });
});
