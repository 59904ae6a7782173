import { SshTarget } from '../connect/sshTarget';
import type { SshHopInput } from '../connect/sshTarget';
import type { Bastion, Platform } from '../contract';
import { FleetError } from './fleetError';
import type { Inventory } from './inventory';
import { hostLabel, hostOf, indexInventory, jumpRoute } from './inventoryRules';

function hopOf(host: Platform | Bastion, name: string): SshHopInput {
  const { credentials } = host;
  const hop: SshHopInput = { id: host.id, name, host: host.address, port: host.sshPort, username: host.sshUser, agent: credentials.agent };
  if (credentials.passwordRef !== null) hop.passwordRef = credentials.passwordRef;
  if (credentials.privateKeyPath !== null) hop.privateKeyPath = credentials.privateKeyPath;
  if (credentials.privateKeyRef !== null) hop.privateKeyRef = credentials.privateKeyRef;
  if (credentials.passphraseRef !== null) hop.passphraseRef = credentials.passphraseRef;
  return hop;
}

/**
 * How to reach a platform (or bastion) of the inventory over SSH: its own hop and the jump hosts in front of it,
 * outermost first, each pinned under its inventory id and logging in with its own vault refs.
 */
export function sshTargetFor(inventory: Inventory, hostId: string): SshTarget {
  const index = indexInventory(inventory);
  const host = hostOf(index, hostId);
  if (!host) throw new FleetError('not_found', `There is no platform or bastion with id ${hostId} in the inventory. Reload the fleet.`);
  const result = jumpRoute(index, hostId);
  if ('problem' in result) throw new FleetError('invalid', `${hostLabel(index, hostId)} cannot be reached: ${result.problem}. Fix its jump hosts.`, 'jumpHostIds');
  if (result.route.includes(hostId)) throw new FleetError('invalid', `${hostLabel(index, hostId)} cannot be reached: its jump hosts lead back to it. Fix its jump hosts.`, 'jumpHostIds');
  const jumps = result.route.map((id) => {
    const jump = hostOf(index, id);
    if (!jump) throw new FleetError('invalid', `${hostLabel(index, hostId)} cannot be reached: jump host ${id} is not in the inventory. Fix its jump hosts.`, 'jumpHostIds');
    return hopOf(jump, hostLabel(index, id));
  });
  const target = SshTarget.safeParse({ hop: hopOf(host, hostLabel(index, hostId)), jumps });
  if (!target.success) {
    throw new FleetError('invalid', `${hostLabel(index, hostId)} cannot be reached: ${target.error.issues[0]?.message ?? 'its connection settings are incomplete'}. Fix its jump hosts.`, 'jumpHostIds');
  }
  return target.data;
}
