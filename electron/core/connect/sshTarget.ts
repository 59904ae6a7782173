import { z } from 'zod';

/** One SSH server on the way to a platform: a bastion or the platform itself. */
export const SshHop = z.strictObject({
  /** The id host keys are pinned under: the platform's id, or the bastion's. */
  id: z.string().min(1),
  /** What messages call it: the platform's or bastion's name as the user knows it. */
  name: z.string().min(1).optional(),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(22),
  username: z.string().min(1).default('admin'),
  /** Vault references; absent ones are not tried. */
  passwordRef: z.string().optional(),
  privateKeyPath: z.string().optional(),
  privateKeyRef: z.string().optional(),
  passphraseRef: z.string().optional(),
  /** Use the SSH agent (SSH_AUTH_SOCK, or Pageant on Windows). */
  agent: z.boolean().default(false),
});
export type SshHop = z.output<typeof SshHop>;
export type SshHopInput = z.input<typeof SshHop>;

/** A platform and the bastions in front of it, outermost first. */
export const SshTarget = z.strictObject({
  hop: SshHop,
  jumps: z.array(SshHop).max(8).default([]),
});
export type SshTarget = z.output<typeof SshTarget>;
export type SshTargetInput = z.input<typeof SshTarget>;

/** `host:port`, with IPv6 addresses bracketed. */
export function endpointLabel(hop: { host: string; port: number }): string {
  return hop.host.includes(':') ? `[${hop.host}]:${hop.port}` : `${hop.host}:${hop.port}`;
}

/** A hop as messages name it: its name where the inventory gave one, else its id. */
export function hopName(hop: { id: string; name?: string | undefined }): string {
  return hop.name ?? hop.id;
}
