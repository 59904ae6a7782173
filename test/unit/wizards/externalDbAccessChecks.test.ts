import { describe, expect, it } from 'vitest';
import { backupPath, cidrProblem, hasRule, hbaLine, hbaRuleProblem, netmaskOf, newestBackup, readHbaRules } from '../../../electron/core/wizards/procedures/externalDbAccessChecks';

describe('pg_hba.conf rules for external access', () => {
  it('takes network addresses with their prefix length', () => {
    expect(cidrProblem('192.0.2.10/32')).toBeNull();
    expect(cidrProblem('192.0.2.0/24')).toBeNull();
    expect(cidrProblem('10.0.0.0/8')).toBeNull();
    expect(cidrProblem('2001:db8::/32')).toBeNull();
    expect(cidrProblem('2001:db8::10/128')).toBeNull();
  });

  it('refuses what is not a network, opens everything or covers the loopback', () => {
    expect(cidrProblem('192.0.2.10')).toContain('prefix length');
    expect(cidrProblem('192.0.2.300/32')).toContain('not an IPv4 or IPv6 address');
    expect(cidrProblem('192.0.2.10/33')).toContain('at most 32');
    expect(cidrProblem('192.0.2.10/24')).toContain('host part must be 0');
    expect(cidrProblem('0.0.0.0/0')).toContain('every address');
    expect(cidrProblem('::/0')).toContain('every address');
    expect(cidrProblem('127.0.0.1/32')).toContain('loopback');
    expect(cidrProblem('64.0.0.0/2')).toContain('loopback');
    expect(cidrProblem('::1/128')).toContain('loopback');
    expect(cidrProblem('::/127')).toContain('loopback');
    expect(cidrProblem('::ffff:192.0.2.1/128')).toContain('not an IPv4 or IPv6 address');
    expect(cidrProblem('192.0.2.0/24 trust')).toContain('prefix length');
    expect(cidrProblem('$(reboot)/32')).toContain('prefix length');
  });

  it('checks database, user and method strictly', () => {
    const ok = { address: '192.0.2.0/24', database: 'example.com_app1', user: 'example.com_app1', method: 'scram-sha-256' };
    expect(hbaRuleProblem(ok)).toBeNull();
    expect(hbaRuleProblem({ ...ok, database: 'all', user: 'all', method: 'md5' })).toBeNull();
    expect(hbaRuleProblem({ ...ok, database: 'replication' })).toContain('keyword');
    expect(hbaRuleProblem({ ...ok, user: '+admins' })).toContain('must be "all" or a name');
    expect(hbaRuleProblem({ ...ok, database: '@file' })).toContain('must be "all" or a name');
    expect(hbaRuleProblem({ ...ok, database: 'a b' })).toContain('must be "all" or a name');
    expect(hbaRuleProblem({ ...ok, database: 'x'.repeat(64) })).toContain('63');
    expect(hbaRuleProblem({ ...ok, method: 'trust' })).toContain('password');
    expect(hbaRuleProblem({ ...ok, address: '' })).toContain('Enter the address');
    expect(hbaLine({ address: '192.0.2.0/24', database: 'all', user: 'u1', method: 'md5' })).toBe('host all u1 192.0.2.0/24 md5');
  });

  it('names backups by time and finds the newest', () => {
    expect(backupPath(new Date('2026-01-02T03:04:05.678Z'))).toBe('/mnt/sda2/pgsql/pg_hba.conf.backup-20260102-030405');
    const listing = ['/mnt/sda2/pgsql/pg_hba.conf.backup-20260102-030405', '/mnt/sda2/pgsql/pg_hba.conf.backup-20261202-101010', '/mnt/sda2/pgsql/pg_hba.conf.backup-x', 'ls: cannot access'].join('\n');
    expect(newestBackup(listing)).toBe('/mnt/sda2/pgsql/pg_hba.conf.backup-20261202-101010');
    expect(newestBackup("ls: cannot access '/mnt/sda2/pgsql/pg_hba.conf.backup-*': No such file or directory")).toBeNull();
  });

  it('finds the rule in pg_hba_file_rules as PostgreSQL prints it', () => {
    expect(netmaskOf('192.0.2.0/24').netmask).toBe('255.255.255.0');
    expect(netmaskOf('2001:db8::/64').netmask).toBe('ffff:ffff:ffff:ffff::');
    const rules = readHbaRules(['1|host|example.com_app1|u1|192.0.2.0|255.255.255.0|scram-sha-256|', '2|local|all|all|||peer|', '3|host|all|all|2001:db8::|ffff:ffff:ffff:ffff::|md5|'].join('\n'));
    expect(rules).toHaveLength(3);
    expect(hasRule(rules, { address: '192.0.2.0/24', database: 'example.com_app1', user: 'u1', method: 'scram-sha-256' })).toBe(true);
    expect(hasRule(rules, { address: '192.0.2.0/24', database: 'example.com_app1', user: 'u1', method: 'md5' })).toBe(false);
    expect(hasRule(rules, { address: '2001:0db8:0::/64', database: 'all', user: 'all', method: 'md5' })).toBe(true);
  });
});
