import type { FormFactor, Platform, PlatformRole, PlatformStatus } from '../../../electron/core/contract';

type Replication = NonNullable<PlatformStatus['replication']>;

const FORM_FACTORS: Record<FormFactor, string> = {
  vm: 'Virtual machine',
  'gateway-arm': 'Gateway (ARM)',
  'gateway-arm64': 'Gateway (ARM64)',
};

export function formFactorText(formFactor: FormFactor | null): string {
  return formFactor ? FORM_FACTORS[formFactor] : 'Not known yet';
}

/** The role the database plays now; a standby out of recovery takes writes like a primary. */
export function actualRole(replication: Replication | null): PlatformRole | null {
  if (!replication) return null;
  if (replication.role === 'off') return 'standalone';
  if (replication.role === 'standby' && replication.condition === 'not_in_recovery') return 'primary';
  return replication.role;
}

export interface RoleSummary {
  expected: PlatformRole;
  actual: PlatformRole | null;
  /** The database plays another role than the inventory says. */
  mismatch: boolean;
  text: string;
}

export function roleSummary(platform: Platform, replication: Replication | null): RoleSummary {
  const actual = actualRole(replication);
  const mismatch = actual !== null && actual !== platform.expectedRole;
  const now = actual === null ? 'not read yet' : actual;
  const text = mismatch ? `${now} (the inventory expects ${platform.expectedRole})` : actual === null ? `${platform.expectedRole} expected, ${now}` : actual;
  return { expected: platform.expectedRole, actual, mismatch, text };
}

const REACH_SENTENCES: Record<PlatformStatus['reach']['state'], string> = {
  ok: 'Reached over SSH in the last poll.',
  unreachable: 'Could not be reached. Check the address, the network and any jump host.',
  timeout: 'Did not answer in time. Check the network, then poll again.',
  auth_failed: 'Refused the login. Check the admin user and password or key in the inventory.',
  host_key_changed: 'Its SSH host key changed. Decide whether to trust the new key before the console connects again.',
  host_key_unknown: 'Its SSH host key is not trusted yet. Compare the fingerprint, then trust it.',
  error: 'The last poll failed. Poll again, or look at the notes below.',
};

/** A sentence on how the last poll reached the platform: the engine's own message where it gave one. */
export function reachSentence(reach: PlatformStatus['reach']): string {
  return reach.message ?? REACH_SENTENCES[reach.state];
}

export type ServiceState = 'running' | 'stopped' | 'unknown';

export function serviceState(value: boolean | null): ServiceState {
  return value === null ? 'unknown' : value ? 'running' : 'stopped';
}

const LOGIN_TEXT: Record<PlatformStatus['managerLogin'], string> = {
  ok: 'Logged in',
  refused: 'The AP Manager refused the stored manager password',
  untrusted: 'Not tried: the webserver certificate is not trusted yet',
  failed: 'The login failed',
  not_tried: 'Not tried: it needs a stored manager password and a trusted webserver certificate',
};

export function managerLoginText(login: PlatformStatus['managerLogin']): string {
  return LOGIN_TEXT[login];
}

/** Whole days from now until an ISO time; negative once it passed. */
export function daysUntil(iso: string, nowMs: number): number {
  return Math.floor((Date.parse(iso) - nowMs) / 86_400_000);
}
