import type { Platform, PlatformCredentials, PlatformUpdate } from '../../../electron/core/contract';

/** The secrets a platform (or a whole site) can have in the vault. */
export const SECRET_FIELDS = [
  { id: 'admin', label: 'Admin password', refName: 'admin-password', credential: 'passwordRef', optional: false },
  { id: 'root', label: 'Root password', refName: 'root-password', credential: 'rootPasswordRef', optional: false },
  { id: 'manager', label: 'AP Manager password', refName: 'manager-password', credential: 'managerPasswordRef', optional: true },
  { id: 'database', label: 'Database password', refName: 'database-password', credential: 'databasePasswordRef', optional: true },
] as const;

export type SecretFieldId = (typeof SECRET_FIELDS)[number]['id'];
type RefCredential = (typeof SECRET_FIELDS)[number]['credential'];

/** Whom the credentials are for: one platform, or every platform of a site sharing one set. */
export type CredentialScope = { kind: 'platform'; id: string } | { kind: 'site'; id: string };

/** Vault refs as the vault allows them: `platform:<id>:admin-password`, `site:<siteId>:root-password`; inventory ids fit. */
export function credentialRef(scope: CredentialScope, field: SecretFieldId): string {
  const spec = SECRET_FIELDS.find((f) => f.id === field);
  if (!spec) throw new Error(`unknown credential field ${field}`);
  return `${scope.kind}:${scope.id}:${spec.refName}`;
}

export type StoredState = 'stored' | 'not stored' | 'missing';

/** Stored when the platform names a ref and the vault has it; missing when it names one the vault lacks. */
export function storedState(credentials: PlatformCredentials, field: SecretFieldId, vaultRefs: ReadonlySet<string>): StoredState {
  const spec = SECRET_FIELDS.find((f) => f.id === field);
  const ref = spec ? credentials[spec.credential] : null;
  if (!ref) return 'not stored';
  return vaultRefs.has(ref) ? 'stored' : 'missing';
}

/** How many of the platforms have the secret stored, for a site-wide view. */
export function storedCount(platforms: readonly Platform[], field: SecretFieldId, vaultRefs: ReadonlySet<string>): number {
  return platforms.filter((p) => storedState(p.credentials, field, vaultRefs) === 'stored').length;
}

/** What the user entered; an empty secret leaves the stored one as it is, an empty database user too. */
export type CredentialEntry = Partial<Record<SecretFieldId, string>> & { databaseUser?: string };

export interface CredentialPlan {
  secrets: Array<{ ref: string; field: SecretFieldId }>;
  updates: PlatformUpdate[];
}

/** The vault writes and inventory updates that store an entry for the scope's platforms. */
export function credentialPlan(scope: CredentialScope, platforms: readonly Platform[], entry: CredentialEntry): CredentialPlan {
  const secrets = SECRET_FIELDS.filter((f) => (entry[f.id] ?? '') !== '').map((f) => ({ ref: credentialRef(scope, f.id), field: f.id }));
  const refs: Partial<Record<RefCredential, string>> = {};
  for (const { ref, field } of secrets) {
    const spec = SECRET_FIELDS.find((f) => f.id === field);
    if (spec) refs[spec.credential] = ref;
  }
  const databaseUser = entry.databaseUser?.trim();
  const credentials: PlatformUpdate['credentials'] = { ...refs, ...(databaseUser ? { databaseUser } : {}) };
  const changes = Object.keys(credentials ?? {}).length > 0;
  const updates = changes ? platforms.map((p) => ({ id: p.id, credentials })) : [];
  return { secrets, updates };
}
