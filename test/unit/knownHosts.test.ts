import { spawnSync } from 'node:child_process';
import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isConnectError } from '../../electron/core/connect/connectError';
import { HostKeyPin } from '../../electron/core/connect/hostKeyPin';
import { findKnownHostKeys, formatKnownHosts, importPins, parseKnownHosts } from '../../electron/core/connect/knownHosts';

function sshString(data: Buffer | string): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  return Buffer.concat([length, body]);
}

function mpint(bytes: Buffer): Buffer {
  return sshString((bytes[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

const fromJwk = (value: string | undefined): Buffer => Buffer.from(value ?? '', 'base64url');

function ed25519Key(): string {
  const jwk = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
  return Buffer.concat([sshString('ssh-ed25519'), sshString(fromJwk(jwk.x))]).toString('base64');
}

function ecdsaKey(): string {
  const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
  const point = Buffer.concat([Buffer.from([4]), fromJwk(jwk.x), fromJwk(jwk.y)]);
  return Buffer.concat([sshString('ecdsa-sha2-nistp256'), sshString('nistp256'), sshString(point)]).toString('base64');
}

function rsaKey(): string {
  const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
  return Buffer.concat([sshString('ssh-rsa'), mpint(fromJwk(jwk.e)), mpint(fromJwk(jwk.n))]).toString('base64');
}

const ED = ed25519Key();
const ED2 = ed25519Key();
const EC = ecdsaKey();
const RSA = rsaKey();

const hasSshKeygen = spawnSync('ssh-keygen', ['-?']).error === undefined;
const workDir = mkdtempSync(join(tmpdir(), 'known-hosts-test-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function sshKeygen(args: string[]): { status: number | null; stdout: string } {
  const result = spawnSync('ssh-keygen', args, { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout };
}

function tempFile(name: string, text: string): string {
  const path = join(workDir, name);
  writeFileSync(path, text);
  return path;
}

const pin = (id: string, host: string, port: number, key: string, keyType = 'ssh-ed25519'): HostKeyPin =>
  HostKeyPin.parse({ id, host, port, key, keyType, fingerprint: 'SHA256:x', pinnedAt: '2025-01-01T00:00:00.000Z' });

describe('parseKnownHosts', () => {
  it('reads host lists, [host]:port names, comments, blank lines and trailing comments', () => {
    const text = [
      '# a comment',
      '',
      `Alpha.example.org,10.0.0.1 ssh-ed25519 ${ED} admin@laptop  note`,
      `  [beta.example.org]:2222,[10.0.0.2]:2222\tecdsa-sha2-nistp256 ${EC}`,
      `::1 ssh-rsa ${RSA}`,
      `[fe80::1]:2200 ssh-ed25519 ${ED2}\r`,
      '   # indented comment',
    ].join('\r\n');
    const { entries, skipped } = parseKnownHosts(text);
    expect(skipped).toEqual([]);
    expect(entries.map((entry) => [entry.line, entry.keyType, entry.key, entry.comment])).toEqual([
      [3, 'ssh-ed25519', ED, 'admin@laptop note'],
      [4, 'ecdsa-sha2-nistp256', EC, undefined],
      [5, 'ssh-rsa', RSA, undefined],
      [6, 'ssh-ed25519', ED2, undefined],
    ]);
    expect(entries[0]?.names).toEqual([
      { kind: 'plain', host: 'alpha.example.org', port: 22 },
      { kind: 'plain', host: '10.0.0.1', port: 22 },
    ]);
    expect(entries[1]?.names).toEqual([
      { kind: 'plain', host: 'beta.example.org', port: 2222 },
      { kind: 'plain', host: '10.0.0.2', port: 2222 },
    ]);
    expect(entries[3]?.names).toEqual([{ kind: 'plain', host: 'fe80::1', port: 2200 }]);
  });

  it.skipIf(!hasSshKeygen)('computes the fingerprints ssh-keygen prints', () => {
    const path = tempFile('fingerprints', `a ssh-ed25519 ${ED}\nb ecdsa-sha2-nistp256 ${EC}\nc ssh-rsa ${RSA}\n`);
    const listed = sshKeygen(['-l', '-f', path]);
    expect(listed.status).toBe(0);
    const fromKeygen = listed.stdout.trim().split('\n').map((line) => line.split(' ')[1]);
    expect(parseKnownHosts(readFileSync(path, 'utf8')).entries.map((entry) => entry.fingerprint)).toEqual(fromKeygen);
  });

  it('reads hashed names', () => {
    const salt = randomBytes(20);
    const hash = createHmac('sha1', salt).update('[gw.example.org]:2022').digest();
    const { entries, skipped } = parseKnownHosts(`|1|${salt.toString('base64')}|${hash.toString('base64')} ssh-ed25519 ${ED}\n`);
    expect(skipped).toEqual([]);
    expect(entries[0]?.names).toEqual([{ kind: 'hashed', salt: salt.toString('base64'), hash: hash.toString('base64') }]);
    expect(findKnownHostKeys(entries, 'gw.example.org', 2022)).toHaveLength(1);
    expect(findKnownHostKeys(entries, 'GW.example.org', 2022)).toHaveLength(1);
    expect(findKnownHostKeys(entries, 'gw.example.org', 22)).toHaveLength(0);
    expect(findKnownHostKeys(entries, 'gw.example.com', 2022)).toHaveLength(0);
  });

  it('skips @cert-authority lines and never returns a @revoked key, wherever it appears', () => {
    const text = [
      `good ssh-ed25519 ${ED}`,
      `stolen,other ssh-ed25519 ${ED2}`,
      `@cert-authority *.example.org ssh-ed25519 ${ED}`,
      `@revoked * ssh-ed25519 ${ED2}`,
      `@bogus host ssh-ed25519 ${ED}`,
    ].join('\n');
    const { entries, skipped } = parseKnownHosts(text);
    expect(entries.map((entry) => entry.line)).toEqual([1]);
    expect(skipped).toEqual([
      { line: 2, reason: 'the key is marked @revoked on line 4' },
      { line: 3, reason: expect.stringMatching(/certificate authority/) },
      { line: 4, reason: expect.stringMatching(/@revoked/) },
      { line: 5, reason: expect.stringMatching(/@bogus is unknown/) },
    ]);
    expect(importPins(entries, [{ id: 'p', host: 'stolen', port: 22 }], new Date())).toEqual([]);
  });

  it('keeps exact names next to wildcards and negations, and drops names a negation excludes', () => {
    const text = [
      `*.example.org,host1 ssh-ed25519 ${ED}`,
      `!bad.example.org,host2,[h?]:2222 ssh-ed25519 ${ED}`,
      `host3,!host3 ssh-ed25519 ${ED}`,
      `*,!*.lan ssh-ed25519 ${ED}`,
      `[gw.lan]:2022,!*:2022 ssh-ed25519 ${ED}`,
    ].join('\n');
    const { entries, skipped } = parseKnownHosts(text);
    expect(entries.map((entry) => [entry.line, entry.names])).toEqual([
      [1, [{ kind: 'plain', host: 'host1', port: 22 }]],
      [2, [{ kind: 'plain', host: 'host2', port: 22 }]],
    ]);
    expect(skipped.map((skip) => skip.line)).toEqual([1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(skipped[0]?.reason).toMatch(/"\*\.example\.org" is a wildcard pattern/);
    expect(skipped[1]?.reason).toMatch(/"!bad\.example\.org" is a negated pattern/);
    expect(skipped[4]?.reason).toMatch(/"host3" is excluded by a negated pattern/);
    expect(skipped[8]?.reason).toMatch(/"\[gw\.lan\]:2022" is excluded/);
  });

  it('reports unusable lines with the reason', () => {
    const blob = Buffer.from(ED, 'base64');
    const cases: [string, RegExp][] = [
      [`h ssh-ed25519 ${ED.slice(0, -1)}`, /not valid base64/],
      [`h ssh-ed25519 ${ED.replace(/.$/, '#')}`, /not valid base64/],
      [`h ssh-rsa ${ED}`, /says ssh-rsa but the key is ssh-ed25519/],
      [`h ssh-ed25519 ${Buffer.from([0, 0]).toString('base64')}`, /too short/],
      [`h ssh-ed25519 ${Buffer.concat([Buffer.from([0, 0, 0, 99]), blob.subarray(4, 20)]).toString('base64')}`, /does not start with a key type/],
      [`h ssh-ed25519-cert-v01@openssh.com ${Buffer.concat([sshString('ssh-ed25519-cert-v01@openssh.com'), sshString(randomBytes(32))]).toString('base64')}`, /certificate, not a host key/],
      [`h ssh-ed25519`, /expected host names, a key type and a key/],
      [`h 2048 35 12345678901234567890`, /protocol 1/],
      [`|1|abc|def ssh-ed25519 ${ED}`, /hashed host name is unreadable/],
      [`|1|${randomBytes(16).toString('base64')}|${randomBytes(20).toString('base64')} ssh-ed25519 ${ED}`, /hashed host name is unreadable/],
      [`|2|${randomBytes(20).toString('base64')}|${randomBytes(20).toString('base64')} ssh-ed25519 ${ED}`, /hashed host name is unreadable/],
      [`[h] ssh-ed25519 ${ED}`, /not a valid \[host\]:port name/],
      [`[h]:0 ssh-ed25519 ${ED}`, /not a valid \[host\]:port name/],
      [`[h]:65536 ssh-ed25519 ${ED}`, /not a valid \[host\]:port name/],
      [`h]x ssh-ed25519 ${ED}`, /not a valid host name/],
      [`@revoked`, /@revoked/],
    ];
    for (const [line, reason] of cases) {
      const { entries, skipped } = parseKnownHosts(`# first\n${line}\n`);
      expect(entries, line).toEqual([]);
      expect(skipped, line).toEqual([{ line: 2, reason: expect.stringMatching(reason) }]);
    }
    expect(parseKnownHosts(`a,,b ssh-ed25519 ${ED}`).skipped).toEqual([{ line: 1, reason: expect.stringMatching(/empty host name/) }]);
    expect(parseKnownHosts('\uFEFF\n\n  \n# only comments\n')).toEqual({ entries: [], skipped: [] });
  });
});

describe('findKnownHostKeys and importPins', () => {
  const { entries } = parseKnownHosts(
    [`ap1.example.org,[ap1.example.org]:2222 ssh-ed25519 ${ED}`, `ap1.example.org ecdsa-sha2-nistp256 ${EC}`, `[::1]:2200,::1 ssh-rsa ${RSA}`, `[ap2]:22 ssh-ed25519 ${ED2}`].join('\n'),
  );

  it('matches host and port, ignoring case and brackets', () => {
    expect(findKnownHostKeys(entries, 'AP1.example.org', 22).map((entry) => entry.line)).toEqual([1, 2]);
    expect(findKnownHostKeys(entries, 'ap1.example.org', 2222).map((entry) => entry.line)).toEqual([1]);
    expect(findKnownHostKeys(entries, 'ap1.example.org', 2223)).toEqual([]);
    expect(findKnownHostKeys(entries, '[::1]', 2200).map((entry) => entry.line)).toEqual([3]);
    expect(findKnownHostKeys(entries, '::1', 22).map((entry) => entry.line)).toEqual([3]);
    expect(findKnownHostKeys(entries, 'ap2', 22).map((entry) => entry.line)).toEqual([4]);
    expect(findKnownHostKeys(entries, 'ap1.example', 22)).toEqual([]);
  });

  it('turns the keys of each endpoint into pins', () => {
    const now = new Date('2025-03-04T05:06:07.000Z');
    const pins = importPins(
      entries,
      [
        { id: 'platform-1', host: 'ap1.example.org', port: 22 },
        { id: 'platform-1', host: 'ap1.example.org', port: 22 },
        { id: 'bastion', host: '::1', port: 2200 },
        { id: 'nowhere', host: 'ap9', port: 22 },
      ],
      now,
    );
    expect(pins.map((p) => HostKeyPin.parse(p))).toEqual(pins);
    expect(pins.map((p) => [p.id, p.host, p.port, p.keyType, p.key, p.pinnedAt])).toEqual([
      ['platform-1', 'ap1.example.org', 22, 'ssh-ed25519', ED, now.toISOString()],
      ['platform-1', 'ap1.example.org', 22, 'ecdsa-sha2-nistp256', EC, now.toISOString()],
      ['bastion', '::1', 2200, 'ssh-rsa', RSA, now.toISOString()],
    ]);
    expect(pins.map((p) => p.fingerprint)).toEqual([entries[0]?.fingerprint, entries[1]?.fingerprint, entries[2]?.fingerprint]);
  });
});

describe('formatKnownHosts', () => {
  const pins = [pin('a', 'Host.Example.org', 22, ED), pin('b', '127.0.0.1', 2222, EC, 'ecdsa-sha2-nistp256'), pin('c', '::1', 22, RSA, 'ssh-rsa'), pin('d', '[fe80::1]', 2200, ED2)];

  it('writes one plain line per pin, bracketing non-default ports', () => {
    expect(formatKnownHosts(pins, { hashed: false })).toBe(
      `host.example.org ssh-ed25519 ${ED}\n[127.0.0.1]:2222 ecdsa-sha2-nistp256 ${EC}\n::1 ssh-rsa ${RSA}\n[fe80::1]:2200 ssh-ed25519 ${ED2}\n`,
    );
    expect(formatKnownHosts([], { hashed: false })).toBe('');
  });

  it('hashes each name with its own salt, and reads back', () => {
    const text = formatKnownHosts(pins, { hashed: true });
    expect(text).not.toMatch(/example|127\.0\.0\.1|fe80|::1/);
    const { entries, skipped } = parseKnownHosts(text);
    expect(skipped).toEqual([]);
    const salts = entries.map((entry) => (entry.names[0]?.kind === 'hashed' ? entry.names[0].salt : ''));
    expect(new Set(salts).size).toBe(4);
    for (const p of pins) expect(findKnownHostKeys(entries, p.host, p.port).map((entry) => entry.key)).toEqual([p.key]);
    expect(findKnownHostKeys(entries, '127.0.0.1', 22)).toEqual([]);
  });

  it('refuses pins that would write something else than one host and key', () => {
    for (const host of ['a b', 'a,b', '*.lan', '!a', 'a\nb', '|1|x', '#a', '@revoked']) {
      expect(() => formatKnownHosts([{ ...pin('x', 'ok', 22, ED), host }], { hashed: false }), host).toThrow(/not a plain host name/);
    }
    const badKey = () => formatKnownHosts([{ ...pin('x', 'ok', 22, ED), key: `${ED}\n* ssh-ed25519 ${ED2}` }], { hashed: true });
    expect(badKey).toThrow(/not valid base64/);
    try {
      badKey();
    } catch (error) {
      expect(isConnectError(error, 'local_failed')).toBe(true);
    }
    expect(() => formatKnownHosts([pin('x', 'ok', 22, ED, 'ssh-rsa')], { hashed: false })).toThrow(/says ssh-rsa but the key is ssh-ed25519/);
  });
});

describe.skipIf(!hasSshKeygen)('OpenSSH ssh-keygen agrees', () => {
  const pins = [pin('a', 'host', 22, ED), pin('b', '127.0.0.1', 2222, EC, 'ecdsa-sha2-nistp256'), pin('c', '::1', 2200, RSA, 'ssh-rsa')];

  for (const hashed of [false, true]) {
    it(`finds the entries of a ${hashed ? 'hashed' : 'plain'} file written here`, () => {
      const path = tempFile(`exported-${hashed}`, formatKnownHosts(pins, { hashed }));
      for (const [name, key] of [['host', ED], ['[127.0.0.1]:2222', EC], ['[::1]:2200', RSA]] as const) {
        const found = sshKeygen(['-F', name, '-f', path]);
        expect(found.status, name).toBe(0);
        expect(found.stdout).toContain(key);
        expect(found.stdout).toMatch(/found: line \d/);
      }
      for (const name of ['127.0.0.1', '[host]:2222', 'other']) expect(sshKeygen(['-F', name, '-f', path]).status, name).toBe(1);
    });
  }

  it('finds the entries of a file ssh-keygen hashed', () => {
    const path = tempFile('to-hash', `host,[127.0.0.1]:2222 ssh-ed25519 ${ED}\n[::1]:2200 ssh-rsa ${RSA}\n# kept\n`);
    expect(sshKeygen(['-H', '-f', path]).status).toBe(0);
    const text = readFileSync(path, 'utf8');
    expect(text).not.toMatch(/host|127\.0\.0\.1|::1/);
    const { entries, skipped } = parseKnownHosts(text);
    expect(skipped).toEqual([]);
    expect(entries.every((entry) => entry.names.every((name) => name.kind === 'hashed'))).toBe(true);
    expect(findKnownHostKeys(entries, 'host', 22).map((entry) => entry.key)).toEqual([ED]);
    expect(findKnownHostKeys(entries, '127.0.0.1', 2222).map((entry) => entry.key)).toEqual([ED]);
    expect(findKnownHostKeys(entries, '::1', 2200).map((entry) => entry.key)).toEqual([RSA]);
    expect(findKnownHostKeys(entries, '127.0.0.1', 22)).toEqual([]);
    const imported = importPins(entries, [{ id: 'p', host: '127.0.0.1', port: 2222 }], new Date());
    expect(imported.map((p) => p.fingerprint)).toEqual([parseKnownHosts(`x ssh-ed25519 ${ED}`).entries[0]?.fingerprint]);
  });
});
