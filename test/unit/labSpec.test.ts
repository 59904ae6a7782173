import { describe, expect, it } from 'vitest';
import { FleetSpec, dataDevice, instanceDatabase } from '../lab/labSpec';

const full = (name: string, extra: object = {}) => ({ name, ...extra });

describe('lab fleet spec', () => {
  it('fills in the AP defaults', () => {
    const spec = FleetSpec.parse({ platforms: [full('ap')] });
    expect(spec.platforms[0]).toMatchObject({ sshServer: 'openssh', formFactor: 'vm', build: 140029, diskMiB: 256, adminPassword: 'ipapps', rootPassword: 'iplinux', kind: 'full' });
    expect(spec.replication).toEqual([]);
  });

  it('names data devices and instance databases as an AP does', () => {
    expect(dataDevice('vm')).toBe('sda2');
    expect(dataDevice('gateway-arm')).toBe('sda2');
    expect(dataDevice('gateway-arm64')).toBe('nvme0n1p2');
    expect(instanceDatabase({ domain: 'example.com', name: 'users' })).toBe('example.com_users');
  });

  it('refuses duplicate names, odd names and full platforms too small for PostgreSQL', () => {
    expect(FleetSpec.safeParse({ platforms: [full('a'), full('a')] }).success).toBe(false);
    expect(FleetSpec.safeParse({ platforms: [full('Bad Name')] }).success).toBe(false);
    const small = FleetSpec.safeParse({ platforms: [full('a', { diskMiB: 32 })] });
    expect(small.success).toBe(false);
    expect(JSON.stringify(small.error?.issues)).toContain('kind');
    expect(FleetSpec.safeParse({ platforms: [full('a', { diskMiB: 32, kind: 'light' })] }).success).toBe(true);
  });

  it('checks replication groups: known full members, one role each, unique standby names, no instances on standbys', () => {
    const platforms = [full('p'), full('s1'), full('s2'), full('l', { kind: 'light', diskMiB: 16 }), full('i', { instances: [{ domain: 'd', name: 'n' }] })];
    const group = (standbys: Array<[string, string]>, primary = 'p') => ({ platforms, replication: [{ primary, standbys: standbys.map(([platform, standbyName]) => ({ platform, standbyName })) }] });
    expect(FleetSpec.safeParse(group([['s1', 'one'], ['s2', 'two']])).success).toBe(true);
    expect(FleetSpec.safeParse(group([['s1', 'same'], ['s2', 'same']])).success).toBe(false);
    expect(FleetSpec.safeParse(group([['l', 'one']])).success).toBe(false);
    expect(FleetSpec.safeParse(group([['missing', 'one']])).success).toBe(false);
    expect(FleetSpec.safeParse(group([['p', 'one']])).success).toBe(false);
    expect(FleetSpec.safeParse(group([['i', 'one']])).success).toBe(false);
    expect(FleetSpec.safeParse(group(Array.from({ length: 9 }, (_, i) => [`s${i}`, `n${i}`] as [string, string]))).success).toBe(false);
  });
});

describe('lab platform eras', () => {
  it('allows 13r1-era platforms, but not arm64 gateways or replication among them', () => {
    expect(FleetSpec.safeParse({ platforms: [{ name: 'old', era: '13r1' }] }).success).toBe(true);
    expect(FleetSpec.safeParse({ platforms: [{ name: 'old', era: '13r1', formFactor: 'gateway-arm64' }] }).success).toBe(false);
    const replicated = { platforms: [{ name: 'p', era: '13r1' }, { name: 's' }], replication: [{ primary: 'p', standbys: [{ platform: 's', standbyName: 's' }] }] };
    expect(FleetSpec.safeParse(replicated).success).toBe(false);
  });
});
