import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appLoginDigest } from '../../electron/core/connect/appWebsocketDigest';
import { AppChallengeResult, AppLoginResult, AppPlatformInfoResult, MANAGER_LOGIN, parseAppMessage } from '../../electron/core/connect/https/managerMessages';

describe('the AP Manager login', () => {
  it('uses the manager admin identity from the reference, with no info', () => {
    expect(MANAGER_LOGIN).toEqual({ app: 'manager', domain: '', sip: 'manager', guid: '00000000000000000000000000000000', dn: 'Admin' });
    expect('info' in MANAGER_LOGIN).toBe(false);
  });

  it('hashes app:domain:sip:guid:dn:challenge:password for it', () => {
    const expected = createHash('sha256').update('manager::manager:00000000000000000000000000000000:Admin:0123456789012345:secret').digest('hex');
    expect(appLoginDigest(MANAGER_LOGIN, '0123456789012345', 'secret')).toBe(expected);
  });
});

describe('manager messages', () => {
  it('reads AppWebsocket frames and rejects others', () => {
    expect(parseAppMessage('{"mt":"AppLoginResult","ok":true,"src":"a"}')).toEqual({ mt: 'AppLoginResult', ok: true, src: 'a' });
    expect(parseAppMessage('{"mt":""}')).toBeNull();
    expect(parseAppMessage('[1]')).toBeNull();
    expect(parseAppMessage('{"mt":"X","src":5}')).toBeNull();
    expect(parseAppMessage('{')).toBeNull();
  });

  it('checks the answers the login relies on', () => {
    expect(AppChallengeResult.safeParse({ mt: 'AppChallengeResult', challenge: '' }).success).toBe(false);
    expect(AppChallengeResult.safeParse({ mt: 'AppChallengeResult', challenge: '0815' }).success).toBe(true);
    expect(AppLoginResult.parse({ mt: 'AppLoginResult', error: 'login failed' }).ok).toBeUndefined();
    expect(AppPlatformInfoResult.safeParse({ mt: 'AppPlatformInfoResult', version: '' }).success).toBe(false);
    expect(AppPlatformInfoResult.parse({ mt: 'AppPlatformInfoResult', version: '140029', src: 'x' }).version).toBe('140029');
  });
});
