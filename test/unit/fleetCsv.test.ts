import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { CSV_COLUMNS } from '../../electron/core/fleet/csvColumns';
import { inventoryCsv } from '../../electron/core/fleet/csvExport';
import { csvDraft } from '../../electron/core/fleet/csvImport';
import { isFleetError } from '../../electron/core/fleet/fleetError';
import { planImport } from '../../electron/core/fleet/importPlan';
import { InventoryDocument, emptyInventory } from '../../electron/core/fleet/inventory';
import type { Inventory } from '../../electron/core/fleet/inventory';
import { addBastion, addPlatform, addSite, updatePlatform } from '../../electron/core/fleet/inventoryEdits';
import { hostLabel, indexInventory } from '../../electron/core/fleet/inventoryRules';

const importCsv = (text: string, into: Inventory = emptyInventory()) => planImport(into, csvDraft(text), { withSecrets: false });

/** The inventory without its ids: every reference by name, so two imports can be compared. */
function byNames(inventory: Inventory) {
  const index = indexInventory(inventory);
  const site = (id: string) => index.sites.get(id)?.name;
  return {
    sites: inventory.sites.map(({ id: _id, ...rest }) => rest).sort((a, b) => a.name.localeCompare(b.name)),
    bastions: inventory.bastions
      .map(({ id: _id, jumpHostIds, ...rest }) => ({ ...rest, jumps: jumpHostIds.map((j) => hostLabel(index, j)) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    platforms: inventory.platforms
      .map(({ id: _id, siteId, jumpHostIds, expectedPrimaryId, ...rest }) => ({
        ...rest,
        site: site(siteId),
        jumps: jumpHostIds.map((j) => hostLabel(index, j)),
        primary: expectedPrimaryId === null ? null : hostLabel(index, expectedPrimaryId),
      }))
      .sort((a, b) => `${a.site}/${a.name}`.localeCompare(`${b.site}/${b.name}`)),
  };
}

const GERMAN_EXCEL = [
  '\uFEFFKind;Site;Customer;Name;Address;SSH Port;SSH User;Jump Hosts;Form Factor;Expected Role;Expected Primary;Disk Alarm Percent;Tags;Notes',
  'bastion;;;jump;203.0.113.10;2200;ops;;;;;;;',
  ';Stadtwerke München;SWM;ap1;10.0.0.1;;;jump;vm;primary;;85 %;kritis, dc1;"Zeile 1',
  'Zeile 2 mit Ümlaut"',
  ';Stadtwerke München;;ap1-sb;10.0.0.2;2222;;jump > ap1;;standby;ap1;;;',
  '',
].join('\r\n');

describe('CSV import', () => {
  it('reads what Excel in Germany writes: BOM, semicolons, CRLF, a quoted multi-line cell, umlauts', () => {
    const plan = importCsv(GERMAN_EXCEL);
    expect(plan.items.map((i) => [i.entity, i.action, i.name, i.line])).toEqual([
      ['site', 'add', 'Stadtwerke München', null],
      ['bastion', 'add', 'jump', 2],
      ['platform', 'add', 'ap1', 3],
      ['platform', 'add', 'ap1-sb', 5],
    ]);
    const named = byNames(InventoryDocument.parse(plan.inventory));
    expect(named.sites).toEqual([{ name: 'Stadtwerke München', customer: 'SWM', notes: '', tags: [] }]);
    expect(named.bastions).toEqual([expect.objectContaining({ name: 'jump', address: '203.0.113.10', sshPort: 2200, sshUser: 'ops', jumps: [] })]);
    expect(named.platforms).toEqual([
      expect.objectContaining({ name: 'ap1', sshPort: 22, sshUser: 'admin', formFactor: 'vm', expectedRole: 'primary', diskAlarmPercent: 85, tags: ['kritis', 'dc1'], notes: 'Zeile 1\nZeile 2 mit Ümlaut', jumps: ['jump'], primary: null }),
      expect.objectContaining({ name: 'ap1-sb', sshPort: 2222, formFactor: null, expectedRole: 'standby', jumps: ['jump', 'Stadtwerke München/ap1'], primary: 'Stadtwerke München/ap1' }),
    ]);
  });

  it('reads comma-separated files and the sep= line Excel understands', () => {
    const comma = 'site,name,address\nA,ap1,10.0.0.1\n"B, Zweigstelle",ap2,10.0.0.2\n';
    expect(byNames(importCsv(comma).inventory).platforms.map((p) => `${p.site}/${p.name}`)).toEqual(['A/ap1', 'B, Zweigstelle/ap2']);
    const sep = 'sep=,\r\nsite,name,address\r\nA,ap1,10.0.0.1\r\nA,ap2,bad address\r\n';
    const plan = importCsv(sep);
    expect(plan.items.find((i) => i.name === 'ap2')).toMatchObject({ action: 'skip', line: 4 });
  });

  it('reports each bad row with its line and why, and imports the rest', () => {
    const text = [
      'site;name;address;ssh_port;password_ref;jump_hosts;expected_role',
      'A;good1;10.0.0.1;;;;',
      'A;port;10.0.0.2;abc;;;',
      'A;addr;10.0.0.300;;;;',
      '',
      'A;"bad"x;10.0.0.4;;;;',
      'A;"unclosed;10.0.0.5;;;;',
      'A;good2;10.0.0.6;;;;',
      'A;secret;10.0.0.7;;Geheim 123!;;',
      'A;lost;10.0.0.8;;;nowhere;',
      'A;role;10.0.0.9;;;;boss',
      'A;good1;10.0.0.10;;;;',
      ';nosite;10.0.0.11;;;;',
      'A;;10.0.0.12;;;;',
      'A;wide;10.0.0.13;;;;;extra',
    ].join('\n');
    const plan = importCsv(text);
    const platforms = plan.items.filter((i) => i.entity === 'platform');
    expect(platforms.map((i) => [i.line, i.action])).toEqual([
      [2, 'add'],
      [3, 'skip'],
      [4, 'skip'],
      [6, 'skip'],
      [7, 'skip'],
      [8, 'add'],
      [9, 'skip'],
      [10, 'skip'],
      [11, 'skip'],
      [12, 'skip'],
      [13, 'skip'],
      [14, 'skip'],
      [15, 'skip'],
    ]);
    const reason = (line: number) => platforms.find((i) => i.line === line)?.reason ?? '';
    expect(reason(3)).toMatch(/ssh_port "abc".*whole number/);
    expect(reason(4)).toMatch(/address "10\.0\.0\.300".*IPv4/);
    expect(reason(6)).toMatch(/not valid CSV/);
    expect(reason(7)).toMatch(/never closed/);
    expect(reason(9)).toMatch(/password_ref.*vault reference/);
    expect(JSON.stringify(plan.items)).not.toContain('Geheim');
    expect(reason(10)).toMatch(/^Jump host "nowhere" is neither a bastion nor a platform/);
    expect(reason(11)).toMatch(/expected_role/);
    expect(reason(12)).toMatch(/given already on line 2/);
    expect(reason(13)).toMatch(/site is empty/);
    expect(reason(14)).toMatch(/name is empty/);
    expect(reason(15)).toMatch(/8 cells but the header only 7/);
    expect(plan.inventory.platforms.map((p) => p.name)).toEqual(['good1', 'good2']);
  });

  it('says which columns it ignores and refuses a file without a header', () => {
    const draft = csvDraft('site;name;address;colour\nA;ap1;10.0.0.1;blue\n');
    expect(draft.notes).toEqual([expect.stringMatching(/Columns ignored \(not known\): colour/)]);
    let caught: unknown;
    try {
      csvDraft('A;ap1;10.0.0.1\n');
    } catch (error) {
      caught = error;
    }
    expect(isFleetError(caught, 'source_invalid')).toBe(true);
    expect((caught as Error).message).toMatch(/header row/);
    expect(csvDraft('site;name;address\nA;ap1;10.0.0.1\uFFFD\n').notes.join(' ')).toMatch(/not UTF-8.*CSV UTF-8/);
  });

  it('updates what a row changes, keeps what its empty cells leave out, and skips unchanged rows', () => {
    const first = importCsv('site;name;address;ssh_port;tags\nA;ap1;10.0.0.1;2222;x\nA;ap2;10.0.0.2;;\n');
    const again = importCsv('site;name;address;ssh_port;tags\nA;AP1;10.0.0.1;2200;\nA;ap2;10.0.0.2;;\n', first.inventory);
    expect(again.items.map((i) => [i.name, i.action, i.changes, i.reason])).toEqual([
      ['A', 'skip', [], expect.stringMatching(/Unchanged/)],
      ['ap1', 'update', ['sshPort'], null],
      ['ap2', 'skip', [], expect.stringMatching(/Unchanged/)],
    ]);
    const ap1 = again.inventory.platforms.find((p) => p.name === 'ap1');
    expect(ap1).toMatchObject({ sshPort: 2200, tags: ['x'], id: first.inventory.platforms[0]?.id });
  });

  it('skips a row whose jump host is skipped, naming it', () => {
    const plan = importCsv('kind;site;name;address;jump_hosts\nbastion;;gw;not an address;\n;A;ap1;10.0.0.1;gw\n');
    expect(plan.items.map((i) => [i.entity, i.action])).toEqual([
      ['site', 'skip'],
      ['bastion', 'skip'],
      ['platform', 'skip'],
    ]);
    expect(plan.items[2]?.reason).toMatch(/jump host "gw" \(line 2\) cannot be imported either/);
    expect(plan.inventory).toEqual(emptyInventory());
  });

  it('refuses a loop the file itself would make', () => {
    const plan = importCsv('kind;site;name;address;jump_hosts\n;A;ap1;10.0.0.1;ap2\n;A;ap2;10.0.0.2;ap1\n;A;ap3;10.0.0.3;\n');
    expect(plan.items.filter((i) => i.entity === 'platform').map((i) => [i.name, i.action])).toEqual([
      ['ap1', 'skip'],
      ['ap2', 'skip'],
      ['ap3', 'add'],
    ]);
    expect(plan.items.find((i) => i.name === 'ap1')?.reason).toMatch(/loop/);
  });
});

/** Bastions, cross-site jump hosts, a bastion named like a platform, replication, refs and formula-like text. */
function richInventory(): Inventory {
  let inv = emptyInventory();
  const take = <R>(edit: { inventory: Inventory; result: R }) => {
    inv = edit.inventory;
    return edit.result;
  };
  const a = take(addSite(inv, { name: 'Muster / Berlin', customer: 'Muster GmbH' }));
  const b = take(addSite(inv, { name: 'Beispiel AG' }));
  const gw = take(addBastion(inv, { name: 'ap1', address: 'gw.example', sshPort: 2200, sshUser: 'ops', credentials: { privateKeyPath: 'C:\\Users\\pat\\.ssh\\id_ed25519', agent: true }, tags: ['partner'] }));
  const a1 = take(addPlatform(inv, { siteId: a.id, name: 'ap1', address: '10.0.0.1', jumpHostIds: [gw.id], expectedRole: 'primary', formFactor: 'vm', credentials: { passwordRef: 'platform:a1:admin-password', rootPasswordRef: 'platform:a1:root-password' } }));
  take(addPlatform(inv, { siteId: a.id, name: 'ap2', address: 'fd00::2', sshPort: 2022, jumpHostIds: [gw.id, a1.id], expectedRole: 'standby', expectedPrimaryId: a1.id, notes: '=HYPERLINK("x")\n- second line; with ; and "quotes"', tags: ['+1', 'dc 2'] }));
  const b1 = take(addPlatform(inv, { siteId: b.id, name: 'b1', address: 'b1.beispiel.example', jumpHostIds: [a1.id], formFactor: 'gateway-arm64', diskAlarmPercent: 75, credentials: { databaseUser: 'monitor', databasePasswordRef: 'platform:b1:db-password', managerPasswordRef: 'platform:b1:manager' } }));
  take(addBastion(inv, { name: 'inner', address: '10.9.9.9', jumpHostIds: [b1.id] }));
  take(updatePlatform(inv, { id: a1.id, notes: '@mention' }));
  return inv;
}

describe('CSV export', () => {
  it('writes Excel-ready CSV: BOM, the documented header, CRLF, formulas defused', () => {
    const text = inventoryCsv(richInventory());
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header] = text.slice(1).split('\r\n');
    expect(header).toBe(CSV_COLUMNS.map((c) => c.name).join(';'));
    const rows = parse(text, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(5);
    const ap2 = rows.find((r) => r.name === 'ap2');
    expect(ap2?.notes?.startsWith("'=HYPERLINK")).toBe(true);
    expect(ap2?.jump_hosts).toBe('ap1 > Muster / Berlin/ap1');
    expect(rows.find((r) => r.name === 'inner')?.jump_hosts).toBe('Beispiel AG/b1');
  });

  for (const delimiter of [';', ','] as const) {
    it(`reads its own export back as the same inventory (${delimiter})`, () => {
      const original = richInventory();
      const text = inventoryCsv(original, delimiter);
      const imported = importCsv(text);
      expect(imported.items.filter((i) => i.action === 'skip')).toEqual([]);
      expect(byNames(InventoryDocument.parse(imported.inventory))).toEqual(byNames(original));
      const again = importCsv(text, original);
      expect(again.items.every((i) => i.action === 'skip' && /Unchanged/.test(i.reason ?? ''))).toBe(true);
      expect(again.inventory).toBe(original);
    });
  }
});
