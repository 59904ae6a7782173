import { describe, expect, it } from 'vitest';
import { appLoginDigest } from '../../electron/core/connect/appWebsocketDigest';

const CHALLENGE = '0123456789abcdef';
const EMPTY = { app: 'pbxadminapi', domain: '', sip: '', guid: '', dn: '' };

describe('AppWebsocket login digest (published test vectors)', () => {
  it('hashes without info', () => {
    expect(appLoginDigest(EMPTY, CHALLENGE, 'pwd')).toBe('a205299ed2ef2786c311e0be1b14db343f2cadd906a6ae7b564eee34bda5e9a1');
  });

  it('hashes an empty info object', () => {
    expect(appLoginDigest({ ...EMPTY, info: {} }, CHALLENGE, 'pwd')).toBe('57b23fe824b9222a7ac879597cb509bcdc865a1bfeb057d9d12118cef0c3ba34');
  });

  it('hashes an info object with a value', () => {
    expect(appLoginDigest({ ...EMPTY, info: { cn: 'Test User' } }, CHALLENGE, 'pwd')).toBe('96db3c3f657230c2b68194becc6d2a77f05de9f79f01fc81e9ca0fb196b10d9d');
  });

  it('hashes a full users-app login', () => {
    const fields = {
      app: 'innovaphone-users',
      domain: 'example.com',
      sip: 'administrator',
      guid: '0123456789abcdef0123456789abcdef',
      dn: 'Administrator User',
      info: { appobj: 'users', apps: [{ name: 'users' }, { name: 'profile' }], appurl: 'https://1.2.3.4/example.com/usersapp/innovaphone-users', unlicensed: true },
    };
    expect(appLoginDigest(fields, CHALLENGE, 'pwd')).toBe('ef1b811ffaa8f9255c39c653d8fb26b4687b2d8c4d9ac91b4821bff6bae3ff44');
  });

  it('changes with the password', () => {
    expect(appLoginDigest(EMPTY, CHALLENGE, 'other')).not.toBe(appLoginDigest(EMPTY, CHALLENGE, 'pwd'));
  });
});
