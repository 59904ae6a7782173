import { EXTERNAL_LINK_HOSTS, isAllowedExternalUrl } from './externalLinks';

/** How an address appears as a URL's hostname: IPv6 in brackets, names in lower case. */
export const urlHostOf = (address: string) => (address.includes(':') ? `[${address.toLowerCase()}]` : address.toLowerCase());

/** Links the console opens in the system browser: the innovaphone sites, and the webservers of the platforms in the inventory. */
export function isAllowedLink(url: string, platformAddresses: readonly string[]): boolean {
  return isAllowedExternalUrl(url) || isAllowedExternalUrl(url, platformAddresses.map(urlHostOf).filter((host) => !EXTERNAL_LINK_HOSTS.includes(host)));
}
