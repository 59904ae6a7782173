import { z } from 'zod';

export const PlatformSpec = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]{0,22}$/, 'lower-case letters, digits and dashes, starting with a letter, at most 23'),
  site: z.string().min(1).default('Lab'),
  sshServer: z.enum(['openssh', 'dropbear']).default('openssh'),
  formFactor: z.enum(['vm', 'gateway-arm', 'gateway-arm64']).default('vm'),
  build: z.number().int().min(100000).max(999999).default(140029),
  diskMiB: z.number().int().min(16).max(8192).default(256),
  adminPassword: z.string().min(1).default('ipapps'),
  rootPassword: z.string().min(1).default('iplinux'),
});
export type PlatformSpec = z.output<typeof PlatformSpec>;

export const FleetSpec = z
  .strictObject({ platforms: z.array(PlatformSpec).min(1).max(1000) })
  .refine((spec) => new Set(spec.platforms.map((p) => p.name)).size === spec.platforms.length, { message: 'platform names must be unique' });
export type FleetSpec = z.output<typeof FleetSpec>;

/** The data partition's device name as the platform's own kernel names it (admin-facts 1a). */
export function dataDevice(formFactor: PlatformSpec['formFactor']): string {
  return formFactor === 'gateway-arm64' ? 'nvme0n1p2' : 'sda2';
}
