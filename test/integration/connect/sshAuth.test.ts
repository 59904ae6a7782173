import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Server } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostKeyStore } from '../../../electron/core/connect/hostKeyStore';
import type { HostKeyDecision } from '../../../electron/core/connect/hostKeyPin';
import type { KeyboardPrompt } from '../../../electron/core/connect/sshAuth';
import { connectTarget } from '../../../electron/core/connect/sshConnect';
import { exec } from '../../../electron/core/connect/sshExec';
import { SshTarget } from '../../../electron/core/connect/sshTarget';
import { inPlatform } from '../../lab/platformNamespace';
import { isRoot, startConnectLab } from './connectLab';
import type { ConnectLab } from './connectLab';

const run = promisify(execFile);

async function keyPair(dir: string, name: string, passphrase: string): Promise<{ path: string; publicKey: string }> {
  const path = join(dir, name);
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', name, '-f', path]);
  return { path, publicKey: await readFile(`${path}.pub`, 'utf8') };
}

async function authorize(platform: string, publicKey: string): Promise<void> {
  await inPlatform(platform, ['sh', '-ec', 'mkdir -p /home/admin/.ssh && cat >> /home/admin/.ssh/authorized_keys && chown -R admin /home/admin/.ssh && chmod 700 /home/admin/.ssh && chmod 600 /home/admin/.ssh/authorized_keys'], { input: publicKey });
}

describe.skipIf(!isRoot)('SSH logins other than a password', () => {
  let lab: ConnectLab;
  let keys: string;

  beforeAll(async () => {
    lab = await startConnectLab({
      platforms: [
        { name: 'auth-open', kind: 'light', diskMiB: 32 },
        { name: 'auth-drop', kind: 'light', diskMiB: 32, sshServer: 'dropbear' },
      ],
    });
    keys = await mkdtemp(join(tmpdir(), 'apc-keys-'));
    await lab.trust(lab.target('auth-open'));
    await lab.trust(lab.target('auth-drop'));
  });
  afterAll(async () => {
    await lab?.stop();
    if (keys) await rm(keys, { recursive: true, force: true });
  });

  for (const platform of ['auth-open', 'auth-drop']) {
    it(`logs in to ${platform} with a private key protected by a passphrase, and explains a wrong passphrase`, async () => {
      const key = await keyPair(keys, `${platform}-key`, 'key phrase 1');
      await authorize(platform, key.publicKey);
      lab.secrets.set('phrase', 'key phrase 1');
      lab.secrets.set('wrong-phrase', 'not it');
      const target = lab.target(platform, { passwordRef: undefined, privateKeyPath: key.path, passphraseRef: 'phrase' });
      const link = await connectTarget(target, lab.connectOptions());
      expect((await exec(link.client, 'id -un')).stdout.toString()).toBe('admin\n');
      link.close();
      const wrong = connectTarget(lab.target(platform, { passwordRef: undefined, privateKeyPath: key.path, passphraseRef: 'wrong-phrase' }), lab.connectOptions());
      await expect(wrong).rejects.toMatchObject({ code: 'auth_failed', message: expect.stringMatching(/passphrase does not open it/) });
    });
  }

  it('refuses a key the platform does not know, and a key file that is missing', async () => {
    const stranger = await keyPair(keys, 'stranger', '');
    await expect(connectTarget(lab.target('auth-open', { passwordRef: undefined, privateKeyPath: stranger.path }), lab.connectOptions())).rejects.toMatchObject({ code: 'auth_failed' });
    await expect(connectTarget(lab.target('auth-open', { passwordRef: undefined, privateKeyPath: join(keys, 'missing') }), lab.connectOptions())).rejects.toMatchObject({
      code: 'local_failed',
      message: expect.stringMatching(/cannot be read \(ENOENT\)/),
    });
  });

  it('logs in through a running SSH agent', async () => {
    const key = await keyPair(keys, 'agent-key', '');
    await authorize('auth-open', key.publicKey);
    const socket = join(keys, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    const previous = process.env.SSH_AUTH_SOCK;
    try {
      await expect.poll(async () => run('ssh-add', ['-l'], { env: { ...process.env, SSH_AUTH_SOCK: socket } }).then(() => true, (e: { code?: number }) => e.code === 1), { timeout: 5_000 }).toBe(true);
      await run('ssh-add', [key.path], { env: { ...process.env, SSH_AUTH_SOCK: socket } });
      process.env.SSH_AUTH_SOCK = socket;
      const link = await connectTarget(lab.target('auth-open', { passwordRef: undefined, agent: true }), lab.connectOptions());
      expect((await exec(link.client, 'echo agent')).stdout.toString()).toBe('agent\n');
      link.close();
      delete process.env.SSH_AUTH_SOCK;
      await expect(connectTarget(lab.target('auth-open', { passwordRef: undefined, agent: true }), lab.connectOptions())).rejects.toMatchObject({ code: 'auth_failed', message: expect.stringMatching(/no agent is running/) });
    } finally {
      if (previous === undefined) delete process.env.SSH_AUTH_SOCK;
      else process.env.SSH_AUTH_SOCK = previous;
      agent.kill();
    }
  });

  it('answers several rounds of keyboard-interactive prompts', async () => {
    const hostKey = await keyPair(keys, 'kbd-host', '');
    const rounds: string[][] = [];
    const server = new Server({ hostKeys: [await readFile(hostKey.path)] }, (client) => {
      client.on('authentication', (ctx) => {
        if (ctx.method !== 'keyboard-interactive') return ctx.reject(['keyboard-interactive']);
        ctx.prompt([{ prompt: 'Passwort: ', echo: false }], 'Anmeldung', (first) => {
          rounds.push(first);
          ctx.prompt([{ prompt: 'Einmalcode: ', echo: true }], (second) => {
            rounds.push(second);
            if (first[0] === 'kbd-pass' && second[0] === '424242') ctx.accept();
            else ctx.reject();
          });
        });
      });
      client.on('ready', () => client.on('session', (accept) => accept().once('exec', (acceptExec) => {
        const channel = acceptExec();
        channel.write('kbd ok\n');
        channel.exit(0);
        channel.end();
      })));
      client.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const store = createHostKeyStore(keys);
      const target = SshTarget.parse({ hop: { id: 'kbd', host: '127.0.0.1', port, passwordRef: 'kbd' } });
      const seen: KeyboardPrompt[][] = [];
      const options = {
        pinsFor: (id: string) => store.pinsFor(id),
        secrets: async (ref: string) => (ref === 'kbd' ? 'kbd-pass' : undefined),
        responder: async (_hop: string, prompts: readonly KeyboardPrompt[], password: string | undefined) => {
          seen.push([...prompts]);
          return prompts.map((p) => (p.echo ? '424242' : (password ?? '')));
        },
      };
      const unknown = await connectTarget(target, options).catch((error: { details: { decision: HostKeyDecision } }) => error);
      await store.accept((unknown as { details: { decision: HostKeyDecision } }).details.decision);
      const link = await connectTarget(target, options);
      expect((await exec(link.client, 'anything')).stdout.toString()).toBe('kbd ok\n');
      link.close();
      expect(seen.map((round) => round.map((p) => p.prompt))).toEqual([['Passwort: '], ['Einmalcode: ']]);
      expect(rounds).toEqual([['kbd-pass'], ['424242']]);

      const { responder: _ignored, ...withoutCode } = options;
      await expect(connectTarget(target, withoutCode)).rejects.toMatchObject({ code: 'auth_failed' });
    } finally {
      server.close();
    }
  });
});
