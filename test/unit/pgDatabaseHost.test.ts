import { describe, expect, it } from 'vitest';
import { ConnectError } from '../../electron/core/connect/connectError';
import { endpointText, parseDatabaseHost } from '../../electron/core/connect/pg/databaseHost';

describe('parseDatabaseHost', () => {
  const valid: Array<[string, string, number]> = [
    ['db.example.com', 'db.example.com', 5432],
    ['db.example.com:6432', 'db.example.com', 6432],
    ['172.16.14.35', '172.16.14.35', 5432],
    ['172.16.14.35:5433', '172.16.14.35', 5433],
    ['::1', '::1', 5432],
    ['2001:db8::5', '2001:db8::5', 5432],
    ['[2001:db8::5]', '2001:db8::5', 5432],
    ['[2001:db8::5]:5433', '2001:db8::5', 5433],
    ['[::ffff:10.0.0.1]:1', '::ffff:10.0.0.1', 1],
    ['  pg  ', 'pg', 5432],
  ];
  for (const [input, host, port] of valid) {
    it(`reads "${input}"`, () => expect(parseDatabaseHost(input)).toEqual({ host, port }));
  }

  it('uses the given default port when the text has none', () => {
    expect(parseDatabaseHost('db', 6000)).toEqual({ host: 'db', port: 6000 });
    expect(parseDatabaseHost('db:7000', 6000)).toEqual({ host: 'db', port: 7000 });
  });

  const invalid = ['', 'db:', 'db:0', 'db:65536', 'db:54x', '[db.example.com]:5432', '[::1', 'a b', 'db:1:2', '-db', '999.1.1.1', 'http://db', 'db;rm'];
  for (const input of invalid) {
    it(`refuses "${input}" with a message that shows the accepted forms`, () => {
      expect(() => parseDatabaseHost(input)).toThrow(ConnectError);
      expect(() => parseDatabaseHost(input)).toThrow(/DNS name|port/);
    });
  }
});

describe('endpointText', () => {
  it('puts brackets around IPv6 only', () => {
    expect(endpointText({ host: '::1', port: 5432 })).toBe('[::1]:5432');
    expect(endpointText({ host: '10.0.0.1', port: 5432 })).toBe('10.0.0.1:5432');
  });
});
