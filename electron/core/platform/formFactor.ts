import type { FormFactor } from './platformFacts';

/** An NVMe namespace or its partition: /dev/nvme0n1, /dev/nvme0n1p2. */
const NVME = /(?:^|\/)nvme\d+n\d+(?:p\d+)?$/;

/**
 * The form factor from the data partition's device and the machine architecture: an NVMe data device
 * is an arm64 gateway (IPx13); otherwise aarch64 is an arm64 gateway, arm* an ARM gateway (IPx10/IPx11)
 * and x86_64 a VM. Null when neither tells.
 */
export function detectFormFactor(dataDevice: string | null, arch: string | null): FormFactor | null {
  if (dataDevice !== null && NVME.test(dataDevice)) return 'gateway-arm64';
  if (arch === null) return null;
  if (arch === 'aarch64' || arch === 'arm64') return 'gateway-arm64';
  if (arch.startsWith('arm')) return 'gateway-arm';
  if (arch === 'x86_64' || arch === 'amd64') return 'vm';
  return null;
}
