import type { z } from 'zod';
import { FormFactor, Platform, PlatformCredentials, PlatformRole, Site } from '../contract';
import { CSV_COLUMNS, JUMP_SEPARATOR, PLATFORM_ONLY_COLUMNS, REF_COLUMNS, TAG_SEPARATOR, columnOf } from './csvColumns';
import type { CsvColumn } from './csvColumns';
import { csvProblem, splitCsvRecords, splitFields } from './csvRecords';
import { FleetError } from './fleetError';
import { emptyDraft } from './importDraft';
import type { BastionDraftFields, HostRef, ImportDraft, PlatformDraftFields } from './importDraft';

type Row = Partial<Record<CsvColumn, string>>;

class RowProblem extends Error {}

/** A cell as written, without the `'` the export puts before `=`, `+`, `-`, `@` against formula injection. */
function cellValue(cell: string): string | undefined {
  const value = cell.trim();
  if (value === '') return undefined;
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

function checkedCell<S extends z.ZodType>(column: CsvColumn, schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues[0]?.message ?? 'invalid value';
  const shown = REF_COLUMNS.has(column) || typeof value !== 'string' ? '' : ` "${value.length > 60 ? `${value.slice(0, 60)}…` : value}"`;
  throw new RowProblem(`column ${column}${shown}: ${message}`);
}

function numberCell(column: CsvColumn, value: string): number {
  if (!/^\d+$/.test(value)) throw new RowProblem(`column ${column} "${value.slice(0, 20)}": must be a whole number`);
  return Number(value);
}

const YES = new Set(['yes', 'y', 'true', '1', 'x', 'ja', 'j', 'on']);
const NO = new Set(['no', 'n', 'false', '0', 'nein', 'off', '-']);

function booleanCell(column: CsvColumn, value: string): boolean {
  const word = value.toLowerCase();
  if (YES.has(word)) return true;
  if (NO.has(word)) return false;
  throw new RowProblem(`column ${column} "${value.slice(0, 20)}": write yes or no`);
}

/** `name` or `Site/name` (split at the last `/`: platform names never hold one). */
export function parseHostRef(text: string): HostRef {
  const at = text.lastIndexOf('/');
  if (at < 0) return { name: text.trim() };
  return { site: text.slice(0, at).trim(), name: text.slice(at + 1).trim() };
}

function refsCell(column: CsvColumn, value: string): HostRef[] {
  const refs = value.split(JUMP_SEPARATOR).map((part) => parseHostRef(part));
  if (refs.some((ref) => ref.name === '' || ref.site === '')) throw new RowProblem(`column ${column} "${value.slice(0, 60)}": write names separated by ">", e.g. bastion > Site/ap1`);
  return refs;
}

const tagsCell = (value: string) => checkedCell('tags', Platform.shape.tags, value.split(TAG_SEPARATOR).map((t) => t.trim()).filter(Boolean));

function sshFields(row: Row): BastionDraftFields {
  const fields: BastionDraftFields = {};
  const credentials: BastionDraftFields['credentials'] = {};
  const cred = PlatformCredentials.shape;
  if (row.address !== undefined) fields.address = checkedCell('address', Platform.shape.address, row.address);
  if (row.ssh_port !== undefined) fields.sshPort = checkedCell('ssh_port', Platform.shape.sshPort, numberCell('ssh_port', row.ssh_port));
  if (row.ssh_user !== undefined) fields.sshUser = checkedCell('ssh_user', Platform.shape.sshUser, row.ssh_user);
  if (row.password_ref !== undefined) credentials.passwordRef = checkedCell('password_ref', cred.passwordRef, row.password_ref);
  if (row.private_key_path !== undefined) credentials.privateKeyPath = checkedCell('private_key_path', cred.privateKeyPath, row.private_key_path);
  if (row.private_key_ref !== undefined) credentials.privateKeyRef = checkedCell('private_key_ref', cred.privateKeyRef, row.private_key_ref);
  if (row.passphrase_ref !== undefined) credentials.passphraseRef = checkedCell('passphrase_ref', cred.passphraseRef, row.passphrase_ref);
  if (row.agent !== undefined) credentials.agent = booleanCell('agent', row.agent);
  if (row.tags !== undefined) fields.tags = tagsCell(row.tags);
  if (row.notes !== undefined) fields.notes = checkedCell('notes', Platform.shape.notes, row.notes);
  if (Object.keys(credentials).length > 0) fields.credentials = credentials;
  return fields;
}

function platformFields(row: Row): PlatformDraftFields {
  const { credentials: ssh, ...base } = sshFields(row);
  const fields: PlatformDraftFields = base;
  const credentials: PlatformDraftFields['credentials'] = { ...ssh };
  const cred = PlatformCredentials.shape;
  if (row.form_factor !== undefined) fields.formFactor = row.form_factor.toLowerCase() === 'unknown' ? null : checkedCell('form_factor', FormFactor, row.form_factor.toLowerCase());
  if (row.expected_role !== undefined) fields.expectedRole = checkedCell('expected_role', PlatformRole, row.expected_role.toLowerCase());
  if (row.disk_alarm_percent !== undefined) {
    const percent = row.disk_alarm_percent.replace(/\s*%$/, '');
    fields.diskAlarmPercent = checkedCell('disk_alarm_percent', Platform.shape.diskAlarmPercent, numberCell('disk_alarm_percent', percent));
  }
  if (row.root_password_ref !== undefined) credentials.rootPasswordRef = checkedCell('root_password_ref', cred.rootPasswordRef, row.root_password_ref);
  if (row.manager_password_ref !== undefined) credentials.managerPasswordRef = checkedCell('manager_password_ref', cred.managerPasswordRef, row.manager_password_ref);
  if (row.database_user !== undefined) credentials.databaseUser = checkedCell('database_user', cred.databaseUser, row.database_user);
  if (row.database_password_ref !== undefined) credentials.databasePasswordRef = checkedCell('database_password_ref', cred.databasePasswordRef, row.database_password_ref);
  if (Object.keys(credentials).length > 0) fields.credentials = credentials;
  return fields;
}

function addRow(draft: ImportDraft, row: Row, line: number): void {
  const kind = (row.kind ?? 'platform').toLowerCase();
  if (kind !== 'platform' && kind !== 'bastion') throw new RowProblem(`column kind "${kind.slice(0, 20)}": write platform or bastion`);
  if (row.name === undefined) throw new RowProblem('column name is empty; every row needs a name');
  const name = checkedCell('name', Platform.shape.name, row.name);
  if (kind === 'bastion') {
    const misplaced = [...PLATFORM_ONLY_COLUMNS].find((column) => row[column] !== undefined);
    if (misplaced) throw new RowProblem(`column ${misplaced} does not apply to a bastion; leave it empty in bastion rows`);
    const fields = sshFields(row);
    draft.bastions.push({ line, name, fields, ...(row.jump_hosts !== undefined ? { jumps: refsCell('jump_hosts', row.jump_hosts) } : {}) });
    return;
  }
  if (row.site === undefined) throw new RowProblem('column site is empty; every platform belongs to a site');
  const site = checkedCell('site', Site.shape.name, row.site);
  const fields = platformFields(row);
  const customer = row.customer === undefined ? undefined : checkedCell('customer', Site.shape.customer, row.customer);
  draft.sites.push({ name: site, fields: customer === undefined ? {} : { customer } });
  draft.platforms.push({
    line,
    site,
    name,
    fields,
    ...(row.jump_hosts !== undefined ? { jumps: refsCell('jump_hosts', row.jump_hosts) } : {}),
    ...(row.expected_primary !== undefined ? { expectedPrimary: refsCell('expected_primary', row.expected_primary)[0] ?? null } : {}),
  });
}

/**
 * The fleet in CSV text: a header row naming the columns (see CSV_COLUMNS), then one platform or bastion per
 * row. A row that cannot be used is rejected with its line number; the other rows still import. Empty cells
 * keep what the inventory has (or take the default).
 */
export function csvDraft(text: string): ImportDraft {
  const draft = emptyDraft();
  const { delimiter, records, unclosed } = splitCsvRecords(text, (cell) => columnOf(cell) !== undefined);
  const [header, ...rows] = records;
  const headerCells = header ? splitFields(header.text, delimiter) : null;
  const columns = (headerCells ?? []).map((cell) => columnOf(cell));
  const example = CSV_COLUMNS.slice(1, 6).map((c) => c.name).join(';');
  if (!header || columns.every((c) => c === undefined)) {
    throw new FleetError('source_invalid', `The CSV has no header row naming its columns. Its first line must name them, e.g. ${example}.`);
  }
  if (!columns.includes('name')) throw new FleetError('source_invalid', `The CSV header has no name column (the platform's name). Add it, e.g. ${example}.`);
  const unknown = (headerCells ?? []).filter((cell, i) => columns[i] === undefined && cell.trim() !== '');
  if (unknown.length > 0) draft.notes.push(`Columns ignored (not known): ${unknown.map((c) => c.slice(0, 40)).join(', ')}. Known columns: ${CSV_COLUMNS.map((c) => c.name).join(', ')}.`);
  const twice = columns.filter((c, i) => c !== undefined && columns.indexOf(c) !== i);
  if (twice.length > 0) throw new FleetError('source_invalid', `The CSV header names the column ${twice[0]} twice. Keep one of them.`);
  if (text.includes('\uFFFD')) draft.notes.push('The text has characters that are not UTF-8 (ä, ö, ü or ß may show as �). Save the file from Excel as "CSV UTF-8" and import it again.');

  for (const line of unclosed) draft.rejected.push({ line, entity: 'platform', name: '', site: null, reason: 'a quote (") opened on this line is never closed; close it or remove it' });
  for (const record of rows) {
    const cells = splitFields(record.text, delimiter);
    if (!cells) {
      draft.rejected.push({ line: record.line, entity: 'platform', name: '', site: null, reason: `the line is not valid CSV: ${csvProblem(record.text, delimiter)}` });
      continue;
    }
    const row: Row = {};
    columns.forEach((column, i) => {
      const value = column && cells[i] !== undefined ? cellValue(cells[i]) : undefined;
      if (column && value !== undefined) row[column] = value;
    });
    try {
      if (cells.length > columns.length && cells.slice(columns.length).some((c) => c.trim() !== '')) {
        throw new RowProblem(`the line has ${cells.length} cells but the header only ${columns.length}; check the separators (${delimiter === '\t' ? 'tab' : delimiter})`);
      }
      addRow(draft, row, record.line);
    } catch (error) {
      if (!(error instanceof RowProblem)) throw error;
      draft.rejected.push({ line: record.line, entity: (row.kind ?? '').toLowerCase() === 'bastion' ? 'bastion' : 'platform', name: row.name ?? '', site: row.site ?? null, reason: error.message });
    }
  }
  return draft;
}
