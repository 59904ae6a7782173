import { MAX_JUMP_HOSTS } from '../contract';
import type { Bastion, Platform, Site } from '../contract';

export interface InventoryContent {
  sites: readonly Site[];
  platforms: readonly Platform[];
  bastions: readonly Bastion[];
}

export type EntityKind = 'site' | 'platform' | 'bastion';

/** One broken rule: which entry, which of its fields (a dotted path), and what to do, in words. */
export interface InventoryIssue {
  entity: EntityKind;
  id: string;
  field: string;
  message: string;
}

export interface InventoryIndex {
  sites: ReadonlyMap<string, Site>;
  platforms: ReadonlyMap<string, Platform>;
  bastions: ReadonlyMap<string, Bastion>;
}

/** The most standbys one primary can serve (AP replication rules). */
export const MAX_STANDBYS = 8;

/** Names compare without case and surrounding space: "AP1 " and "ap1" are the same name. */
export const nameKey = (name: string): string => name.normalize('NFC').trim().toLowerCase();

export function indexInventory(inventory: InventoryContent): InventoryIndex {
  return {
    sites: new Map(inventory.sites.map((s) => [s.id, s])),
    platforms: new Map(inventory.platforms.map((p) => [p.id, p])),
    bastions: new Map(inventory.bastions.map((b) => [b.id, b])),
  };
}

export type JumpCapable = Platform | Bastion;

export function hostOf(index: InventoryIndex, id: string): JumpCapable | undefined {
  return index.platforms.get(id) ?? index.bastions.get(id);
}

/** A host as the user knows it: `Site/name` for a platform, the name for a bastion. */
export function hostLabel(index: InventoryIndex, id: string): string {
  const platform = index.platforms.get(id);
  if (platform) return `${index.sites.get(platform.siteId)?.name ?? '?'}/${platform.name}`;
  return index.bastions.get(id)?.name ?? id;
}

export type RouteResult = { route: string[] } | { problem: string };

/**
 * Every hop in front of a host, outermost first. As with OpenSSH's ProxyJump, the first jump host's own jump
 * hosts come before it; the later ones are reached through the earlier ones and their own settings are not followed.
 */
export function jumpRoute(index: InventoryIndex, id: string, seen: readonly string[] = []): RouteResult {
  const host = hostOf(index, id);
  if (!host) return { problem: `jump host ${id} is neither a platform nor a bastion of the inventory` };
  const first = host.jumpHostIds[0];
  if (first === undefined) return { route: [] };
  const path = [...seen, id];
  if (path.length > MAX_JUMP_HOSTS + 1) return { problem: `the way to ${hostLabel(index, path[0] ?? id)} needs more than ${MAX_JUMP_HOSTS} jump hosts; at most ${MAX_JUMP_HOSTS} are possible` };
  if (path.includes(first)) {
    return { problem: `the jump hosts form a loop: ${[...path.slice(path.indexOf(first)), first].map((h) => hostLabel(index, h)).join(' → ')}; remove one of them from the jump hosts` };
  }
  const before = jumpRoute(index, first, path);
  if ('problem' in before) return before;
  return { route: [...before.route, ...host.jumpHostIds] };
}

function jumpIssues(index: InventoryIndex, entity: EntityKind, host: JumpCapable): InventoryIssue[] {
  const issue = (field: string, message: string): InventoryIssue => ({ entity, id: host.id, field, message });
  const issues: InventoryIssue[] = [];
  host.jumpHostIds.forEach((jumpId, i) => {
    if (jumpId === host.id) issues.push(issue(`jumpHostIds.${i}`, `${host.name} cannot be its own jump host`));
    else if (!hostOf(index, jumpId)) issues.push(issue(`jumpHostIds.${i}`, `jump host ${jumpId} is neither a platform nor a bastion of the inventory`));
    else if (host.jumpHostIds.indexOf(jumpId) !== i) issues.push(issue(`jumpHostIds.${i}`, `${hostLabel(index, jumpId)} is listed twice as a jump host`));
  });
  if (issues.length > 0 || host.jumpHostIds.length === 0) return issues;
  const result = jumpRoute(index, host.id);
  if ('problem' in result) return [issue('jumpHostIds', result.problem)];
  const { route } = result;
  if (route.includes(host.id)) {
    return [issue('jumpHostIds', `the jump hosts form a loop: ${[...route, host.id].map((h) => hostLabel(index, h)).join(' → ')} reaches ${host.name} through itself`)];
  }
  const repeated = route.find((h, i) => route.indexOf(h) !== i);
  if (repeated !== undefined) {
    return [issue('jumpHostIds', `the way to ${host.name} passes ${hostLabel(index, repeated)} twice (${route.map((h) => hostLabel(index, h)).join(' → ')}); drop the repeated jump host`)];
  }
  if (route.length > MAX_JUMP_HOSTS) {
    return [issue('jumpHostIds', `the way to ${host.name} needs ${route.length} jump hosts (${route.map((h) => hostLabel(index, h)).join(' → ')}); at most ${MAX_JUMP_HOSTS} are possible`)];
  }
  return [];
}

