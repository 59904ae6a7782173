/** An address as the host part of a URL: IPv6 in brackets, its zone's "%" escaped as URLs need it. */
export function urlHost(address: string): string {
  if (!address.includes(':')) return address;
  const [ip = '', zone] = address.split('%');
  return zone === undefined ? `[${ip}]` : `[${ip}%25${zone}]`;
}

/** The AP Manager's web interface. */
export function managerUrl(address: string): string {
  return `https://${urlHost(address)}/`;
}

/** The remote capture address Wireshark opens for the platform's first interface. */
export function rpcapUrl(address: string): string {
  const host = address.includes(':') ? `[${address}]` : address;
  return `rpcap://${host}/eth0`;
}
