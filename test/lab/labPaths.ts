import { join } from 'node:path';

export const LAB_DIR = process.env.AP_LAB_DIR ?? '/var/tmp/apc-lab';
export const NETNS_PREFIX = 'apclab-';
export const BRIDGE = 'apclab0';
export const BRIDGE_ADDRESS = '10.231.0.1';
export const PREFIX_LENGTH = 16;

export const platformDir = (name: string) => join(LAB_DIR, 'platforms', name);
export const netnsName = (name: string) => `${NETNS_PREFIX}${name}`;
export const mountNsFile = (name: string) => join(LAB_DIR, 'ns', name);
export const fleetFile = () => join(LAB_DIR, 'fleet.json');
export const secretsFile = () => join(LAB_DIR, 'fleet-secrets.json');

/** 10.231.0.2, 10.231.0.3, …: one address per platform on the lab bridge. */
export function platformAddress(index: number): string {
  const host = index + 2;
  return `10.231.${Math.floor(host / 250)}.${(host % 250) + (host >= 250 ? 1 : 0)}`;
}

export function hostVethName(index: number): string {
  return `apcv${index}`;
}
