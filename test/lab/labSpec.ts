import { z } from 'zod';

export const InstanceSpec = z.strictObject({
  domain: z.string().min(1).max(40),
  name: z.string().min(1).max(22),
  app: z.string().min(1).default('innovaphone-app'),
  sizeMiB: z.number().min(0).max(2048).default(1),
});
export type InstanceSpec = z.output<typeof InstanceSpec>;

export const PlatformSpec = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]{0,22}$/, 'lower-case letters, digits and dashes, starting with a letter, at most 23'),
  site: z.string().min(1).default('Lab'),
  sshServer: z.enum(['openssh', 'dropbear']).default('openssh'),
  formFactor: z.enum(['vm', 'gateway-arm', 'gateway-arm64']).default('vm'),
  build: z.number().int().min(100000).max(999999).default(140029),
  diskMiB: z.number().int().min(16).max(8192).default(256),
  adminPassword: z.string().min(1).default('ipapps'),
  rootPassword: z.string().min(1).default('iplinux'),
  managerPassword: z.string().min(1).default('pwd'),
  /** full: PostgreSQL and the manager; light: SSH and the filesystem only, for scale. */
  kind: z.enum(['full', 'light']).default('full'),
  instances: z.array(InstanceSpec).default([]),
});
export type PlatformSpec = z.output<typeof PlatformSpec>;

export const MIN_FULL_DISK_MIB = 96;

export const FleetSpec = z
  .strictObject({
    platforms: z.array(
      PlatformSpec.refine((p) => p.kind === 'light' || p.diskMiB >= MIN_FULL_DISK_MIB, {
        message: `a full platform needs diskMiB of at least ${MIN_FULL_DISK_MIB} for PostgreSQL; use kind "light" for smaller ones`,
        path: ['diskMiB'],
      }),
    ).min(1).max(1000),
  })
  .refine((spec) => new Set(spec.platforms.map((p) => p.name)).size === spec.platforms.length, { message: 'platform names must be unique' });
export type FleetSpec = z.output<typeof FleetSpec>;

/** The data partition's device name as the platform's own kernel names it (admin-facts 1a). */
export function dataDevice(formFactor: PlatformSpec['formFactor']): string {
  return formFactor === 'gateway-arm64' ? 'nvme0n1p2' : 'sda2';
}

/** The database (and its owner) of an instance, as the manager names them: <domain>_<instance>. */
export function instanceDatabase(instance: Pick<InstanceSpec, 'domain' | 'name'>): string {
  return `${instance.domain}_${instance.name}`;
}
