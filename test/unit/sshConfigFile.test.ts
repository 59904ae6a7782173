import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { isConnectError } from '../../electron/core/connect/connectError';
import { SshTarget } from '../../electron/core/connect/sshTarget';
import { parseProxyJump, readSshConfigHosts, resolveSshConfigHost, toSshTarget } from '../../electron/core/connect/sshConfigFile';
import type { ResolvedSshHost, SshJumpSpec } from '../../electron/core/connect/sshConfigFile';

const options = { homeDir: '/home/pat', username: 'pat' };
const workDir = mkdtempSync(join(tmpdir(), 'ssh-config-test-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function localFailure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(isConnectError(error, 'local_failed')).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected a ConnectError');
}

const CONFIG = `
# Site A
Host *.corp !legacy.corp
  User ops

Host bastion gw-alias
  HostName 203.0.113.10
  Port 2200
  User jump
  IdentityFile ~/.ssh/bastion_key

Host ap1 ap1-again
  HostName %h.site-a.example
  ProxyJump bastion
  IdentityFile ~/.ssh/%r@%h:%p
  IdentityFile %d/keys/%u-%n-100%%

Host ap2
  hostname 10.1.0.2
  PORT=2022
  ProxyJump admin@bastion:2201,[2001:db8::7]:2022

Host inner
  HostName 10.9.9.9
  ProxyJump ap1,other-gw

Host direct
  ProxyJump none
  IdentityFile "~/my keys/id_ed25519"

Host ap?
  User wild

Host *
  User fallback
  Port 22
`;

