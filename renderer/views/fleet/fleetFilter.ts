import { searchTextOf } from './fleetRows';
import type { PlatformRow, SearchText } from './fleetRows';

/** Fields a term can name, as in `site:muster` or `state:unreachable`. */
export const FILTER_FIELDS = ['name', 'site', 'customer', 'tag', 'build', 'role', 'alarm', 'state', 'address'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

type Comparison = '<' | '<=' | '>' | '>=' | '=';

export interface FilterTerm {
  /** null: anywhere (name, site, customer, tags, build, role, alarm text, state, address). */
  field: FilterField | null;
  /** Lower-cased. */
  value: string;
  /** A leading "-": rows that do NOT match. */
  negate: boolean;
  /** For `build:>=1400` and the like. */
  comparison: Comparison | null;
}

const FIELD_ALIASES: Record<string, FilterField> = {
  name: 'name',
  platform: 'name',
  site: 'site',
  customer: 'customer',
  tag: 'tag',
  tags: 'tag',
  build: 'build',
  role: 'role',
  alarm: 'alarm',
  alarms: 'alarm',
  state: 'state',
  status: 'state',
  address: 'address',
  host: 'address',
};

/** Splits on white space; double quotes keep spaces inside a term (`site:"Muster GmbH"`). */
function words(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  let started = false;
  for (const char of text) {
    if (char === '"') {
      quoted = !quoted;
      started = true;
    } else if (!quoted && /\s/.test(char)) {
      if (started) out.push(current);
      current = '';
      started = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (started) out.push(current);
  return out;
}

/** The terms of a filter text; every term must match (AND). A `name:` that is no known field is plain text (IPv6 addresses, "a:b"). */
export function parseFilter(text: string): FilterTerm[] {
  const terms: FilterTerm[] = [];
  for (const word of words(text)) {
    let rest = word;
    let negate = false;
    if (rest.startsWith('-') && rest.length > 1) {
      negate = true;
      rest = rest.slice(1);
    }
    const colon = rest.indexOf(':');
    const field = colon > 0 ? FIELD_ALIASES[rest.slice(0, colon).toLowerCase()] : undefined;
    if (!field) {
      if (rest) terms.push({ field: null, value: rest.toLowerCase(), negate, comparison: null });
      continue;
    }
    let value = rest.slice(colon + 1).toLowerCase();
    let comparison: Comparison | null = null;
    if (field === 'build') {
      const match = /^(<=|>=|<|>|=)(.*)$/.exec(value);
      if (match) {
        comparison = match[1] as Comparison;
        value = match[2] ?? '';
      }
    }
    // "site:" alone, while the user is still typing, narrows nothing.
    if (value) terms.push({ field, value, negate, comparison });
  }
  return terms;
}

function compareBuild(build: number | null, comparison: Comparison, value: string): boolean {
  const wanted = Number(value);
  if (build === null || !Number.isFinite(wanted)) return false;
  switch (comparison) {
    case '<':
      return build < wanted;
    case '<=':
      return build <= wanted;
    case '>':
      return build > wanted;
    case '>=':
      return build >= wanted;
    case '=':
      return build === wanted;
  }
}

function termMatches(row: PlatformRow, term: FilterTerm): boolean {
  if (term.comparison) return compareBuild(row.build, term.comparison, term.value);
  const text: SearchText = searchTextOf(row);
  if (term.field === 'state') return text.state.startsWith(term.value);
  return (term.field === null ? text.all : text[term.field]).includes(term.value);
}

export function rowMatches(row: PlatformRow, terms: readonly FilterTerm[]): boolean {
  for (const term of terms) if (termMatches(row, term) === term.negate) return false;
  return true;
}

/** The rows the filter text lets through, in their order; all rows for an empty filter. */
export function filterRows(rows: readonly PlatformRow[], text: string): readonly PlatformRow[] {
  const terms = parseFilter(text);
  if (terms.length === 0) return rows;
  return rows.filter((row) => rowMatches(row, terms));
}

/** Whether a filter text narrows anything. */
export function isFiltering(text: string): boolean {
  return parseFilter(text).length > 0;
}

const PREPARE_CHUNK = 500;

/** Makes the rows' filter text in idle time, a chunk at a time, so that the first key typed finds it ready. Returns a cancel. */
export function prepareSearchTexts(rows: readonly PlatformRow[]): () => void {
  let next = 0;
  let handle = 0;
  const step = () => {
    for (const end = Math.min(next + PREPARE_CHUNK, rows.length); next < end; next++) searchTextOf(rows[next] as PlatformRow);
    if (next < rows.length) handle = requestIdleCallback(step);
  };
  handle = requestIdleCallback(step);
  return () => cancelIdleCallback(handle);
}
