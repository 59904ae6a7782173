import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hopAuth, passwordResponder } from '../../electron/core/connect/sshAuth';
import { SshHop } from '../../electron/core/connect/sshTarget';

const secrets = (values: Record<string, string>) => async (ref: string) => values[ref];
const hop = (extra: Record<string, unknown>) => SshHop.parse({ id: 'ap1', host: '10.0.0.5', ...extra });

describe('hopAuth', () => {
  it('takes the password from the vault and enables keyboard-interactive with it', async () => {
    const auth = await hopAuth(hop({ passwordRef: 'p' }), secrets({ p: 'pw' }));
    expect(auth.config).toMatchObject({ username: 'admin', password: 'pw', tryKeyboard: true });
  });

  it('names the missing secret without guessing it', async () => {
    await expect(hopAuth(hop({ passwordRef: 'p' }), secrets({}))).rejects.toMatchObject({ code: 'auth_failed', message: 'No password is stored for ap1. Enter it under the platform\'s credentials.' });
    await expect(hopAuth(hop({}), secrets({}))).rejects.toMatchObject({ code: 'auth_failed', message: expect.stringMatching(/No login is set for ap1/) });
  });

  it('opens an encrypted key only with its passphrase, and never repeats the passphrase', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apc-key-'));
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'right phrase', '-f', join(dir, 'key')]);
    const pem = readFileSync(join(dir, 'key'), 'utf8');
    rmSync(dir, { recursive: true, force: true });
    const ok = await hopAuth(hop({ privateKeyRef: 'k', passphraseRef: 'pp' }), secrets({ k: pem, pp: 'right phrase' }));
    expect(ok.config.privateKey).toBe(pem);
    const wrong = hopAuth(hop({ privateKeyRef: 'k', passphraseRef: 'pp' }), secrets({ k: pem, pp: 'wrong phrase' }));
    await expect(wrong).rejects.toMatchObject({ code: 'auth_failed' });
    await expect(wrong).rejects.not.toMatchObject({ message: expect.stringContaining('wrong phrase') });
    await expect(hopAuth(hop({ privateKeyRef: 'k' }), secrets({ k: 'not a key' }))).rejects.toMatchObject({ message: expect.stringMatching(/cannot be read as an SSH private key/) });
  });

  it('answers hidden prompts with the password and shown ones with nothing', async () => {
    expect(await passwordResponder('ap1', [{ prompt: 'Password:', echo: false }, { prompt: 'Name:', echo: true }], 'pw')).toEqual(['pw', '']);
  });
});
