/** The CSV columns of the fleet, in the order the export writes them; the import takes them in any order. */
export const CSV_COLUMNS = [
  { name: 'kind', about: 'platform (or empty) or bastion' },
  { name: 'site', about: 'the site the platform belongs to; a site that is not in the inventory yet is added' },
  { name: 'customer', about: "the site's customer name" },
  { name: 'name', about: 'the platform name, unique within its site (bastions: unique among bastions)' },
  { name: 'address', about: 'host name, IPv4 or IPv6 address (without brackets)' },
  { name: 'ssh_port', about: 'SSH port, 22 when empty' },
  { name: 'ssh_user', about: 'SSH user, admin when empty' },
  { name: 'jump_hosts', about: 'jump hosts, outermost first, separated by ">": bastion names, platforms of the same site, or Site/platform' },
  { name: 'form_factor', about: 'vm, gateway-arm or gateway-arm64; unknown or empty until the first poll' },
  { name: 'expected_role', about: 'standalone (when empty), primary or standby' },
  { name: 'expected_primary', about: "a standby's primary: a platform of the same site, or Site/platform" },
  { name: 'disk_alarm_percent', about: 'disk alarm threshold in percent, 90 when empty' },
  { name: 'password_ref', about: 'vault reference of the SSH password (never the password itself)' },
  { name: 'private_key_path', about: 'path of the SSH private key file on this computer' },
  { name: 'private_key_ref', about: 'vault reference of the SSH private key' },
  { name: 'passphrase_ref', about: "vault reference of the key's passphrase" },
  { name: 'agent', about: 'yes to log in with the SSH agent' },
  { name: 'root_password_ref', about: 'vault reference of the root password (for su root)' },
  { name: 'manager_password_ref', about: 'vault reference of the AP Manager password' },
  { name: 'database_user', about: 'PostgreSQL user for database access' },
  { name: 'database_password_ref', about: "vault reference of that user's password" },
  { name: 'tags', about: 'tags separated by commas' },
  { name: 'notes', about: 'free text' },
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number]['name'];

/** Columns that say something about a platform only, never about a bastion. */
export const PLATFORM_ONLY_COLUMNS: ReadonlySet<CsvColumn> = new Set([
  'form_factor',
  'expected_role',
  'expected_primary',
  'disk_alarm_percent',
  'root_password_ref',
  'manager_password_ref',
  'database_user',
  'database_password_ref',
]);

/** Columns whose content is never repeated in a message (a password typed into the wrong column must not show up). */
export const REF_COLUMNS: ReadonlySet<CsvColumn> = new Set(['password_ref', 'private_key_ref', 'passphrase_ref', 'root_password_ref', 'manager_password_ref', 'database_password_ref']);

const squash = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');
const BY_SQUASHED = new Map<string, CsvColumn>([...CSV_COLUMNS.map((c) => [squash(c.name), c.name] as const), ['platform', 'name'], ['host', 'address'], ['port', 'ssh_port'], ['user', 'ssh_user']]);

/** The column a header cell names, however it is spelled ("SSH Port", "ssh-port", "ssh_port"); undefined for none. */
export function columnOf(header: string): CsvColumn | undefined {
  return BY_SQUASHED.get(squash(header));
}

/** Path separators of the jump host and tag cells. */
export const JUMP_SEPARATOR = '>';
export const TAG_SEPARATOR = ',';
