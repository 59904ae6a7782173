import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostKeyDecision } from '../../../electron/core/connect/hostKeyPin';
import { connectTarget } from '../../../electron/core/connect/sshConnect';
import { exec } from '../../../electron/core/connect/sshExec';
import { rotateHostKey } from '../../lab/faults';
import { platformDir } from '../../lab/labPaths';
import { isRoot, startConnectLab } from './connectLab';
import type { ConnectLab } from './connectLab';
import { caught } from '../../support/caughtConnectError';

const run = promisify(execFile);

/** The fingerprint OpenSSH itself prints for the platform's host key file. */
async function serverFingerprint(name: string, server: 'openssh' | 'dropbear'): Promise<string> {
  if (server === 'openssh') {
    const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${platformDir(name)}/ssh/ssh_host_ed25519_key.pub`]);
    return stdout.split(' ')[1] ?? '';
  }
  const { stdout } = await run('dropbearkey', ['-y', '-f', `${platformDir(name)}/ssh/dropbear_ed25519_host_key`]);
  return /SHA256:\S+/.exec(stdout)?.[0] ?? '';
}

describe.skipIf(!isRoot)('SSH connections to lab platforms', () => {
  let lab: ConnectLab;

  beforeAll(async () => {
    lab = await startConnectLab({
      platforms: [
        { name: 'ssh-open', kind: 'light', diskMiB: 32 },
        { name: 'ssh-drop', kind: 'light', diskMiB: 32, sshServer: 'dropbear', adminPassword: 'drop pass $1' },
        { name: 'bastion', kind: 'light', diskMiB: 32 },
      ],
    });
  });
  afterAll(async () => lab?.stop());

  for (const [name, server] of [['ssh-open', 'openssh'], ['ssh-drop', 'dropbear']] as const) {
    it(`asks to confirm ${server}'s unknown host key with its SHA256 fingerprint, then connects once pinned`, async () => {
      const target = lab.target(name);
      const unknown = await caught(connectTarget(target, lab.connectOptions()));
      expect(unknown.code).toBe('host_key_unknown');
      const decision = unknown.details.decision as HostKeyDecision;
      expect(decision).toMatchObject({ id: name, host: lab.platform(name).address, port: 22, keyType: 'ssh-ed25519' });
      expect(decision.fingerprint).toBe(await serverFingerprint(name, server));
      await lab.hostKeys.accept(decision);

      const link = await connectTarget(target, lab.connectOptions());
      const result = await exec(link.client, 'id -un; echo err >&2; exit 3');
      link.close();
      expect(result.stdout.toString()).toBe('admin\n');
      expect(result.stderr.toString()).toBe('err\n');
      expect(result.code).toBe(3);
    });
  }

  it('refuses a wrong password with a message that names the user and holds no secret', async () => {
    lab.secrets.set('wrong', 'not-the-password-xyz');
    const error = await caught(connectTarget(lab.target('ssh-drop', { passwordRef: 'wrong' }), lab.connectOptions()));
    expect(error.code).toBe('auth_failed');
    expect(error.message).toContain('admin');
    expect(error.message).not.toContain('not-the-password-xyz');
  });

  it('says which credential is missing when the vault has none', async () => {
    const error = await caught(connectTarget(lab.target('ssh-open', { passwordRef: 'absent' }), lab.connectOptions()));
    expect(error.code).toBe('auth_failed');
    expect(error.message).toMatch(/No password is stored for ssh-open/);
  });

  it('reaches a platform through a bastion, verifying both host keys, and the platform sees the bastion as client', async () => {
    const target = lab.target('ssh-drop', {}, ['bastion']);
    const decisions = await lab.trust(target);
    expect(decisions.map((d) => d.id)).toEqual(['bastion']);
    const link = await connectTarget(target, lab.connectOptions());
    const { stdout } = await exec(link.client, 'echo "$SSH_CLIENT"');
    expect(link.chain).toHaveLength(2);
    link.close();
    expect(stdout.toString().split(' ')[0]).toBe(lab.platform('bastion').address);
  });

  it('stops at a changed host key, names old and new fingerprints, and connects after the pin is replaced', async () => {
    const target = lab.target('ssh-open');
    await lab.trust(target);
    const before = await serverFingerprint('ssh-open', 'openssh');
    await rotateHostKey('ssh-open', 'openssh');
    const after = await serverFingerprint('ssh-open', 'openssh');
    const changed = await caught(connectTarget(target, lab.connectOptions()));
    expect(changed.code).toBe('host_key_changed');
    expect(changed.message).toContain(before);
    expect(changed.message).toContain(after);
    const decision = changed.details.decision as HostKeyDecision;
    await expect(lab.hostKeys.accept(decision)).rejects.toMatchObject({ code: 'host_key_changed' });
    await expect(lab.hostKeys.replace(decision, before)).rejects.toMatchObject({ code: 'verify_failed' });
    await lab.hostKeys.replace(decision, after);
    const link = await connectTarget(target, lab.connectOptions());
    link.close();
  });

  it('verifies the bastion too: a rotated bastion key stops the whole chain', async () => {
    const target = lab.target('ssh-drop', {}, ['bastion']);
    await lab.trust(target);
    await rotateHostKey('bastion', 'openssh');
    const error = await caught(connectTarget(target, lab.connectOptions()));
    expect(error.code).toBe('host_key_changed');
    expect((error.details.decision as HostKeyDecision).id).toBe('bastion');
  });

  it('reports an address where nothing answers as unreachable', async () => {
    const error = await caught(connectTarget(lab.target('ssh-open', { host: lab.platform('ssh-open').address, port: 2 }), lab.connectOptions()));
    expect(error.code).toBe('unreachable');
    expect(error.message).toMatch(/refused the connection/);
  });
});
