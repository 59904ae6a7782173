import { describe, expect, it } from 'vitest';
import { conninfoAddress } from '../../electron/core/replication/conninfoAddress';

describe('conninfoAddress', () => {
  it('reads host and port from keyword = value pairs as PostgreSQL shows them', () => {
    expect(conninfoAddress('user=replicator password=******** channel_binding=prefer dbname=replication host=10.231.6.2 port=5432 fallback_application_name=standby_one sslmode=require')).toEqual({ host: '10.231.6.2', port: 5432 });
  });

  it('reads quoted values, escapes and spaces around =, and skips a password that looks like a host', () => {
    expect(conninfoAddress("password = 'host=evil port=1 \\' x'  host = 'primary ap.example.com'  port= '5433'")).toEqual({ host: 'primary ap.example.com', port: 5433 });
    expect(conninfoAddress('password=a\\ host=evil host=ap1 port=6543')).toEqual({ host: 'ap1', port: 6543 });
  });

  it('falls back to hostaddr, keeps host lists as written, and drops ports that are not one number', () => {
    expect(conninfoAddress('hostaddr=2001:db8::5 port=5432')).toEqual({ host: '2001:db8::5', port: 5432 });
    expect(conninfoAddress('host=ap1,ap2 port=5432,5433')).toEqual({ host: 'ap1,ap2', port: null });
    expect(conninfoAddress('host=ap1 port=99999')).toEqual({ host: 'ap1', port: null });
    expect(conninfoAddress('host=ap1')).toEqual({ host: 'ap1', port: null });
  });

  it('reads URIs, with IPv6 and query parameters', () => {
    expect(conninfoAddress('postgresql://replicator:secret@10.0.0.5:5433/replication?sslmode=require')).toEqual({ host: '10.0.0.5', port: 5433 });
    expect(conninfoAddress('postgres://u@[2001:db8::7]:5432/db')).toEqual({ host: '2001:db8::7', port: 5432 });
    expect(conninfoAddress('postgresql:///db?host=/run/postgresql&port=5432')).toEqual({ host: '/run/postgresql', port: 5432 });
  });

  it('says nothing for empty, missing or broken input', () => {
    for (const text of [null, '', '   ', 'no equals here', "host='unterminated", 'postgresql://[broken']) {
      const address = conninfoAddress(text);
      expect(address.port).toBeNull();
      if (text !== "host='unterminated") expect(address.host).toBeNull();
    }
    expect(conninfoAddress("host='unterminated").host).toBe('unterminated');
  });
});
