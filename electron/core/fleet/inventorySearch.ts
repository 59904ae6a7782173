import type { Bastion, Platform, Site } from '../contract';
import type { Inventory } from './inventory';

export interface SearchResult {
  sites: Site[];
  platforms: Platform[];
  bastions: Bastion[];
}

/** Lower case without accents: "München" is found by "munchen" and "MÜN". */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}

const terms = (query: string) => foldText(query).split(/\s+/).filter(Boolean);
const byName = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function matchesAll(words: readonly string[], haystack: readonly string[]): boolean {
  return words.every((word) => haystack.some((text) => text.includes(word)));
}

function siteTexts(site: Site): string[] {
  return [site.name, site.customer, ...site.tags].map(foldText);
}

function hostTexts(host: Platform | Bastion): string[] {
  return [host.name, host.address, `${host.address}:${host.sshPort}`, ...host.tags].map(foldText);
}

/** Sites by name, their platforms by name: the order the fleet is shown in. */
export function sortedInventory(inventory: Inventory): SearchResult {
  const sites = [...inventory.sites].sort((a, b) => byName.compare(a.name, b.name));
  const rank = new Map(sites.map((s, i) => [s.id, i]));
  const platforms = [...inventory.platforms].sort((a, b) => (rank.get(a.siteId) ?? 0) - (rank.get(b.siteId) ?? 0) || byName.compare(a.name, b.name));
  const bastions = [...inventory.bastions].sort((a, b) => byName.compare(a.name, b.name));
  return { sites, platforms, bastions };
}

/**
 * The inventory narrowed to what every word of the query finds (in any order, as a part of a name, site,
 * customer, tag or address). A platform is found by its own fields and its site's; a site is shown when it
 * or one of its platforms is found.
 */
export function searchInventory(inventory: Inventory, query: string): SearchResult {
  const sorted = sortedInventory(inventory);
  const words = terms(query);
  if (words.length === 0) return sorted;
  const texts = new Map(sorted.sites.map((s) => [s.id, siteTexts(s)]));
  const platforms = sorted.platforms.filter((p) => matchesAll(words, [...hostTexts(p), ...(texts.get(p.siteId) ?? [])]));
  const withPlatforms = new Set(platforms.map((p) => p.siteId));
  const sites = sorted.sites.filter((s) => withPlatforms.has(s.id) || matchesAll(words, texts.get(s.id) ?? []));
  const bastions = sorted.bastions.filter((b) => matchesAll(words, hostTexts(b)));
  return { sites, platforms, bastions };
}
