// Pure checks, no Node modules: the contract (and with it the renderer) uses them.

const IPV4_PART = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${IPV4_PART}(\\.${IPV4_PART}){3}$`);
const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;
const HOST_LABEL = /^[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/;
const ZONE = /^[A-Za-z0-9._~-]+$/;

export function isIpv4(value: string): boolean {
  return IPV4.test(value);
}

/** An IPv6 address as written in RFC 4291 (`::`, an IPv4 tail), optionally with a zone (`%eth0`). */
export function isIpv6(value: string): boolean {
  const [address = '', zone, ...more] = value.split('%');
  if (more.length > 0 || (zone !== undefined && !ZONE.test(zone))) return false;
  const halves = address.split('::');
  if (halves.length > 2) return false;
  const groups = (half: string) => (half === '' ? [] : half.split(':'));
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  const all = [...head, ...tail];
  let width = all.length;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!isIpv4(last)) return false;
    all.pop();
    width += 1;
  }
  if (!all.every((group) => HEX_GROUP.test(group))) return false;
  return halves.length === 2 ? width <= 7 : width === 8;
}

/** A DNS host name (RFC 1123 labels; `_` tolerated as internal DNS often has it); a numeric last label is no name. */
export function isHostName(value: string): boolean {
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  if (!labels.every((label) => HOST_LABEL.test(label))) return false;
  return !/^\d+$/.test(labels[labels.length - 1] ?? '');
}

/** Why a value is not a usable SSH address, in words for the user; null when it is one. */
export function hostAddressProblem(value: string): string | null {
  if (value.length === 0) return 'an address is needed (a host name, an IPv4 or an IPv6 address)';
  if (value.startsWith('[') && value.endsWith(']')) return 'write an IPv6 address without brackets (e.g. fd00::5)';
  if (/\s/.test(value)) return 'an address cannot contain spaces';
  if (value.includes(':')) return isIpv6(value) ? null : 'is not a valid IPv6 address; put the SSH port into its own field';
  if (/^[\d.]+$/.test(value)) return isIpv4(value) ? null : 'is not a valid IPv4 address (four numbers 0-255, e.g. 10.0.0.5)';
  return isHostName(value) ? null : 'is not a valid host name (letters, digits and dashes between dots, e.g. ap1.example.com)';
}
