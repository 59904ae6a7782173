import { BRIDGE, BRIDGE_ADDRESS, NETNS_PREFIX, PREFIX_LENGTH, VETH_PREFIX, hostVethName, netnsName } from './labPaths';
import { run } from './run';

async function linkExists(name: string): Promise<boolean> {
  return (await run('ip', ['link', 'show', 'dev', name], { allowFailure: true })).code === 0;
}

/** The lab bridge on the host: every platform hangs off it, and the host reaches them all through it. */
export async function ensureBridge(): Promise<void> {
  if (await linkExists(BRIDGE)) return;
  await run('ip', ['link', 'add', BRIDGE, 'type', 'bridge']);
  await run('ip', ['addr', 'add', `${BRIDGE_ADDRESS}/${PREFIX_LENGTH}`, 'dev', BRIDGE]);
  await run('ip', ['link', 'set', BRIDGE, 'up']);
}

/** A network namespace with eth0 on the lab bridge at the given address. */
export async function addPlatformNetwork(name: string, index: number, address: string): Promise<void> {
  const ns = netnsName(name);
  const hostSide = hostVethName(index);
  await run('ip', ['netns', 'add', ns]);
  await run('ip', ['link', 'add', hostSide, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns]);
  await run('ip', ['link', 'set', hostSide, 'master', BRIDGE, 'up']);
  const inNs = (...args: string[]) => run('ip', ['-n', ns, ...args]);
  await inNs('link', 'set', 'lo', 'up');
  await inNs('addr', 'add', `${address}/${PREFIX_LENGTH}`, 'dev', 'eth0');
  await inNs('link', 'set', 'eth0', 'up');
  await inNs('route', 'add', 'default', 'via', BRIDGE_ADDRESS);
}

export async function labNamespaces(): Promise<string[]> {
  const { stdout } = await run('ip', ['netns', 'list']);
  return stdout
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name.startsWith(NETNS_PREFIX));
}

/** Whether any lab (of any AP_LAB_ID) still has a platform namespace. */
export async function anyLabRunning(): Promise<boolean> {
  const { stdout } = await run('ip', ['netns', 'list']);
  return stdout.split('\n').some((line) => line.startsWith('apclab'));
}

/** Every process inside a platform's network namespace: all it runs. */
export async function namespacePids(ns: string): Promise<number[]> {
  const { stdout } = await run('ip', ['netns', 'pids', ns], { allowFailure: true });
  return stdout.split('\n').filter(Boolean).map(Number);
}

export async function removeNamespace(ns: string): Promise<void> {
  await run('ip', ['netns', 'del', ns], { allowFailure: true });
}

export async function removeBridge(): Promise<void> {
  if (await linkExists(BRIDGE)) await run('ip', ['link', 'del', BRIDGE]);
}

/** Host ends of platform links left behind by a namespace that died late. */
export async function removeHostVeths(): Promise<void> {
  const { stdout } = await run('ip', ['-o', 'link', 'show']);
  for (const match of stdout.matchAll(new RegExp(`^\\d+: (${VETH_PREFIX}\\d+)[@:]`, 'gm'))) {
    if (match[1]) await run('ip', ['link', 'del', match[1]], { allowFailure: true });
  }
}
