import { dirname, join } from 'node:path';
import { z } from 'zod';
import { FleetError } from './fleetError';
import { HeldSecret } from './heldSecret';
import { emptyDraft } from './importDraft';
import { readSourceText } from './sourceFile';
import type { DraftSecret, ImportDraft } from './importDraft';

export const LAB_FLEET_KIND = 'ap-console-lab-fleet';
export const LAB_SECRETS_KIND = 'ap-console-lab-secrets';
export const LAB_SECRETS_FILE = 'fleet-secrets.json';
const LAB_HINT = 'Start the lab with "npm run lab -- up" (it writes both files as root), or pick the right file.';

/** What `npm run lab -- up` writes to fleet.json (no secrets); unknown fields are tolerated for newer labs. */
const LabFleetFile = z.object({
  kind: z.literal(LAB_FLEET_KIND),
  version: z.literal(1),
  sites: z.array(
    z.object({
      name: z.string(),
      platforms: z.array(
        z.object({
          name: z.string(),
          address: z.string(),
          sshPort: z.number(),
          sshUser: z.string().optional(),
          formFactor: z.enum(['vm', 'gateway-arm', 'gateway-arm64']),
          sshServer: z.string().optional(),
          expectedRole: z.enum(['standalone', 'primary', 'standby']).optional(),
        }),
      ),
    }),
  ),
  replication: z.array(z.object({ primary: z.string(), standbys: z.array(z.object({ platform: z.string() })) })).default([]),
});

/** fleet-secrets.json beside it (mode 600): the admin and root password of each platform. */
const LabSecretsFile = z.object({
  kind: z.literal(LAB_SECRETS_KIND),
  version: z.literal(1),
  platforms: z.record(z.string(), z.object({ adminPassword: z.string().min(1), rootPassword: z.string().min(1) })),
});

/** JSON.parse's own message quotes the text; for a secrets file that would be a leak, so it is never passed on. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function readSecrets(path: string): Promise<Map<string, DraftSecret[]>> {
  const parsed = LabSecretsFile.safeParse(parseJson(await readSourceText(path, 'lab secrets file', LAB_HINT)));
  if (!parsed.success) throw new FleetError('source_invalid', `${path} is not a lab secrets file (kind "${LAB_SECRETS_KIND}"). Pick the fleet-secrets.json the lab wrote.`);
  return new Map(
    Object.entries(parsed.data.platforms).map(([name, s]) => [
      name,
      [
        { name: 'admin-password', field: 'passwordRef', secret: new HeldSecret(s.adminPassword) },
        { name: 'root-password', field: 'rootPasswordRef', secret: new HeldSecret(s.rootPassword) },
      ],
    ]),
  );
}

/**
 * The lab's fleet file as an import: its sites and platforms with addresses, ports, form factors and
 * replication roles. With `withSecrets` the passwords of fleet-secrets.json come along for the vault.
 */
export async function labFleetDraft(path: string, options: { withSecrets: boolean; secretsPath?: string }): Promise<ImportDraft> {
  const text = await readSourceText(path, 'lab fleet file', LAB_HINT);
  const json = parseJson(text);
  const parsed = LabFleetFile.safeParse(json);
  if (!parsed.success) {
    const kind = typeof json === 'object' && json !== null && 'kind' in json ? String((json as { kind: unknown }).kind).slice(0, 60) : null;
    const what = json === undefined ? 'is not JSON' : kind !== LAB_FLEET_KIND ? `is not a lab fleet file (its kind is ${kind === null ? 'missing' : `"${kind}"`})` : `does not have the lab's layout (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''})`;
    throw new FleetError('source_invalid', `${path} ${what}. Pick the fleet.json that "npm run lab -- up" wrote (kind "${LAB_FLEET_KIND}").`);
  }
  const secrets = options.withSecrets ? await readSecrets(options.secretsPath ?? join(dirname(path), LAB_SECRETS_FILE)) : new Map<string, DraftSecret[]>();
  const siteOf = new Map(parsed.data.sites.flatMap((site) => site.platforms.map((p) => [p.name, site.name] as const)));
  const primaryOf = new Map(parsed.data.replication.flatMap((group) => group.standbys.map((s) => [s.platform, group.primary] as const)));

  const draft = emptyDraft();
  for (const site of parsed.data.sites) {
    draft.sites.push({ name: site.name, fields: {} });
    for (const p of site.platforms) {
      const primary = primaryOf.get(p.name);
      const primarySite = primary === undefined ? undefined : siteOf.get(primary);
      const platformSecrets = secrets.get(p.name);
      if (options.withSecrets && !platformSecrets) draft.notes.push(`The secrets file has no passwords for ${p.name}; it is imported without them.`);
      draft.platforms.push({
        line: null,
        site: site.name,
        name: p.name,
        fields: {
          address: p.address,
          sshPort: p.sshPort,
          sshUser: p.sshUser ?? 'admin',
          formFactor: p.formFactor,
          expectedRole: p.expectedRole ?? (primary === undefined ? 'standalone' : 'standby'),
        },
        expectedPrimary: primary === undefined ? null : { name: primary, ...(primarySite === undefined ? {} : { site: primarySite }) },
        ...(platformSecrets ? { secrets: platformSecrets } : {}),
      });
    }
  }
  return draft;
}
