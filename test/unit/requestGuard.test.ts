import { describe, expect, it } from 'vitest';
import { newAccessToken } from '../../electron/core/server/accessToken';
import { createRequestGuard, readCookie } from '../../electron/core/server/requestGuard';
import type { GuardInput } from '../../electron/core/server/requestGuard';

const port = 48123;
const token = newAccessToken();
const guard = createRequestGuard(port, token);

function check(input: Partial<GuardInput>) {
  return guard.check({ host: `127.0.0.1:${port}`, origin: undefined, cookie: undefined, queryToken: token, ...input });
}

describe('createRequestGuard', () => {
  it('names its cookie after the port', () => {
    expect(guard.cookieName).toBe(`apc_token_${port}`);
  });

  it('accepts both loopback host names on its own port, in any case', () => {
    expect(check({ host: `127.0.0.1:${port}` })).toEqual({ allowed: true, via: 'query' });
    expect(check({ host: `localhost:${port}` })).toEqual({ allowed: true, via: 'query' });
    expect(check({ host: `LocalHost:${port}` })).toEqual({ allowed: true, via: 'query' });
  });

  it('refuses other hosts with 403 even with the right token', () => {
    for (const host of [undefined, '', 'evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1', `[::1]:${port}`, `localhost.evil.example:${port}`]) {
      const verdict = check({ host });
      expect(verdict, String(host)).toMatchObject({ allowed: false, status: 403 });
    }
  });

  it('accepts its own origins and requests without an origin', () => {
    expect(check({ origin: `http://127.0.0.1:${port}` })).toEqual({ allowed: true, via: 'query' });
    expect(check({ origin: `http://localhost:${port}` })).toEqual({ allowed: true, via: 'query' });
    expect(check({ origin: undefined })).toEqual({ allowed: true, via: 'query' });
  });

  it('refuses foreign origins with 403', () => {
    for (const origin of ['https://evil.example', `https://127.0.0.1:${port}`, `http://127.0.0.1:${port + 1}`, 'null', '']) {
      expect(check({ origin }), origin).toMatchObject({ allowed: false, status: 403 });
    }
  });

  it('refuses a missing or wrong token with 401', () => {
    expect(check({ queryToken: undefined })).toMatchObject({ allowed: false, status: 401 });
    expect(check({ queryToken: newAccessToken() })).toMatchObject({ allowed: false, status: 401 });
    expect(check({ queryToken: undefined, cookie: `apc_token_${port}=${newAccessToken()}` })).toMatchObject({ allowed: false, status: 401 });
    expect(check({ queryToken: undefined, cookie: `apc_token_${port + 1}=${token}` })).toMatchObject({ allowed: false, status: 401 });
  });

  it('accepts the token from the query or from its cookie', () => {
    expect(check({ queryToken: token })).toEqual({ allowed: true, via: 'query' });
    expect(check({ queryToken: undefined, cookie: `theme=dark; apc_token_${port}=${token}; other=1` })).toEqual({ allowed: true, via: 'cookie' });
    expect(check({ queryToken: 'wrong', cookie: `apc_token_${port}=${token}` })).toEqual({ allowed: true, via: 'cookie' });
  });
});

describe('readCookie', () => {
  it('finds a cookie among several, ignoring spaces', () => {
    const header = 'a=1;  apc_token_80 = secret-value ;b=2';
    expect(readCookie(header, 'apc_token_80')).toBe('secret-value');
    expect(readCookie(header, 'a')).toBe('1');
    expect(readCookie(header, 'b')).toBe('2');
  });

  it('keeps "=" inside a value', () => {
    expect(readCookie('k=a=b==; z=1', 'k')).toBe('a=b==');
  });

  it('matches whole names only', () => {
    expect(readCookie('xapc_token_80=bad; apc_token_800=bad', 'apc_token_80')).toBeUndefined();
  });

  it('returns undefined for a missing header, a missing cookie or a part without "="', () => {
    expect(readCookie(undefined, 'a')).toBeUndefined();
    expect(readCookie('', 'a')).toBeUndefined();
    expect(readCookie('b=2', 'a')).toBeUndefined();
    expect(readCookie('a; =a', 'a')).toBeUndefined();
  });
});
