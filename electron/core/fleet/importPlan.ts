import { Bastion as BastionSchema, DEFAULT_DISK_ALARM_PERCENT, Platform as PlatformSchema, Site as SiteSchema } from '../contract';
import type { Bastion, ImportItem, Platform, Site } from '../contract';
import { secretRef } from '../vault/secretRef';
import { sentence } from './fleetInput';
import { newId } from './fleetIds';
import type { HeldSecret } from './heldSecret';
import type { DraftBastion, DraftPlatform, HostRef, ImportDraft } from './importDraft';
import type { Inventory } from './inventory';
import { takenIds } from './inventory';
import { NO_PLATFORM_CREDENTIALS, NO_SSH_CREDENTIALS } from './inventoryEdits';
import { hostLabel, indexInventory, inventoryIssues, nameKey } from './inventoryRules';
import type { EntityKind } from './inventoryRules';

export interface SecretWrite {
  ref: string;
  secret: HeldSecret;
}

export interface ImportPlan {
  inventory: Inventory;
  items: ImportItem[];
  secretWrites: SecretWrite[];
  changedIds: string[];
}

type Entry = Site | Platform | Bastion;

interface Tracked {
  entity: EntityKind;
  name: string;
  site: string | null;
  line: number | null;
  id: string;
  /** The entry before the import; null when the import adds it. */
  original: Entry | null;
  skip: string | null;
}

const defined = <T extends object>(patch: T): Partial<T> => Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;

function firstIssue(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.');
  return sentence(field ? `${field}: ${issue?.message ?? 'invalid'}` : (issue?.message ?? 'invalid'));
}

/** The fields of an entry that differ between two versions, as dotted paths. */
function changedFields(before: Entry, after: Entry): string[] {
  const changes: string[] = [];
  for (const [key, value] of Object.entries(after)) {
    const old = (before as Record<string, unknown>)[key];
    if (key === 'credentials' && typeof value === 'object' && value !== null && typeof old === 'object' && old !== null) {
      for (const [sub, v] of Object.entries(value)) if (JSON.stringify((old as Record<string, unknown>)[sub]) !== JSON.stringify(v)) changes.push(`credentials.${sub}`);
    } else if (JSON.stringify(old) !== JSON.stringify(value)) changes.push(key);
  }
  return changes;
}

/**
 * Compares what a source says with the inventory: entries are matched by name (sites), by name within their
 * site (platforms) and by name (bastions); a match is updated with the fields the source gives, the rest is
 * added. An entry that would break a rule is skipped with the reason, and so is anything that needs it; the
 * rest goes in. Nothing is written here.
 */
