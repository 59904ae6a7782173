import { BastionAdd, BastionUpdate, DEFAULT_DISK_ALARM_PERCENT, PlatformAdd, PlatformUpdate, SiteAdd, SiteUpdate } from '../contract';
import type { Bastion, Platform, PlatformCredentials, Removed, Site, SshCredentials } from '../contract';
import { FleetError } from './fleetError';
import { parseInput, sentence } from './fleetInput';
import { newId } from './fleetIds';
import type { Inventory } from './inventory';
import { takenIds } from './inventory';
import { dependantsOf, hostLabel, indexInventory, inventoryIssues } from './inventoryRules';
import type { EntityKind, InventoryIndex } from './inventoryRules';

/** A new inventory, what the edit returns, and the ids it touched (for the change event). */
export interface Edit<R> {
  inventory: Inventory;
  result: R;
  changedIds: string[];
}


export const NO_SSH_CREDENTIALS: SshCredentials = { passwordRef: null, privateKeyPath: null, privateKeyRef: null, passphraseRef: null, agent: false };
export const NO_PLATFORM_CREDENTIALS: PlatformCredentials = {
  ...NO_SSH_CREDENTIALS,
  rootPasswordRef: null,
  managerPasswordRef: null,
  databaseUser: null,
  databasePasswordRef: null,
};

/** Drops keys whose value is undefined, so a patch never blanks a field it does not name. */
function defined<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Refuses an inventory that breaks a rule; the problem of the edited entry comes first and names its field. */
export function checked(next: Inventory, focus: { kind: EntityKind; id: string }): Inventory {
  const issues = inventoryIssues(next);
  const own = issues.find((issue) => issue.id === focus.id);
  if (own) throw new FleetError('invalid', sentence(own.message), own.field);
  const other = issues[0];
  if (other) {
    const index = indexInventory(next);
    const who = other.entity === 'site' ? `Site "${index.sites.get(other.id)?.name ?? other.id}"` : hostLabel(index, other.id);
    throw new FleetError('invalid', sentence(`${who}: ${other.message}`));
  }
  return next;
}

function notFound(kind: EntityKind, id: string): FleetError {
  return new FleetError('not_found', `There is no ${kind} with id ${id} in the inventory (it may have been removed meanwhile). Reload the fleet.`);
}

function requireSite(inventory: Inventory, id: string): Site {
  const site = inventory.sites.find((s) => s.id === id);
  if (!site) throw notFound('site', id);
  return site;
}

/** Refuses to remove hosts others still reach through or replicate from. */
function refuseInUse(inventory: Inventory, index: InventoryIndex, ids: ReadonlySet<string>, what: string): void {
  const { jumpers, standbys } = dependantsOf(inventory, ids);
  const list = (hosts: readonly { id: string }[]) => {
    const names = hosts.slice(0, 5).map((h) => hostLabel(index, h.id));
    return `${names.join(', ')}${hosts.length > 5 ? ` and ${hosts.length - 5} more` : ''}`;
  };
  if (jumpers.length > 0) throw new FleetError('in_use', `${what} is a jump host of ${list(jumpers)}. Change their jump hosts first.`);
  if (standbys.length > 0) throw new FleetError('in_use', `${what} is the expected primary of ${list(standbys)}. Change their expected primary first.`);
}

export function addSite(inventory: Inventory, input: unknown): Edit<Site> {
  const fields = parseInput(SiteAdd, input);
  const site: Site = { id: newId('site', takenIds(inventory)), name: fields.name, customer: fields.customer ?? '', notes: fields.notes ?? '', tags: fields.tags ?? [] };
  const next = checked({ ...inventory, sites: [...inventory.sites, site] }, { kind: 'site', id: site.id });
  return { inventory: next, result: site, changedIds: [site.id] };
}

export function updateSite(inventory: Inventory, input: unknown): Edit<Site> {
  const { id, ...patch } = parseInput(SiteUpdate, input);
  const site: Site = { ...requireSite(inventory, id), ...defined(patch) };
  const next = checked({ ...inventory, sites: inventory.sites.map((s) => (s.id === id ? site : s)) }, { kind: 'site', id });
  return { inventory: next, result: site, changedIds: [id] };
}

export function removeSite(inventory: Inventory, id: string, cascade: boolean): Edit<Removed> {
  const site = requireSite(inventory, id);
  const platforms = inventory.platforms.filter((p) => p.siteId === id);
  if (platforms.length > 0 && !cascade) {
    const names = platforms.slice(0, 5).map((p) => p.name).join(', ');
    throw new FleetError(
      'site_not_empty',
      `Site "${site.name}" has ${platforms.length} platform${platforms.length === 1 ? '' : 's'} (${names}${platforms.length > 5 ? ', …' : ''}). Remove them first, or confirm removing the site with all its platforms.`,
    );
  }
  const gone = new Set(platforms.map((p) => p.id));
  refuseInUse(inventory, indexInventory(inventory), gone, `A platform of site "${site.name}"`);
  const next: Inventory = { ...inventory, sites: inventory.sites.filter((s) => s.id !== id), platforms: inventory.platforms.filter((p) => !gone.has(p.id)) };
  const removed = { siteIds: [id], platformIds: [...gone], bastionIds: [] };
  return { inventory: next, result: removed, changedIds: [id, ...gone] };
}

