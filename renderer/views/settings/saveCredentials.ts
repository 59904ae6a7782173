import type { Platform } from '../../../electron/core/contract';
import { api } from '../../api/api';
import { describeError } from '../../store/describeError';
import type { CredentialEntry, CredentialScope } from './credentialRefs';
import { SECRET_FIELDS, credentialPlan } from './credentialRefs';

export interface SaveOutcome {
  /** A sentence for the user: what was stored, or what failed and what to do. */
  message: string;
  ok: boolean;
}

/**
 * Puts the entered secrets into the vault under the scope's refs, then points each platform's
 * credentials at them. `setSecret` is the vault store's, so its state follows.
 */
export async function saveCredentials(
  scope: CredentialScope,
  platforms: readonly Platform[],
  entry: CredentialEntry,
  setSecret: (ref: string, secret: string) => Promise<string | null>,
): Promise<SaveOutcome> {
  const plan = credentialPlan(scope, platforms, entry);
  if (plan.secrets.length === 0 && plan.updates.length === 0) return { ok: false, message: 'Nothing entered: type the passwords to store, then save.' };
  for (const { ref, field } of plan.secrets) {
    const problem = await setSecret(ref, entry[field] ?? '');
    if (problem) return { ok: false, message: problem };
  }
  const failed: string[] = [];
  for (const update of plan.updates) {
    try {
      await api.call('fleet.updatePlatform', update);
    } catch (error) {
      const name = platforms.find((p) => p.id === update.id)?.name ?? update.id;
      failed.push(`${name}: ${describeError(error, 'update the platform')}`);
    }
  }
  const what = SECRET_FIELDS.filter((f) => plan.secrets.some((s) => s.field === f.id)).map((f) => f.label.toLowerCase());
  if (entry.databaseUser?.trim()) what.push('database user');
  const stored = `Stored the ${what.join(', ')} for ${plan.updates.length} platform${plan.updates.length === 1 ? '' : 's'}`;
  if (failed.length === 0) return { ok: true, message: `${stored}.` };
  return { ok: false, message: `${stored}, but ${failed.length} could not be updated. ${failed.slice(0, 3).join(' ')} Save again to retry.` };
}
