import { PREFIX_LENGTH, netnsName, platformAddress } from './labPaths';
import { run } from './run';

/** A free address on the lab network, far above the platforms' own. */
export const spareAddress = (n = 0) => platformAddress(240 + n);

/** The platform answers at another address too (its eth0 gets a second one), as after an address change with the old one still up. */
export async function addAddress(name: string, address: string): Promise<void> {
  await run('ip', ['-n', netnsName(name), 'addr', 'add', `${address}/${PREFIX_LENGTH}`, 'dev', 'eth0']);
}
