import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importPins, parseKnownHosts } from '../../../electron/core/connect/knownHosts';
import type { HostKeyStore } from '../../../electron/core/connect/hostKeyStore';
import { platformDir } from '../../lab/labPaths';
import { run } from '../../lab/run';
import type { BenchPlatform } from './benchFleet';

/** The public host key a lab platform's SSH server offers, read from the key file the lab made for it. */
async function hostPublicKey(platform: BenchPlatform): Promise<string> {
  const dir = join(platformDir(platform.name), 'ssh');
  const text =
    platform.sshServer === 'openssh'
      ? await readFile(join(dir, 'ssh_host_ed25519_key.pub'), 'utf8')
      : (await run('dropbearkey', ['-y', '-f', join(dir, 'dropbear_ed25519_host_key')])).stdout;
  const line = text.split('\n').find((l) => l.startsWith('ssh-'));
  const [type, key] = line?.split(' ') ?? [];
  if (!type || !key) throw new Error(`no public host key found for ${platform.name}`);
  return `${type} ${key}`;
}

const knownHostsHost = (p: BenchPlatform) => (p.port === 22 ? p.address : `[${p.address}]:${p.port}`);

/**
 * One known_hosts file with every platform's host key, for OpenSSH (Ansible, parallel-ssh), and the same
 * keys pinned in the console's host key store through its known_hosts import: all tools trust the same keys.
 */
export async function trustLabHostKeys(platforms: readonly BenchPlatform[], file: string, store: HostKeyStore): Promise<void> {
  const lines: string[] = [];
  for (let start = 0; start < platforms.length; start += 16) {
    const batch = platforms.slice(start, start + 16);
    const keys = await Promise.all(batch.map(hostPublicKey));
    batch.forEach((p, i) => lines.push(`${knownHostsHost(p)} ${keys[i]}`));
  }
  const text = `${lines.join('\n')}\n`;
  await writeFile(file, text);
  const parsed = parseKnownHosts(text);
  if (parsed.skipped.length > 0) throw new Error(`known_hosts lines not understood: ${JSON.stringify(parsed.skipped)}`);
  const pins = importPins(parsed.entries, platforms.map((p) => ({ id: p.name, host: p.address, port: p.port })), new Date());
  if (pins.length !== platforms.length) throw new Error(`${pins.length} host keys pinned for ${platforms.length} platforms`);
  await store.add(pins);
}