describe('readSshConfigHosts', () => {
  it('lists concrete aliases with what OpenSSH would compute for them', () => {
    const { hosts, skipped } = readSshConfigHosts(CONFIG, options);
    expect(skipped).toEqual([]);
    expect(hosts.map((host) => host.alias)).toEqual(['bastion', 'gw-alias', 'ap1', 'ap1-again', 'ap2', 'inner', 'direct']);
    const byAlias = new Map(hosts.map((host) => [host.alias, host]));
    expect(byAlias.get('bastion')).toEqual({
      alias: 'bastion',
      hostName: '203.0.113.10',
      port: 2200,
      user: 'jump',
      proxyJump: [],
      identityFiles: ['/home/pat/.ssh/bastion_key'],
    });
    expect(byAlias.get('ap1')).toEqual({
      alias: 'ap1',
      hostName: 'ap1.site-a.example',
      port: 22,
      user: 'wild',
      proxyJump: [{ host: 'bastion' }],
      identityFiles: ['/home/pat/.ssh/wild@ap1.site-a.example:22', '/home/pat/keys/pat-ap1-100%'],
    });
    expect(byAlias.get('ap1-again')?.hostName).toBe('ap1-again.site-a.example');
    expect(byAlias.get('ap2')).toMatchObject({
      hostName: '10.1.0.2',
      port: 2022,
      user: 'wild',
      proxyJump: [
        { host: 'bastion', user: 'admin', port: 2201 },
        { host: '2001:db8::7', port: 2022 },
      ],
      identityFiles: ['/home/pat/.ssh/id_rsa', '/home/pat/.ssh/id_ecdsa', '/home/pat/.ssh/id_ed25519'],
    });
    expect(byAlias.get('direct')).toMatchObject({ hostName: 'direct', user: 'fallback', proxyJump: [], identityFiles: ['/home/pat/my keys/id_ed25519'] });
  });

  it('uses the given user and no file when the config says nothing', () => {
    expect(readSshConfigHosts('Host solo\n', { homeDir: 'C:\\Users\\pat\\', username: 'pat' }).hosts).toEqual([
      { alias: 'solo', hostName: 'solo', port: 22, user: 'pat', proxyJump: [], identityFiles: ['C:\\Users\\pat/.ssh/id_rsa', 'C:\\Users\\pat/.ssh/id_ecdsa', 'C:\\Users\\pat/.ssh/id_ed25519'] },
    ]);
    expect(readSshConfigHosts('', options)).toEqual({ hosts: [], skipped: [] });
    expect(readSshConfigHosts('Host *\n  User x\nHost !a b?\n', options)).toEqual({ hosts: [], skipped: [] });
  });

  it('skips aliases it cannot use, saying why, and keeps the others', () => {
    const text = [
      'Host badport\n  Port 70000',
      'Host wordport\n  Port ssh',
      'Host token\n  IdentityFile ~/.ssh/%C',
      'Host env\n  IdentityFile ${HOME}/.ssh/id',
      'Host otheruser\n  IdentityFile ~root/.ssh/id',
      'Host command\n  ProxyCommand ssh -W %h:%p gw',
      'Host both\n  ProxyJump gw\n  ProxyCommand nc %h %p',
      'Host emptyhop\n  ProxyJump a,,b',
      'Host nouser\n  ProxyJump @gw',
      'Host hopport\n  ProxyJump gw:',
      'Host trailing\n  HostName ap%',
      'Host fine\n  HostName 10.0.0.1\n  ProxyCommand none',
    ].join('\n');
    const { hosts, skipped } = readSshConfigHosts(text, options);
    expect(hosts.map((host) => host.alias)).toEqual(['fine']);
    const reasons = Object.fromEntries(skipped.map((skip) => [skip.alias, skip.reason]));
    expect(reasons).toEqual({
      badport: expect.stringMatching(/Port "70000", which is not a port number/),
      wordport: expect.stringMatching(/Port "ssh", which is not a port number/),
      token: expect.stringMatching(/"%C" in IdentityFile/),
      env: expect.stringMatching(/environment variable in IdentityFile/),
      otheruser: expect.stringMatching(/home folder of another user \(root\)/),
      command: expect.stringMatching(/uses ProxyCommand.*use ProxyJump instead/),
      both: expect.stringMatching(/both ProxyJump and ProxyCommand/),
      emptyhop: expect.stringMatching(/ProxyJump hop "" without a usable host/),
      nouser: expect.stringMatching(/ProxyJump hop "@gw" with an empty user name/),
      hopport: expect.stringMatching(/ProxyJump hop "gw:" with port ""/),
      trailing: expect.stringMatching(/"%" in HostName/),
    });
    for (const reason of Object.values(reasons)) expect(reason).toMatch(/^Host \S+ in the SSH config .*Fix it in the file/);
  });

  it('refuses text that is not a readable SSH config', () => {
    expect(localFailure(() => readSshConfigHosts('Host a\n  HostName "unterminated\n', options))).toMatch(/cannot be read \(Unexpected line break/);
    expect(localFailure(() => readSshConfigHosts('Match host\n', options))).toMatch(/cannot be read/);
    expect(localFailure(() => readSshConfigHosts('\0\0binary', options))).toMatch(/not a text file/);
  });

  it('never runs commands from Match exec', () => {
    const marker = join(workDir, 'match-exec-ran');
    const { hosts } = readSshConfigHosts(`Match exec "touch ${marker}"\n  User hijacked\nHost a\n`, options);
    expect(existsSync(marker)).toBe(false);
    expect(hosts[0]?.user).toBe('pat');
  });

  describe('host name canonicalisation', () => {
    const originalPath = process.env.PATH;
    afterEach(() => {
      process.env.PATH = originalPath;
    });

    it('runs no DNS look-up', () => {
      const bin = join(workDir, 'bin');
      const marker = join(workDir, 'nslookup-ran');
      mkdirSync(bin, { recursive: true });
      writeFileSync(join(bin, 'nslookup'), `#!/bin/sh\ntouch '${marker}'\nexit 0\n`);
      chmodSync(join(bin, 'nslookup'), 0o755);
      process.env.PATH = `${bin}:${originalPath ?? ''}`;
      const { hosts } = readSshConfigHosts('Host ap\n  CanonicalDomains corp.example lab.example\n  CanonicalizeHostName yes\n  User ops\n', options);
      expect(existsSync(marker)).toBe(false);
      expect(hosts).toMatchObject([{ alias: 'ap', hostName: 'ap', user: 'ops' }]);
    });
  });
});

describe('parseProxyJump', () => {
  it('reads every form OpenSSH accepts', () => {
    const cases: [string, SshJumpSpec[]][] = [
      ['none', []],
      ['NONE', []],
      ['gw', [{ host: 'gw' }]],
      ['u@gw:2022,gw2', [{ host: 'gw', user: 'u', port: 2022 }, { host: 'gw2' }]],
      ['ssh://u@gw:2022/', [{ host: 'gw', user: 'u', port: 2022 }]],
      ['me@corp@gw', [{ host: 'gw', user: 'me@corp' }]],
      ['[2001:db8::1]:2200', [{ host: '2001:db8::1', port: 2200 }]],
      ['u@[fe80::1]', [{ host: 'fe80::1', user: 'u' }]],
      ['2001:db8::1', [{ host: '2001:db8::1' }]],
    ];
    for (const [value, expected] of cases) expect(parseProxyJump('x', value), value).toEqual(expected);
  });

  it('refuses hops it cannot use', () => {
    for (const value of ['', 'gw,', 'gw:0', 'gw:65536', 'gw:22x', '[gw', 'u@', 'a b', 'gw/path']) {
      expect(localFailure(() => parseProxyJump('x', value)), value).toMatch(/Host x in the SSH config/);
    }
  });
});

describe('resolveSshConfigHost', () => {
  it('resolves jump hosts that are aliases, with the hop overriding user and port', () => {
    expect(resolveSshConfigHost(CONFIG, 'ap2', options)).toEqual({
      alias: 'ap2',
      host: '10.1.0.2',
      port: 2022,
      user: 'wild',
      identityFiles: ['/home/pat/.ssh/id_rsa', '/home/pat/.ssh/id_ecdsa', '/home/pat/.ssh/id_ed25519'],
      jumps: [
        { alias: 'bastion', host: '203.0.113.10', port: 2201, user: 'admin', identityFiles: ['/home/pat/.ssh/bastion_key'] },
        { host: '2001:db8::7', port: 2022, user: 'fallback', identityFiles: ['/home/pat/.ssh/id_rsa', '/home/pat/.ssh/id_ecdsa', '/home/pat/.ssh/id_ed25519'] },
      ],
    });
  });

  it("follows the first hop's own ProxyJump, as OpenSSH does, and not the later hops'", () => {
    const text = `${CONFIG}\nHost other-gw\n  HostName 198.51.100.5\n  ProxyJump never-used\n`;
    const resolved = resolveSshConfigHost(text, 'inner', options);
    expect(resolved.jumps.map((jump) => [jump.alias, jump.host, jump.port, jump.user])).toEqual([
      ['bastion', '203.0.113.10', 2200, 'jump'],
      ['ap1', 'ap1.site-a.example', 22, 'wild'],
      ['other-gw', '198.51.100.5', 22, 'fallback'],
    ]);
    expect(resolved.jumps[1]?.identityFiles).toEqual(['/home/pat/.ssh/wild@ap1.site-a.example:22', '/home/pat/keys/pat-ap1-100%']);
  });

  it('stops ProxyJump loops with the loop named', () => {
    const text = 'Host a\n  ProxyJump b\nHost b\n  ProxyJump c\nHost c\n  ProxyJump A\nHost self\n  ProxyJump self\nHost ok\n  ProxyJump x,ok\n';
    expect(localFailure(() => resolveSshConfigHost(text, 'a', options))).toMatch(/ProxyJump settings loop: a → b → c → A\. Break the loop/);
    expect(localFailure(() => resolveSshConfigHost(text, 'self', options))).toMatch(/loop: self → self/);
    expect(resolveSshConfigHost(text, 'ok', options).jumps.map((jump) => jump.host)).toEqual(['x', 'ok']);
  });

  it('refuses an alias the config does not have', () => {
    expect(localFailure(() => resolveSshConfigHost(CONFIG, 'nope', options))).toMatch(/no Host nope\. Its aliases are: bastion, gw-alias, ap1, ap1-again, ap2, inner, direct\./);
    expect(localFailure(() => resolveSshConfigHost(CONFIG, 'ap?', options))).toMatch(/no Host ap\?/);
    expect(localFailure(() => resolveSshConfigHost('', 'a', options))).toMatch(/It has no Host aliases/);
    expect(localFailure(() => resolveSshConfigHost('Host a\n  Port x\n', 'a', options))).toMatch(/Port "x"/);
  });
});

describe('toSshTarget', () => {
  const resolved = resolveSshConfigHost(CONFIG, 'ap2', options);

  it('pins the host under the platform id and bastions under alias or host:port, with the first key that exists', () => {
    const present = new Set(['/home/pat/.ssh/id_ecdsa', '/home/pat/.ssh/id_ed25519', '/home/pat/.ssh/bastion_key']);
    const asked: string[] = [];
    const target = toSshTarget(resolved, { platform: 'platform-7' }, (path) => {
      asked.push(path);
      return present.has(path);
    });
    expect(target).toEqual({
      hop: { id: 'platform-7', host: '10.1.0.2', port: 2022, username: 'wild', privateKeyPath: '/home/pat/.ssh/id_ecdsa' },
      jumps: [
        { id: 'bastion', host: '203.0.113.10', port: 2201, username: 'admin', privateKeyPath: '/home/pat/.ssh/bastion_key' },
        { id: '[2001:db8::7]:2022', host: '2001:db8::7', port: 2022, username: 'fallback', privateKeyPath: '/home/pat/.ssh/id_ecdsa' },
      ],
    });
    expect(asked.slice(0, 2)).toEqual(['/home/pat/.ssh/id_rsa', '/home/pat/.ssh/id_ecdsa']);
    expect(SshTarget.parse(target).jumps).toHaveLength(2);
  });

  it('leaves the key out when none exists', () => {
    const target = toSshTarget(resolved, { platform: 'p' }, () => false);
    expect('privateKeyPath' in target.hop).toBe(false);
    expect(target.jumps?.every((jump) => !('privateKeyPath' in jump))).toBe(true);
  });

  it('refuses chains longer than the SSH client follows, and unusable values', () => {
    const long: ResolvedSshHost = { ...resolved, jumps: Array.from({ length: 9 }, (_, i) => ({ host: `gw${i}`, port: 22, user: 'u', identityFiles: [] })) };
    expect(localFailure(() => toSshTarget(long, { platform: 'p' }, () => false))).toMatch(/needs 9 jump hosts; at most 8/);
    expect(localFailure(() => toSshTarget(resolved, { platform: '' }, () => false))).toMatch(/does not make a usable SSH target/);
  });
});

const hasSsh = spawnSync('ssh', ['-V']).error === undefined;

describe.skipIf(!hasSsh)('OpenSSH ssh -G agrees', () => {
  it('on host name, port, user and ProxyJump for every alias', () => {
    const local = userInfo();
    const path = join(workDir, 'config');
    writeFileSync(path, CONFIG);
    const { hosts } = readSshConfigHosts(CONFIG, { homeDir: local.homedir, username: local.username });
    expect(hosts.length).toBeGreaterThan(5);
    const format = (jump: SshJumpSpec) => {
      const host = jump.host.includes(':') ? `[${jump.host}]` : jump.host;
      return `${jump.user ? `${jump.user}@` : ''}${jump.port ? `${host}:${jump.port}` : jump.host}`;
    };
    for (const host of hosts) {
      const result = spawnSync('ssh', ['-G', '-F', path, host.alias], { encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
      const settings = new Map(result.stdout.split('\n').map((line) => [line.split(' ')[0], line.slice(line.indexOf(' ') + 1)]));
      expect([host.alias, host.hostName, host.port, host.user]).toEqual([host.alias, settings.get('hostname'), Number(settings.get('port')), settings.get('user')]);
      expect(host.proxyJump.map(format).join(',') || undefined, host.alias).toBe(settings.get('proxyjump'));
    }
  });
});
