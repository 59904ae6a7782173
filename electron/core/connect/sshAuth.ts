import { readFile } from 'node:fs/promises';
import { utils } from 'ssh2';
import type { ConnectConfig } from 'ssh2';
import { ConnectError } from './connectError';
import { hopName } from './sshTarget';
import type { SshHop } from './sshTarget';

/** Reads a secret by vault reference at connect time; nothing else keeps it. */
export type SecretLookup = (ref: string) => Promise<string | undefined>;

export interface KeyboardPrompt {
  prompt: string;
  echo: boolean;
}

/** Answers one round of keyboard-interactive prompts; servers may ask several rounds. */
export type KeyboardResponder = (hopId: string, prompts: readonly KeyboardPrompt[], password: string | undefined) => Promise<string[]>;

/** PAM's usual single password prompt, and any further hidden prompt, get the password; shown prompts get nothing. */
export const passwordResponder: KeyboardResponder = async (_hop, prompts, password) => prompts.map((p) => (p.echo ? '' : (password ?? '')));

export interface HopAuth {
  config: Pick<ConnectConfig, 'username' | 'password' | 'privateKey' | 'passphrase' | 'agent' | 'tryKeyboard'>;
  /** The password, kept only for keyboard-interactive answers during this handshake. */
  password: string | undefined;
}

function agentSocket(): string | undefined {
  return process.platform === 'win32' ? 'pageant' : process.env.SSH_AUTH_SOCK;
}

async function secret(lookup: SecretLookup, ref: string | undefined, what: string, hop: SshHop): Promise<string | undefined> {
  if (!ref) return undefined;
  const value = await lookup(ref);
  if (value === undefined) throw new ConnectError('auth_failed', `No ${what} is stored for ${hopName(hop)}. Enter it under the platform's credentials.`, { hop: hop.id });
  return value;
}

/** ssh2 authentication settings for one hop: password, private key (with passphrase), agent, keyboard-interactive. */
export async function hopAuth(hop: SshHop, lookup: SecretLookup): Promise<HopAuth> {
  const password = await secret(lookup, hop.passwordRef, 'password', hop);
  let privateKey: string | Buffer | undefined = await secret(lookup, hop.privateKeyRef, 'private key', hop);
  if (privateKey === undefined && hop.privateKeyPath) {
    try {
      privateKey = await readFile(hop.privateKeyPath);
    } catch (error) {
      throw new ConnectError('local_failed', `The private key file ${hop.privateKeyPath} for ${hopName(hop)} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check the path in the platform's settings.`);
    }
  }
  const passphrase = await secret(lookup, hop.passphraseRef, 'key passphrase', hop);
  if (privateKey !== undefined) checkPrivateKey(privateKey, passphrase, hop);
  const agent = hop.agent ? agentSocket() : undefined;
  if (hop.agent && !agent) throw new ConnectError('auth_failed', `${hopName(hop)} is set to use the SSH agent, but no agent is running (SSH_AUTH_SOCK is not set). Start the agent or choose another login.`);
  if (password === undefined && privateKey === undefined && agent === undefined) {
    throw new ConnectError('auth_failed', `No login is set for ${hopName(hop)}: store a password or choose a private key or the SSH agent.`, { hop: hop.id });
  }
  return { config: { username: hop.username, password, privateKey, passphrase, agent, tryKeyboard: password !== undefined }, password };
}

function checkPrivateKey(key: string | Buffer, passphrase: string | undefined, hop: SshHop): void {
  const parsed = utils.parseKey(key, passphrase);
  if (!(parsed instanceof Error)) return;
  const encrypted = /encrypted|passphrase/i.test(parsed.message);
  throw new ConnectError(
    'auth_failed',
    encrypted
      ? `The private key for ${hopName(hop)} is protected and the stored passphrase does not open it. Enter the key's passphrase again.`
      : `The private key for ${hopName(hop)} cannot be read as an SSH private key. Choose an OpenSSH, PEM or PuTTY key file.`,
    { hop: hop.id },
  );
}