function primaryIssues(index: InventoryIndex, platform: Platform, standbyCount: Map<string, number>): InventoryIssue[] {
  const issue = (message: string): InventoryIssue[] => [{ entity: 'platform', id: platform.id, field: 'expectedPrimaryId', message }];
  const primaryId = platform.expectedPrimaryId;
  if (primaryId === null) return [];
  if (platform.expectedRole !== 'standby') return issue(`only a standby has an expected primary; ${platform.name} is expected to be ${platform.expectedRole}`);
  if (primaryId === platform.id) return issue(`${platform.name} cannot be its own primary`);
  const primary = index.platforms.get(primaryId);
  if (!primary) return issue(`the expected primary ${primaryId} is not a platform of the inventory`);
  if (primary.expectedRole !== 'primary') return issue(`${hostLabel(index, primaryId)} is not expected to be a primary (it is ${primary.expectedRole}); make it a primary first`);
  const count = (standbyCount.get(primaryId) ?? 0) + 1;
  standbyCount.set(primaryId, count);
  if (count > MAX_STANDBYS) return issue(`${hostLabel(index, primaryId)} already has ${MAX_STANDBYS} standbys, the most a primary can serve`);
  return [];
}

/** Every broken rule of an inventory: duplicate names, dangling references, jump host loops, replication roles. */
export function inventoryIssues(inventory: InventoryContent, index: InventoryIndex = indexInventory(inventory)): InventoryIssue[] {
  const issues: InventoryIssue[] = [];
  const siteNames = new Map<string, string>();
  for (const site of inventory.sites) {
    const key = nameKey(site.name);
    if (siteNames.has(key)) issues.push({ entity: 'site', id: site.id, field: 'name', message: `a site named "${site.name}" already exists; choose another name` });
    else siteNames.set(key, site.id);
  }
  const idOwners = new Set<string>();
  const duplicateId = (entity: EntityKind, id: string) => {
    if (idOwners.has(id)) issues.push({ entity, id, field: 'id', message: `the id ${id} is used twice` });
    idOwners.add(id);
  };
  inventory.sites.forEach((s) => duplicateId('site', s.id));
  inventory.platforms.forEach((p) => duplicateId('platform', p.id));
  inventory.bastions.forEach((b) => duplicateId('bastion', b.id));

  const platformNames = new Set<string>();
  const standbyCount = new Map<string, number>();
  for (const platform of inventory.platforms) {
    const site = index.sites.get(platform.siteId);
    if (!site) issues.push({ entity: 'platform', id: platform.id, field: 'siteId', message: `site ${platform.siteId} does not exist; pick a site of the inventory` });
    const key = `${platform.siteId}\n${nameKey(platform.name)}`;
    if (platformNames.has(key)) {
      issues.push({ entity: 'platform', id: platform.id, field: 'name', message: `site "${site?.name ?? platform.siteId}" already has a platform named "${platform.name}"; choose another name` });
    }
    platformNames.add(key);
    issues.push(...jumpIssues(index, 'platform', platform), ...primaryIssues(index, platform, standbyCount));
  }
  const bastionNames = new Set<string>();
  for (const bastion of inventory.bastions) {
    const key = nameKey(bastion.name);
    if (bastionNames.has(key)) issues.push({ entity: 'bastion', id: bastion.id, field: 'name', message: `a bastion named "${bastion.name}" already exists; choose another name` });
    bastionNames.add(key);
    issues.push(...jumpIssues(index, 'bastion', bastion));
  }
  return issues;
}

/** Hosts that reach `ids` through them (as a jump host) or replicate from them, except those in `ids` themselves. */
export function dependantsOf(inventory: InventoryContent, ids: ReadonlySet<string>): { jumpers: JumpCapable[]; standbys: Platform[] } {
  const outside = (host: JumpCapable) => !ids.has(host.id);
  const jumpers = [...inventory.platforms, ...inventory.bastions].filter((h) => outside(h) && h.jumpHostIds.some((j) => ids.has(j)));
  const standbys = inventory.platforms.filter((p) => outside(p) && p.expectedPrimaryId !== null && ids.has(p.expectedPrimaryId));
  return { jumpers, standbys };
}
