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
  /** 14r2 layout, or the 2021 13r1 one: no reserve file (before 13r1 SR9), no /manager/ramdisk.log, no replication, no arm64. */
  era: z.enum(['14r2', '13r1']).default('14r2'),
  /** full: PostgreSQL and the manager; light: SSH and the filesystem only, for scale. */
  kind: z.enum(['full', 'light']).default('full'),
  instances: z.array(InstanceSpec).default([]),
});
export type PlatformSpec = z.output<typeof PlatformSpec>;

export const ReplicationGroupSpec = z.strictObject({
  primary: z.string(),
  standbys: z
    .array(z.strictObject({ platform: z.string(), standbyName: z.string().regex(/^[a-z][a-z0-9_]{0,30}$/, 'lower-case letters, digits and _') }))
    .min(1)
    .max(8),
});
export type ReplicationGroupSpec = z.output<typeof ReplicationGroupSpec>;

export const MIN_FULL_DISK_MIB = 96;

export const FleetSpec = z
  .strictObject({
    platforms: z.array(
      PlatformSpec.refine((p) => p.kind === 'light' || p.diskMiB >= MIN_FULL_DISK_MIB, {
        message: `a full platform needs diskMiB of at least ${MIN_FULL_DISK_MIB} for PostgreSQL; use kind "light" for smaller ones`,
        path: ['diskMiB'],
      }).refine((p) => !(p.era === '13r1' && p.formFactor === 'gateway-arm64'), { message: 'arm64 gateways (IPx13) came with 13r2', path: ['formFactor'] }),
    ).min(1).max(1000),
    replication: z.array(ReplicationGroupSpec).default([]),
  })
  .refine((spec) => new Set(spec.platforms.map((p) => p.name)).size === spec.platforms.length, { message: 'platform names must be unique' })
  .superRefine((spec, ctx) => {
    const byName = new Map(spec.platforms.map((p) => [p.name, p]));
    const used = new Set<string>();
    for (const group of spec.replication) {
      for (const name of [group.primary, ...group.standbys.map((s) => s.platform)]) {
        const platform = byName.get(name);
        if (platform?.era === '13r1') ctx.addIssue({ code: 'custom', message: `"${name}": replication needs 13r3 or later`, path: ['replication'] });
        if (!platform || platform.kind !== 'full') ctx.addIssue({ code: 'custom', message: `replication member "${name}" must be a full platform of this fleet`, path: ['replication'] });
        if (used.has(name)) ctx.addIssue({ code: 'custom', message: `"${name}" is in more than one replication role`, path: ['replication'] });
        used.add(name);
      }
      if (new Set(group.standbys.map((s) => s.standbyName)).size !== group.standbys.length) ctx.addIssue({ code: 'custom', message: `standby names of ${group.primary} must be unique`, path: ['replication'] });
      for (const standby of group.standbys) {
        if ((byName.get(standby.platform)?.instances.length ?? 0) > 0) ctx.addIssue({ code: 'custom', message: `standby "${standby.platform}" gets its primary's instances; give it none`, path: ['replication'] });
      }
    }
  });
export type FleetSpec = z.output<typeof FleetSpec>;

/** The data partition's device name as the platform's own kernel names it (admin-facts 1a). */
export function dataDevice(formFactor: PlatformSpec['formFactor']): string {
  return formFactor === 'gateway-arm64' ? 'nvme0n1p2' : 'sda2';
}

/** The database (and its owner) of an instance, as the manager names them: <domain>_<instance>. */
export function instanceDatabase(instance: Pick<InstanceSpec, 'domain' | 'name'>): string {
  return `${instance.domain}_${instance.name}`;
}
