import { describe, expect, it } from 'vitest';
import type { Platform } from '../../electron/core/contract';
import { PlatformUpdate } from '../../electron/core/contract';
import { SecretRef } from '../../electron/core/vault/secretRef';
import { credentialPlan, credentialRef, storedCount, storedState } from '../../renderer/views/settings/credentialRefs';
import { testPlatform } from './support/fleetFixtures';

const platform = (id: string, credentials: Partial<Platform['credentials']> = {}) => testPlatform(id, { siteId: 'site-1', credentials });

describe('credential refs', () => {
  it('builds refs the vault accepts from inventory ids', () => {
    expect(credentialRef({ kind: 'platform', id: 'ap-1.muster' }, 'admin')).toBe('platform:ap-1.muster:admin-password');
    expect(credentialRef({ kind: 'site', id: 'site_9' }, 'root')).toBe('site:site_9:root-password');
    for (const field of ['admin', 'root', 'manager', 'database'] as const) {
      expect(SecretRef.safeParse(credentialRef({ kind: 'platform', id: 'x~y@z+1' }, field)).success).toBe(true);
    }
  });

  it('tells stored, not stored and missing apart without any secret', () => {
    const refs = new Set(['platform:a:admin-password']);
    const a = platform('a', { passwordRef: 'platform:a:admin-password', rootPasswordRef: 'platform:a:root-password' });
    expect(storedState(a.credentials, 'admin', refs)).toBe('stored');
    expect(storedState(a.credentials, 'root', refs)).toBe('missing');
    expect(storedState(a.credentials, 'manager', refs)).toBe('not stored');
    expect(storedCount([a, platform('b')], 'admin', refs)).toBe(1);
  });

  it('plans site-wide secrets once and points every platform of the site at them', () => {
    const plan = credentialPlan({ kind: 'site', id: 'site-1' }, [platform('a'), platform('b')], { admin: 'pw1', root: 'pw2', manager: '', databaseUser: ' pgadmin ' });
    expect(plan.secrets).toEqual([
      { ref: 'site:site-1:admin-password', field: 'admin' },
      { ref: 'site:site-1:root-password', field: 'root' },
    ]);
    expect(plan.updates).toEqual(
      ['a', 'b'].map((id) => ({ id, credentials: { passwordRef: 'site:site-1:admin-password', rootPasswordRef: 'site:site-1:root-password', databaseUser: 'pgadmin' } })),
    );
    for (const update of plan.updates) expect(PlatformUpdate.safeParse(update).success).toBe(true);
    expect(JSON.stringify(plan)).not.toMatch(/pw1|pw2/);
  });

  it('changes nothing when nothing was entered', () => {
    expect(credentialPlan({ kind: 'platform', id: 'a' }, [platform('a')], { admin: '', databaseUser: '  ' })).toEqual({ secrets: [], updates: [] });
  });
});
