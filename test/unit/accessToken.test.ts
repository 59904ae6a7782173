import { describe, expect, it } from 'vitest';
import { newAccessToken, tokensMatch } from '../../electron/core/server/accessToken';

describe('newAccessToken', () => {
  it('is 32 random bytes in base64url', () => {
    const token = newAccessToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('differs on every call', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => newAccessToken()));
    expect(tokens.size).toBe(50);
  });
});

describe('tokensMatch', () => {
  const token = newAccessToken();

  it('accepts the same token', () => {
    expect(tokensMatch(token, `${token}`)).toBe(true);
  });

  it('refuses a missing, empty, shorter, longer or different token', () => {
    expect(tokensMatch(token, undefined)).toBe(false);
    expect(tokensMatch(token, '')).toBe(false);
    expect(tokensMatch(token, token.slice(0, -1))).toBe(false);
    expect(tokensMatch(token, `${token}x`)).toBe(false);
    const flipped = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(tokensMatch(token, flipped)).toBe(false);
    expect(tokensMatch(token, newAccessToken())).toBe(false);
  });
});
