import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostKeyFingerprint } from '../../electron/core/connect/hostKeyFingerprint';
import { makePin } from '../../electron/core/connect/hostKeyStore';
import { HOST_KEY_ALGORITHMS, hostKeyCheck, preferredHostKeyAlgorithms } from '../../electron/core/connect/hostKeyVerifier';

/** A fresh public key blob, made by OpenSSH's own ssh-keygen. */
function blob(type: 'ed25519' | 'rsa'): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'apc-hostkey-'));
  try {
    execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', join(dir, 'key')]);
    return Buffer.from(readFileSync(join(dir, 'key.pub'), 'utf8').split(' ')[1] ?? '', 'base64');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const hop = { id: 'ap1', host: '10.0.0.5', port: 22 };

describe('hostKeyCheck', () => {
  it('accepts only a pinned key', () => {
    const key = blob('ed25519');
    const check = hostKeyCheck(hop, [makePin({ ...hop, key: key.toString('base64') })]);
    expect(check.verify(key)).toBe(true);
    expect(check.refusal()).toBeUndefined();
  });

  it('turns an unknown key into a decision with type and fingerprint', () => {
    const key = blob('ed25519');
    const check = hostKeyCheck(hop, []);
    expect(check.verify(key)).toBe(false);
    expect(check.refusal()).toMatchObject({ code: 'host_key_unknown', details: { decision: { id: 'ap1', keyType: 'ssh-ed25519', fingerprint: hostKeyFingerprint(key) } } });
  });

  it('names the platform as the user knows it, not by its id', () => {
    const check = hostKeyCheck({ ...hop, id: 'ap-f251c083bdec', name: 'Muster GmbH/ap1' }, []);
    check.verify(blob('ed25519'));
    expect(check.refusal()?.message).toMatch(/^Muster GmbH\/ap1 \(10\.0\.0\.5:22\) offers an unknown ssh-ed25519 host key SHA256:/);
    expect(check.refusal()?.message).not.toContain('ap-f251c083bdec');
  });

  it('names old and new fingerprints when the key changed', () => {
    const old = makePin({ ...hop, key: blob('ed25519').toString('base64') });
    const offered = blob('ed25519');
    const check = hostKeyCheck(hop, [old]);
    expect(check.verify(offered)).toBe(false);
    const refusal = check.refusal();
    expect(refusal?.code).toBe('host_key_changed');
    expect(refusal?.message).toContain(old.fingerprint);
    expect(refusal?.message).toContain(hostKeyFingerprint(offered));
    expect(refusal?.details).toMatchObject({ decision: { previousFingerprint: old.fingerprint } });
  });

  it('refuses garbage that is not an SSH key blob', () => {
    const check = hostKeyCheck(hop, []);
    expect(check.verify(Buffer.from([0, 0, 0, 200, 1]))).toBe(false);
    expect(check.refusal()?.code).toBe('protocol');
  });
});

describe('preferredHostKeyAlgorithms', () => {
  it('puts the pinned type first so a server with several keys shows the pinned one', () => {
    const rsa = makePin({ ...hop, key: blob('rsa').toString('base64') });
    const order = preferredHostKeyAlgorithms([rsa]);
    expect(order.slice(0, 3)).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    expect([...order].sort()).toEqual([...HOST_KEY_ALGORITHMS].sort());
    expect(preferredHostKeyAlgorithms([])).toEqual(HOST_KEY_ALGORITHMS);
  });
});
