import { parse } from 'csv-parse/sync';

/** One record's raw text and the line it starts on (a quoted field may span lines). */
export interface CsvRecordText {
  line: number;
  text: string;
}

export interface CsvSplit {
  delimiter: string;
  records: CsvRecordText[];
  /** Start lines of records whose quote never closes; they are left out and reading goes on at the next line. */
  unclosed: number[];
}

const DELIMITERS = [';', ',', '\t'] as const;

/** Excel's `sep=;` first line, or the delimiter that makes most header cells known columns (`;` first, as Excel in Germany writes). */
function chooseDelimiter(firstLine: string, known: (cell: string) => boolean): { delimiter: string; sepLine: boolean } {
  const sep = /^"?sep=(.)"?$/i.exec(firstLine.trim());
  if (sep?.[1]) return { delimiter: sep[1], sepLine: true };
  let best: { delimiter: string; score: number } = { delimiter: ';', score: -1 };
  for (const delimiter of DELIMITERS) {
    const cells = splitFields(firstLine, delimiter);
    const score = cells ? cells.filter(known).length : 0;
    if (score > best.score) best = { delimiter, score };
  }
  return { delimiter: best.delimiter, sepLine: false };
}

/** The fields of one record, or null when it is not valid CSV (csv-parse's verdict). */
export function splitFields(text: string, delimiter: string): string[] | null {
  try {
    const rows = parse(text, { delimiter, relax_column_count: true, bom: false, record_delimiter: '\n' }) as string[][];
    return rows.length === 1 && rows[0] ? rows[0] : rows.length === 0 ? [] : null;
  } catch {
    return null;
  }
}

/** Why a record is not valid CSV, in csv-parse's words without its line count (the caller knows the line). */
export function csvProblem(text: string, delimiter: string): string {
  try {
    parse(text, { delimiter, relax_column_count: true, bom: false, record_delimiter: '\n' });
    return 'the line holds more than one record';
  } catch (error) {
    const message = error instanceof Error ? error.message : 'unreadable';
    return message.replace(/ at line \d+/g, '').replace(/^[^:]*: /, '');
  }
}

/**
 * Splits CSV text into records with their first line, so that one broken record (an unclosed quote, a stray
 * quote) costs only that record. Line breaks become \n; a BOM is dropped; empty lines are skipped.
 */
export function splitCsvRecords(raw: string, known: (cell: string) => boolean): CsvSplit {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const firstBreak = text.indexOf('\n');
  const { delimiter, sepLine } = chooseDelimiter(firstBreak < 0 ? text : text.slice(0, firstBreak), known);
  const records: CsvRecordText[] = [];
  const unclosed: number[] = [];
  let at = sepLine ? (firstBreak < 0 ? text.length : firstBreak + 1) : 0;
  let line = sepLine ? 2 : 1;
  while (at < text.length) {
    const start = at;
    const startLine = line;
    let inQuotes = false;
    let fieldStart = true;
    let i = at;
    for (; i < text.length; i++) {
      const c = text[i];
      if (inQuotes) {
        if (c === '"') {
          if (text[i + 1] === '"') i++;
          else inQuotes = false;
        } else if (c === '\n') line++;
        continue;
      }
      if (c === '\n') break;
      if (c === '"' && fieldStart) inQuotes = true;
      fieldStart = c === delimiter;
    }
    if (inQuotes) {
      unclosed.push(startLine);
      const next = text.indexOf('\n', start);
      at = next < 0 ? text.length : next + 1;
      line = startLine + 1;
      continue;
    }
    const body = text.slice(start, i);
    if (body.trim() !== '') records.push({ line: startLine, text: body });
    at = i + 1;
    line++;
  }
  return { delimiter, records, unclosed };
}