export function planImport(current: Inventory, draft: ImportDraft, options: { withSecrets: boolean }): ImportPlan {
  const taken = takenIds(current);
  const sites = new Map(current.sites.map((s) => [s.id, s]));
  const platforms = new Map(current.platforms.map((p) => [p.id, p]));
  const bastions = new Map(current.bastions.map((b) => [b.id, b]));
  const tracked: Tracked[] = [];
  /** The entries the import keeps so far, by id. */
  const byId = new Map<string, Tracked>();
  const secretsFor = new Map<string, SecretWrite[]>();

  const mapOf = (entity: EntityKind): Map<string, Entry> => (entity === 'site' ? sites : entity === 'platform' ? platforms : bastions) as Map<string, Entry>;
  // Names never change while planning (matches keep theirs), so these indexes only follow adds and their reverts.
  const siteIdByName = new Map<string, string>();
  const bastionIdByName = new Map<string, string>();
  const platformIdsByName = new Map<string, Set<string>>();
  const register = (entity: EntityKind, entry: Entry, on: boolean) => {
    const key = nameKey(entry.name);
    if (entity !== 'platform') {
      const byName = entity === 'site' ? siteIdByName : bastionIdByName;
      if (on) byName.set(key, entry.id);
      else byName.delete(key);
    } else {
      const ids = platformIdsByName.get(key) ?? new Set<string>();
      if (on) ids.add(entry.id);
      else ids.delete(entry.id);
      platformIdsByName.set(key, ids);
    }
  };
  current.sites.forEach((e) => register('site', e, true));
  current.bastions.forEach((e) => register('bastion', e, true));
  current.platforms.forEach((e) => register('platform', e, true));
  const siteById = (id: string | undefined) => (id === undefined ? undefined : sites.get(id));
  const findSite = (name: string) => siteById(siteIdByName.get(nameKey(name)));
  const findBastion = (name: string) => {
    const id = bastionIdByName.get(nameKey(name));
    return id === undefined ? undefined : bastions.get(id);
  };
  const platformsNamed = (name: string) => [...(platformIdsByName.get(nameKey(name)) ?? [])].flatMap((id) => platforms.get(id) ?? []);
  const platformIn = (siteId: string, name: string) => platformsNamed(name).find((p) => p.siteId === siteId);

  const allTracked = new Map<string, Tracked>();
  const siteTracked = new Map<string, Tracked>();

  const track = (t: Tracked) => {
    tracked.push(t);
    if (!t.skip) {
      byId.set(t.id, t);
      allTracked.set(t.id, t);
      if (!t.original) register(t.entity, mapOf(t.entity).get(t.id) as Entry, true);
    }
    return t;
  };
  const rejectNew = (entity: EntityKind, name: string, site: string | null, line: number | null, reason: string) =>
    track({ entity, name, site, line, id: '', original: null, skip: sentence(reason) });
  function revert(t: Tracked, reason: string): void {
    t.skip = sentence(reason);
    byId.delete(t.id);
    const map = mapOf(t.entity);
    const entry = map.get(t.id);
    if (t.original) map.set(t.id, t.original);
    else {
      if (entry) register(t.entity, entry, false);
      map.delete(t.id);
    }
    secretsFor.delete(t.id);
  }

  // Sites: those the source names, and those its platforms live in.
  const siteDrafts = [...draft.sites, ...draft.platforms.map((p) => ({ name: p.site, fields: {} }))];
  const siteSeen = new Set<string>();
  for (const sd of siteDrafts) {
    const key = nameKey(sd.name);
    if (siteSeen.has(key)) {
      const t = siteTracked.get(key);
      if (t && !t.skip && Object.keys(defined(sd.fields)).length > 0) sites.set(t.id, { ...(sites.get(t.id) as Site), ...defined(sd.fields) });
      continue;
    }
    siteSeen.add(key);
    const existing = findSite(sd.name);
    const id = existing?.id ?? newId('site', taken);
    taken.add(id);
    const site = { ...(existing ?? { id, name: sd.name, customer: '', notes: '', tags: [] }), ...defined(sd.fields) };
    const parsed = SiteSchema.safeParse(site);
    if (!parsed.success) {
      rejectNew('site', sd.name, null, null, firstIssue(parsed.error));
      continue;
    }
    sites.set(id, parsed.data);
    siteTracked.set(key, track({ entity: 'site', name: parsed.data.name, site: null, line: null, id, original: existing ?? null, skip: null }));
  }

  const hostSeen = new Map<string, number | null>();
  const once = (key: string, line: number | null): string | null => {
    if (!hostSeen.has(key)) {
      hostSeen.set(key, line);
      return null;
    }
    const at = hostSeen.get(key);
    return at === null || at === undefined ? 'it is given more than once in the source; only the first is used' : `it is given already on line ${at}; only the first is used`;
  };

  const bastionDrafts = new Map<string, DraftBastion>();
  for (const bd of draft.bastions) {
    const twice = once(`bastion\n${nameKey(bd.name)}`, bd.line);
    if (twice) {
      rejectNew('bastion', bd.name, null, bd.line, twice);
      continue;
    }
    const existing = findBastion(bd.name);
    if (!existing && bd.fields.address === undefined) {
      rejectNew('bastion', bd.name, null, bd.line, 'a new bastion needs an address');
      continue;
    }
    const id = existing?.id ?? newId('bastion', taken);
    taken.add(id);
    const base: Bastion = existing ?? { id, name: bd.name, address: '', sshPort: 22, sshUser: 'admin', jumpHostIds: [], credentials: NO_SSH_CREDENTIALS, tags: [], notes: '' };
    const { credentials, ...fields } = bd.fields;
    const parsed = BastionSchema.safeParse({ ...base, ...defined(fields), credentials: { ...base.credentials, ...defined(credentials ?? {}) } });
    if (!parsed.success) {
      rejectNew('bastion', bd.name, null, bd.line, firstIssue(parsed.error));
      continue;
    }
    bastions.set(id, parsed.data);
    bastionDrafts.set(id, bd);
    track({ entity: 'bastion', name: parsed.data.name, site: null, line: bd.line, id, original: existing ?? null, skip: null });
  }

  const platformDrafts = new Map<string, DraftPlatform>();
  for (const pd of draft.platforms) {
    const site = findSite(pd.site);
    if (!site || !byId.has(site.id)) {
      rejectNew('platform', pd.name, pd.site, pd.line, `its site "${pd.site}" could not be imported`);
      continue;
    }
    const twice = once(`platform\n${site.id}\n${nameKey(pd.name)}`, pd.line);
    if (twice) {
      rejectNew('platform', pd.name, site.name, pd.line, twice);
      continue;
    }
    const existing = platformIn(site.id, pd.name);
    if (!existing && pd.fields.address === undefined) {
      rejectNew('platform', pd.name, site.name, pd.line, 'a new platform needs an address');
      continue;
    }
    const id = existing?.id ?? newId('ap', taken);
    taken.add(id);
    const base: Platform = existing ?? {
      id,
      siteId: site.id,
      name: pd.name,
      address: '',
      sshPort: 22,
      sshUser: 'admin',
      jumpHostIds: [],
      formFactor: null,
      expectedRole: 'standalone',
      expectedPrimaryId: null,
      diskAlarmPercent: DEFAULT_DISK_ALARM_PERCENT,
      credentials: NO_PLATFORM_CREDENTIALS,
      tags: [],
      notes: '',
    };
    const { credentials, ...fields } = pd.fields;
    const merged: Platform = { ...base, ...defined(fields), credentials: { ...base.credentials, ...defined(credentials ?? {}) } };
    if (merged.expectedRole !== 'standby') merged.expectedPrimaryId = null;
    if (options.withSecrets && pd.secrets && pd.secrets.length > 0) {
      const writes = pd.secrets.map((s) => ({ ref: secretRef('platform', id, s.name), secret: s.secret, field: s.field }));
      for (const w of writes) merged.credentials[w.field] = w.ref;
      secretsFor.set(id, writes.map(({ ref, secret }) => ({ ref, secret })));
    }
    const parsed = PlatformSchema.safeParse(merged);
    if (!parsed.success) {
      rejectNew('platform', pd.name, site.name, pd.line, firstIssue(parsed.error));
      secretsFor.delete(id);
      continue;
    }
    platforms.set(id, parsed.data);
    platformDrafts.set(id, pd);
    track({ entity: 'platform', name: parsed.data.name, site: site.name, line: pd.line, id, original: existing ?? null, skip: null });
  }

  // References by name, now that every entry of the source has its id.
  const refText = (ref: HostRef) => (ref.site ? `${ref.site}/${ref.name}` : ref.name);
  const resolve = (ref: HostRef, siteId: string | null, platformsOnly: boolean): { id: string } | { problem: string } => {
    if (ref.site !== undefined) {
      const site = findSite(ref.site);
      const found = site && platformIn(site.id, ref.name);
      return found ? { id: found.id } : { problem: `"${refText(ref)}" is not a platform of the inventory or the source` };
    }
    const bastion = platformsOnly ? undefined : findBastion(ref.name);
    if (bastion) return { id: bastion.id };
    const everywhere = platformsNamed(ref.name);
    const sameSite = everywhere.filter((p) => p.siteId === siteId);
    const candidates = sameSite.length > 0 ? sameSite : everywhere;
    if (candidates.length === 1 && candidates[0]) return { id: candidates[0].id };
    if (candidates.length > 1) {
      const siteNames = candidates.map((p) => sites.get(p.siteId)?.name ?? '?');
      return { problem: `"${ref.name}" is a platform of several sites (${siteNames.join(', ')}); write it as Site/${ref.name}` };
    }
    return { problem: `"${ref.name}" is ${platformsOnly ? 'not a platform' : 'neither a bastion nor a platform'} of the inventory or the source` };
  };
  const resolveAll = (refs: readonly HostRef[], siteId: string | null): { ids: string[] } | { problem: string } => {
    const ids: string[] = [];
    for (const ref of refs) {
      const found = resolve(ref, siteId, false);
      if ('problem' in found) {
        const rejected = ref.site === undefined ? [...tracked.filter((t) => t.skip), ...draft.rejected].find((t) => t.entity !== 'site' && nameKey(t.name) === nameKey(ref.name)) : undefined;
        if (rejected) return { problem: `its jump host "${ref.name}"${rejected.line === null ? '' : ` (line ${rejected.line})`} cannot be imported either` };
        return { problem: `jump host ${found.problem}` };
      }
      ids.push(found.id);
    }
    return { ids };
  };
  for (const [id, bd] of bastionDrafts) {
    const t = byId.get(id);
    if (!t || !bd.jumps) continue;
    const found = resolveAll(bd.jumps, null);
    if ('problem' in found) revert(t, found.problem);
    else bastions.set(id, { ...(bastions.get(id) as Bastion), jumpHostIds: found.ids });
  }
  for (const [id, pd] of platformDrafts) {
    const t = byId.get(id);
    const platform = platforms.get(id);
    if (!t || !platform) continue;
    let next = platform;
    if (pd.jumps) {
      const found = resolveAll(pd.jumps, platform.siteId);
      if ('problem' in found) {
        revert(t, found.problem);
        continue;
      }
      next = { ...next, jumpHostIds: found.ids };
    }
    if (pd.expectedPrimary !== undefined) {
      const found = pd.expectedPrimary === null ? { id: null } : resolve(pd.expectedPrimary, platform.siteId, true);
      if ('problem' in found) {
        revert(t, `expected primary ${found.problem}`);
        continue;
      }
      next = { ...next, expectedPrimaryId: found.id };
    }
    platforms.set(id, next);
  }

  const build = (): Inventory => ({ version: 1, sites: [...sites.values()], platforms: [...platforms.values()], bastions: [...bastions.values()] });

  // Skip what breaks a rule, then what needed a skipped entry, until the rest holds together.
  for (let round = 0; round <= tracked.length; round++) {
    const inventory = build();
    const issues = inventoryIssues(inventory);
    if (issues.length === 0) break;
    const index = indexInventory(inventory);
    let progress = false;
    for (const issue of issues) {
      const own = byId.get(issue.id);
      if (own) {
        const missing = /^jump host (\S+) is neither/.exec(issue.message)?.[1];
        const cause = missing === undefined ? undefined : allTracked.get(missing);
        const skipped = cause?.skip ? cause : undefined;
        revert(own, skipped ? `its jump host ${skipped.name} is skipped` : issue.message);
        progress = true;
        continue;
      }
      const platform = index.platforms.get(issue.id);
      const host = platform ?? index.bastions.get(issue.id);
      const referenced: string[] = [...(host?.jumpHostIds ?? []), ...(platform?.expectedPrimaryId ? [platform.expectedPrimaryId] : [])];
      for (const ref of referenced) {
        const cause = byId.get(ref);
        if (!cause) continue;
        revert(cause, `${hostLabel(index, issue.id)} would break: ${issue.message}`);
        progress = true;
      }
    }
    if (!progress) throw new Error(`import plan left rule problems it cannot attribute: ${issues[0]?.message ?? ''}`);
  }

  // A new site none of whose platforms made it in is not added either.
  const inhabited = new Set([...platforms.values()].map((p) => p.siteId));
  const meantForPlatforms = new Set(draft.platforms.map((p) => nameKey(p.site)));
  for (const t of tracked) {
    if (t.entity !== 'site' || t.skip || t.original) continue;
    if (meantForPlatforms.has(nameKey(t.name)) && !inhabited.has(t.id)) revert(t, 'none of its platforms can be imported');
  }

  const items: ImportItem[] = [];
  const changedIds: string[] = [];
  for (const t of tracked) {
    const after = t.skip ? undefined : mapOf(t.entity).get(t.id);
    const base = { entity: t.entity, name: t.name, site: t.site, line: t.line };
    if (!after) {
      items.push({ ...base, action: 'skip', reason: t.skip, changes: [], id: t.original?.id ?? null });
    } else if (!t.original) {
      items.push({ ...base, action: 'add', reason: null, changes: [], id: t.id });
      changedIds.push(t.id);
    } else {
      const changes = changedFields(t.original, after);
      if (changes.length === 0) items.push({ ...base, action: 'skip', reason: 'Unchanged: the inventory has it like this already.', changes: [], id: t.id });
      else {
        items.push({ ...base, action: 'update', reason: null, changes, id: t.id });
        changedIds.push(t.id);
      }
    }
  }
  for (const r of draft.rejected) items.push({ entity: r.entity, action: 'skip', name: r.name, site: r.site, line: r.line, reason: sentence(r.reason), changes: [], id: null });
  items.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));

  const secretWrites = [...secretsFor.entries()].filter(([id]) => byId.has(id)).flatMap(([, writes]) => writes);
  const inventory = changedIds.length > 0 ? build() : current;
  return { inventory, items, secretWrites, changedIds };
}