export function addPlatform(inventory: Inventory, input: unknown): Edit<Platform> {
  const fields = parseInput(PlatformAdd, input);
  const platform: Platform = {
    id: newId('ap', takenIds(inventory)),
    siteId: fields.siteId,
    name: fields.name,
    address: fields.address,
    sshPort: fields.sshPort ?? 22,
    sshUser: fields.sshUser ?? 'admin',
    jumpHostIds: fields.jumpHostIds ?? [],
    formFactor: fields.formFactor ?? null,
    expectedRole: fields.expectedRole ?? 'standalone',
    expectedPrimaryId: fields.expectedPrimaryId ?? null,
    diskAlarmPercent: fields.diskAlarmPercent ?? DEFAULT_DISK_ALARM_PERCENT,
    credentials: { ...NO_PLATFORM_CREDENTIALS, ...defined(fields.credentials ?? {}) },
    tags: fields.tags ?? [],
    notes: fields.notes ?? '',
  };
  const next = checked({ ...inventory, platforms: [...inventory.platforms, platform] }, { kind: 'platform', id: platform.id });
  return { inventory: next, result: platform, changedIds: [platform.id] };
}

export function updatePlatform(inventory: Inventory, input: unknown): Edit<Platform> {
  const { id, credentials, ...patch } = parseInput(PlatformUpdate, input);
  const current = inventory.platforms.find((p) => p.id === id);
  if (!current) throw notFound('platform', id);
  const platform: Platform = { ...current, ...defined(patch), credentials: { ...current.credentials, ...defined(credentials ?? {}) } };
  if (platform.expectedRole !== 'standby' && patch.expectedPrimaryId === undefined) platform.expectedPrimaryId = null;
  if (current.expectedRole === 'primary' && platform.expectedRole !== 'primary') {
    const standbys = inventory.platforms.filter((p) => p.expectedPrimaryId === id);
    if (standbys.length > 0) {
      throw new FleetError('in_use', `${current.name} is the expected primary of ${standbys.map((s) => s.name).join(', ')}. Give them another primary first, or keep ${current.name} a primary.`, 'expectedRole');
    }
  }
  const next = checked({ ...inventory, platforms: inventory.platforms.map((p) => (p.id === id ? platform : p)) }, { kind: 'platform', id });
  return { inventory: next, result: platform, changedIds: [id] };
}

export function removePlatform(inventory: Inventory, id: string): Edit<Removed> {
  const platform = inventory.platforms.find((p) => p.id === id);
  if (!platform) throw notFound('platform', id);
  const index = indexInventory(inventory);
  refuseInUse(inventory, index, new Set([id]), hostLabel(index, id));
  const next = { ...inventory, platforms: inventory.platforms.filter((p) => p.id !== id) };
  return { inventory: next, result: { siteIds: [], platformIds: [id], bastionIds: [] }, changedIds: [id] };
}

export function addBastion(inventory: Inventory, input: unknown): Edit<Bastion> {
  const fields = parseInput(BastionAdd, input);
  const bastion: Bastion = {
    id: newId('bastion', takenIds(inventory)),
    name: fields.name,
    address: fields.address,
    sshPort: fields.sshPort ?? 22,
    sshUser: fields.sshUser ?? 'admin',
    jumpHostIds: fields.jumpHostIds ?? [],
    credentials: { ...NO_SSH_CREDENTIALS, ...defined(fields.credentials ?? {}) },
    tags: fields.tags ?? [],
    notes: fields.notes ?? '',
  };
  const next = checked({ ...inventory, bastions: [...inventory.bastions, bastion] }, { kind: 'bastion', id: bastion.id });
  return { inventory: next, result: bastion, changedIds: [bastion.id] };
}

export function updateBastion(inventory: Inventory, input: unknown): Edit<Bastion> {
  const { id, credentials, ...patch } = parseInput(BastionUpdate, input);
  const current = inventory.bastions.find((b) => b.id === id);
  if (!current) throw notFound('bastion', id);
  const bastion: Bastion = { ...current, ...defined(patch), credentials: { ...current.credentials, ...defined(credentials ?? {}) } };
  const next = checked({ ...inventory, bastions: inventory.bastions.map((b) => (b.id === id ? bastion : b)) }, { kind: 'bastion', id });
  return { inventory: next, result: bastion, changedIds: [id] };
}

export function removeBastion(inventory: Inventory, id: string): Edit<Removed> {
  const bastion = inventory.bastions.find((b) => b.id === id);
  if (!bastion) throw notFound('bastion', id);
  refuseInUse(inventory, indexInventory(inventory), new Set([id]), `Bastion ${bastion.name}`);
  const next = { ...inventory, bastions: inventory.bastions.filter((b) => b.id !== id) };
  return { inventory: next, result: { siteIds: [], platformIds: [], bastionIds: [id] }, changedIds: [id] };
}
