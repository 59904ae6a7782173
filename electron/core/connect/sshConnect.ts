import { Client } from 'ssh2';
import type { CipherAlgorithm, ClientChannel } from 'ssh2';
import { ConnectError, cancelled } from './connectError';
import { hostKeyCheck, preferredHostKeyAlgorithms } from './hostKeyVerifier';
import type { HostKeyPin } from './hostKeyPin';
import { hopAuth, passwordResponder } from './sshAuth';
import type { KeyboardResponder, SecretLookup } from './sshAuth';
import { endpointLabel, hopName } from './sshTarget';
import type { SshHop, SshTarget } from './sshTarget';

export interface ConnectOptions {
  pinsFor(id: string): Promise<HostKeyPin[]>;
  secrets: SecretLookup;
  responder?: KeyboardResponder;
  /** Whole handshake, TCP connect included. */
  readyTimeoutMs?: number;
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
  signal?: AbortSignal;
}

export interface SshLink {
  /** The client of the platform itself (the last hop). */
  client: Client;
  /** Every client opened, outermost bastion first; closing the link closes them all. */
  chain: Client[];
  close(): void;
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'refused the connection (is SSH running on that port?)',
  EHOSTUNREACH: 'cannot be reached (no route to host)',
  ENETUNREACH: 'cannot be reached (network unreachable)',
  ENOTFOUND: 'has a name that does not resolve',
  EAI_AGAIN: 'has a name that cannot be resolved right now',
  ECONNRESET: 'dropped the connection',
  ETIMEDOUT: 'did not answer in time',
};

/** Turns what ssh2 reports into an error that says what to do; never leaks a secret (ssh2's messages hold none). */
function explain(hop: SshHop, error: Error & { level?: string; code?: string }): ConnectError {
  const where = `${hopName(hop)} (${endpointLabel(hop)})`;
  if (error.level === 'client-authentication') {
    return new ConnectError('auth_failed', `Login as ${hop.username} on ${where} was refused. Check the user name and the stored password or key.`, { hop: hop.id });
  }
  if (error.level === 'client-timeout') {
    return new ConnectError('timeout', `${where} did not complete the SSH handshake in time. Check that the address is right and the platform is up.`, { hop: hop.id });
  }
  const network = error.code ? NETWORK_CODES[error.code] : undefined;
  if (network) return new ConnectError('unreachable', `${where} ${network}. Check the address and port, and the network path to the site.`, { hop: hop.id, errno: error.code });
  return new ConnectError('protocol', `SSH to ${where} failed: ${error.message}. Check that the port serves SSH.`, { hop: hop.id });
}

/** ChaCha20-Poly1305 before AES-CTR (AES-GCM stays first): servers without AES-GCM, such as dropbear, then stream about twice as fast. */
const CTR_CIPHERS: CipherAlgorithm[] = ['aes128-ctr', 'aes192-ctr', 'aes256-ctr'];
const CIPHER_ORDER = { remove: CTR_CIPHERS, append: CTR_CIPHERS, prepend: [] };

/** One verified, authenticated SSH connection, directly or over the given stream (a bastion's forwarded channel). */
async function connectHop(hop: SshHop, options: ConnectOptions, sock: ClientChannel | undefined): Promise<Client> {
  if (options.signal?.aborted) throw cancelled(`Connecting to ${hopName(hop)}`);
  const [pins, auth] = await Promise.all([options.pinsFor(hop.id), hopAuth(hop, options.secrets)]);
  const check = hostKeyCheck(hop, pins);
  const responder = options.responder ?? passwordResponder;
  const client = new Client();

  return new Promise<Client>((resolve, reject) => {
    let settled = false;
    const finish = (error?: ConnectError) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      if (error) {
        client.end();
        client.destroy();
        reject(error);
      } else resolve(client);
    };
    const onAbort = () => finish(cancelled(`Connecting to ${hopName(hop)}`));
    options.signal?.addEventListener('abort', onAbort, { once: true });

    client.on('ready', () => finish());
    client.on('error', (error: Error & { level?: string }) => finish(check.refusal() ?? explain(hop, error)));
    client.on('close', () => finish(check.refusal() ?? new ConnectError('disconnected', `${hopName(hop)} (${endpointLabel(hop)}) closed the connection during login. Check that SSH logins are allowed for ${hop.username}.`)));
    client.on('keyboard-interactive', (_name, _instructions, _lang, prompts, answer) => {
      responder(hop.id, prompts.map((p) => ({ prompt: p.prompt, echo: p.echo ?? false })), auth.password).then(answer, () => answer([]));
    });
    try {
      client.connect({
        host: sock ? undefined : hop.host,
        port: sock ? undefined : hop.port,
        sock,
        ...auth.config,
        hostVerifier: (key: Buffer) => check.verify(key),
        algorithms: { serverHostKey: preferredHostKeyAlgorithms(pins) as never, cipher: CIPHER_ORDER },
        readyTimeout: options.readyTimeoutMs ?? 20_000,
        keepaliveInterval: options.keepaliveIntervalMs ?? 15_000,
        keepaliveCountMax: options.keepaliveCountMax ?? 3,
      });
    } catch (error) {
      finish(explain(hop, error as Error));
    }
  });
}

function forward(via: Client, from: SshHop, to: SshHop): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    via.forwardOut('127.0.0.1', 0, to.host, to.port, (error, channel) => {
      if (error) reject(new ConnectError('unreachable', `The bastion ${hopName(from)} cannot open a connection to ${endpointLabel(to)} (${error.message}). Check that it may forward TCP and reaches that address.`, { hop: to.id, via: from.id }));
      else resolve(channel);
    });
  });
}

/** Connects through every bastion in turn to the platform; every hop's host key is verified. */
export async function connectTarget(target: SshTarget, options: ConnectOptions): Promise<SshLink> {
  const hops = [...target.jumps, target.hop];
  const chain: Client[] = [];
  const closeAll = () => {
    for (const client of [...chain].reverse()) client.end();
  };
  try {
    let sock: ClientChannel | undefined;
    for (const [index, hop] of hops.entries()) {
      const previous = chain[index - 1];
      const previousHop = hops[index - 1];
      if (previous && previousHop) sock = await forward(previous, previousHop, hop);
      chain.push(await connectHop(hop, options, sock));
    }
  } catch (error) {
    closeAll();
    throw error;
  }
  const client = chain[chain.length - 1] as Client;
  // A bastion that drops takes the platform's connection with it.
  for (const bastion of chain.slice(0, -1)) bastion.on('close', () => client.end());
  client.on('close', closeAll);
  return { client, chain, close: closeAll };
}
