import { stringify } from 'csv-stringify/sync';
import type { Bastion, Platform } from '../contract';
import { CSV_COLUMNS, JUMP_SEPARATOR, TAG_SEPARATOR } from './csvColumns';
import type { CsvColumn } from './csvColumns';
import type { Inventory } from './inventory';
import { indexInventory, nameKey } from './inventoryRules';
import { sortedInventory } from './inventorySearch';

type Row = Record<CsvColumn, string>;

const orEmpty = (value: string | null) => value ?? '';

function sshCells(host: Platform | Bastion): Partial<Row> {
  const c = host.credentials;
  return {
    name: host.name,
    address: host.address,
    ssh_port: String(host.sshPort),
    ssh_user: host.sshUser,
    password_ref: orEmpty(c.passwordRef),
    private_key_path: orEmpty(c.privateKeyPath),
    private_key_ref: orEmpty(c.privateKeyRef),
    passphrase_ref: orEmpty(c.passphraseRef),
    agent: c.agent ? 'yes' : '',
    tags: host.tags.join(`${TAG_SEPARATOR} `),
    notes: host.notes,
  };
}

/**
 * The inventory as CSV that the CSV import reads back: bastions first, then platforms by site. Excel's way:
 * UTF-8 with BOM, CRLF, `;` unless told; cells that would start a formula get a leading `'`. Vault refs only.
 */
export function inventoryCsv(inventory: Inventory, delimiter: ';' | ',' = ';'): string {
  const index = indexInventory(inventory);
  const { platforms, bastions } = sortedInventory(inventory);
  const bastionNames = new Set(bastions.map((b) => nameKey(b.name)));
  const siteName = (id: string) => index.sites.get(id)?.name ?? '';
  /** A jump host as the import resolves it: a bare name where that is unambiguous, else Site/name. */
  const refOf = (id: string, fromSiteId: string | null, platformsOnly = false): string => {
    const bastion = index.bastions.get(id);
    if (bastion) return bastion.name;
    const platform = index.platforms.get(id);
    if (!platform) return id;
    const bare = platform.siteId === fromSiteId && (platformsOnly || !bastionNames.has(nameKey(platform.name)));
    return bare ? platform.name : `${siteName(platform.siteId)}/${platform.name}`;
  };
  const jumps = (host: Platform | Bastion, siteId: string | null) => host.jumpHostIds.map((id) => refOf(id, siteId)).join(` ${JUMP_SEPARATOR} `);

  const rows: Partial<Row>[] = [
    ...bastions.map((b) => ({ kind: 'bastion', ...sshCells(b), jump_hosts: jumps(b, null) })),
    ...platforms.map((p) => ({
      kind: 'platform',
      site: siteName(p.siteId),
      customer: index.sites.get(p.siteId)?.customer ?? '',
      ...sshCells(p),
      jump_hosts: jumps(p, p.siteId),
      form_factor: p.formFactor ?? '',
      expected_role: p.expectedRole,
      expected_primary: p.expectedPrimaryId === null ? '' : refOf(p.expectedPrimaryId, p.siteId, true),
      disk_alarm_percent: String(p.diskAlarmPercent),
      root_password_ref: orEmpty(p.credentials.rootPasswordRef),
      manager_password_ref: orEmpty(p.credentials.managerPasswordRef),
      database_user: orEmpty(p.credentials.databaseUser),
      database_password_ref: orEmpty(p.credentials.databasePasswordRef),
    })),
  ];
  return stringify(rows, {
    header: true,
    columns: CSV_COLUMNS.map((c) => c.name),
    delimiter,
    bom: true,
    record_delimiter: 'windows',
    quote_record_delimiter: true,
    escape_formulas: true,
  });
}
