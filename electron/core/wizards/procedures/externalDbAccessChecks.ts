import { isIPv4, isIPv6 } from 'node:net';

export const PG_HBA = '/mnt/sda2/pgsql/pg_hba.conf';
export const HBA_BACKUP_PREFIX = `${PG_HBA}.backup-`;
export const HBA_METHODS = ['scram-sha-256', 'md5'] as const;

/** One pg_hba.conf rule a partner adds for an outside client. */
export interface HbaRule {
  address: string;
  database: string;
  user: string;
  method: (typeof HBA_METHODS)[number];
}

const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}$/;
const KEYWORDS = new Set(['replication', 'sameuser', 'samerole', 'samegroup']);

/** The address as 32 or 128 bits, for the network and loopback checks. */
function bits(address: string): bigint {
  if (isIPv4(address)) return address.split('.').reduce((n, part) => (n << 8n) | BigInt(Number(part)), 0n);
  const [head = '', tail = ''] = address.includes('::') ? address.split('::') : [address, ''];
  const groups = (s: string) => (s ? s.split(':') : []);
  const h = groups(head);
  const t = groups(tail);
  const all = [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return all.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** Whether two networks share an address: their first min(p, q) bits are the same. */
function overlaps(a: bigint, p: number, b: bigint, q: number, width: number): boolean {
  const shift = BigInt(width - Math.min(p, q));
  return a >> shift === b >> shift;
}

/** A problem with an address/CIDR for pg_hba.conf, in a sentence; null when it is a network address with its prefix. */
export function cidrProblem(value: string): string | null {
  const match = /^([0-9A-Fa-f:.]+)\/(\d{1,3})$/.exec(value);
  if (!match) return `"${value}" is not an address with its prefix length, such as 192.0.2.10/32 or 192.0.2.0/24.`;
  const [, address = '', prefixText = ''] = match;
  const v4 = isIPv4(address);
  if (!v4 && (!isIPv6(address) || address.includes('.'))) return `"${address}" is not an IPv4 or IPv6 address.`;
  const width = v4 ? 32 : 128;
  const prefix = Number(prefixText);
  if (prefix > width) return `The prefix length of ${value} must be at most ${width}.`;
  if (prefix === 0) return `${value} opens the database to every address; name the client's address or network.`;
  const hostMask = (1n << BigInt(width - prefix)) - 1n;
  const n = bits(address);
  if ((n & hostMask) !== 0n) return `${value} is not a network address: with /${prefix} the host part must be 0.`;
  const loopback = v4 ? overlaps(n, prefix, 127n << 24n, 8, 32) : overlaps(n, prefix, 1n, 128, 128);
  if (loopback) return `${value} covers the platform's own loopback addresses, which the apps use; pg_hba.conf has rules for them already.`;
  return null;
}

function nameProblem(what: string, value: string): string | null {
  if (value === 'all') return null;
  if (KEYWORDS.has(value)) return `"${value}" is a pg_hba.conf keyword; enter a ${what} name or "all".`;
  if (!NAME.test(value)) return `The ${what} "${value}" must be "all" or a name of up to 63 letters, digits, "_", "." or "-" (as the AP Manager names them, e.g. example.com_app1).`;
  return null;
}

/** The first problem with a rule's fields, in a sentence; null when it can be written as it is. */
export function hbaRuleProblem(rule: Partial<Record<keyof HbaRule, string>>): string | null {
  const address = rule.address?.trim() ?? '';
  if (!address) return 'Enter the address of the client, with its prefix length (e.g. 192.0.2.10/32).';
  const cidr = cidrProblem(address);
  if (cidr) return cidr;
  const database = rule.database?.trim() ?? '';
  if (!database) return 'Enter the database the client may use (or "all").';
  const db = nameProblem('database', database);
  if (db) return db;
  const user = rule.user?.trim() ?? '';
  if (!user) return 'Enter the database user the client logs in as (or "all").';
  const u = nameProblem('user', user);
  if (u) return u;
  if (!HBA_METHODS.includes(rule.method as HbaRule['method'])) return `The method must be one of ${HBA_METHODS.join(', ')}: clients from outside log in with a password.`;
  return null;
}

/** The pg_hba.conf line for a checked rule. */
export const hbaLine = (rule: HbaRule) => `host ${rule.database} ${rule.user} ${rule.address} ${rule.method}`;

/** The comment written above the rule, naming when it was added. */
export const hbaComment = (at: Date) => `# external access added by AP Console ${at.toISOString()}`;

/** The backup's file name for a moment: pg_hba.conf.backup-20260102-030405. */
export function backupPath(at: Date): string {
  const t = at.toISOString();
  return `${HBA_BACKUP_PREFIX}${t.slice(0, 10).replace(/-/g, '')}-${t.slice(11, 19).replace(/:/g, '')}`;
}

/** The newest backup among `ls -1` lines (their names sort by time). */
export function newestBackup(listing: string): string | null {
  const found = listing.split('\n').map((l) => l.trim()).filter((l) => l.startsWith(HBA_BACKUP_PREFIX) && /^\d{8}-\d{6}$/.test(l.slice(HBA_BACKUP_PREFIX.length)));
  return found.sort().pop() ?? null;
}

/** One row of pg_hba_file_rules, as psql -At -F '|' prints it. */
export interface HbaFileRule {
  line: number;
  type: string;
  database: string;
  user: string;
  address: string;
  netmask: string;
  method: string;
  error: string;
}

export const HBA_RULES_SQL = "SELECT line_number, type, array_to_string(database, ','), array_to_string(user_name, ','), coalesce(address, ''), coalesce(netmask, ''), coalesce(auth_method, ''), coalesce(error, '') FROM pg_hba_file_rules ORDER BY line_number";

export function readHbaRules(output: string): HbaFileRule[] {
  return output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^\d+\|/.test(l))
    .map((l) => {
      const [line = '0', type = '', database = '', user = '', address = '', netmask = '', method = '', ...error] = l.split('|');
      return { line: Number(line), type, database, user, address, netmask, method, error: error.join('|') };
    });
}

/** The netmask PostgreSQL shows for a prefix length, to find the rule in pg_hba_file_rules. */
export function netmaskOf(cidr: string): { address: string; netmask: string } {
  const [address = '', prefixText = '0'] = cidr.split('/');
  const prefix = Number(prefixText);
  if (isIPv4(address)) {
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    return { address, netmask: [24, 16, 8, 0].map((s) => (mask >>> s) & 255).join('.') };
  }
  const mask = ((1n << BigInt(prefix)) - 1n) << BigInt(128 - prefix);
  const groups = Array.from({ length: 8 }, (_, i) => Number((mask >> BigInt(112 - i * 16)) & 0xffffn).toString(16));
  return { address, netmask: groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::') };
}

/** Whether pg_hba_file_rules holds the rule (the address compared as PostgreSQL prints it). */
export function hasRule(rules: readonly HbaFileRule[], rule: HbaRule): boolean {
  const { netmask } = netmaskOf(rule.address);
  const address = rule.address.split('/')[0] ?? '';
  const sameAddress = (a: string) => a === address || (isIPv6(address) && isIPv6(a) && bits(a) === bits(address));
  const sameMask = (m: string) => m === netmask || (isIPv6(m) && isIPv6(netmask) && bits(m) === bits(netmask));
  return rules.some((r) => r.type === 'host' && r.database === rule.database && r.user === rule.user && sameAddress(r.address) && sameMask(r.netmask) && r.method === rule.method);
}
