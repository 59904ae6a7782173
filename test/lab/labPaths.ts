import { join } from 'node:path';

/**
 * AP_LAB_ID (one letter b–j) runs a second lab beside the default one: its own folder, bridge, namespaces,
 * veths and subnet, so separate test runs never touch each other's platforms.
 */
const LAB_IDS = ['', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
const LAB_ID = process.env.AP_LAB_ID ?? '';
const LAB_INDEX = LAB_IDS.indexOf(LAB_ID);
if (LAB_INDEX < 0) throw new Error(`AP_LAB_ID must be one of ${LAB_IDS.filter(Boolean).join(', ')} (or unset), not "${LAB_ID}".`);
const SUBNET_OCTET = 231 + LAB_INDEX;

export const LAB_DIR = process.env.AP_LAB_DIR ?? (LAB_ID ? `/var/tmp/apc-lab-${LAB_ID}` : '/var/tmp/apc-lab');
export const NETNS_PREFIX = `apclab${LAB_ID}-`;
export const BRIDGE = `apclab${LAB_ID}0`;
export const BRIDGE_ADDRESS = `10.${SUBNET_OCTET}.0.1`;
export const PREFIX_LENGTH = 16;
export const VETH_PREFIX = `apc${LAB_ID}v`;

export const platformDir = (name: string) => join(LAB_DIR, 'platforms', name);
export const netnsName = (name: string) => `${NETNS_PREFIX}${name}`;
export const mountNsFile = (name: string) => join(LAB_DIR, 'ns', name);
export const fleetFile = () => join(LAB_DIR, 'fleet.json');
export const secretsFile = () => join(LAB_DIR, 'fleet-secrets.json');

/** 10.231.0.2, 10.231.0.3, …: one address per platform on the lab bridge. */
export function platformAddress(index: number): string {
  const host = index + 2;
  return `10.${SUBNET_OCTET}.${Math.floor(host / 250)}.${(host % 250) + (host >= 250 ? 1 : 0)}`;
}

export function hostVethName(index: number): string {
  return `${VETH_PREFIX}${index}`;
}
