import { entrySegments } from '../../connect/transfer/tarEntryPath';
import { LOG_TREE } from './logTreeCommands';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Raw name bytes as text: valid UTF-8 as it is, otherwise each byte that does not decode as `%XX`. */
export function nameText(raw: Buffer): { text: string; valid: boolean } {
  try {
    return { text: utf8.decode(raw), valid: true };
  } catch {
    let text = '';
    let p = 0;
    while (p < raw.length) {
      const length = sequenceLength(raw, p);
      if (length > 0) {
        text += raw.subarray(p, p + length).toString('utf8');
        p += length;
      } else {
        text += `%${(raw[p] ?? 0).toString(16).toUpperCase().padStart(2, '0')}`;
        p += 1;
      }
    }
    return { text, valid: false };
  }
}

/** The length of the valid UTF-8 sequence at p, or 0. */
function sequenceLength(raw: Buffer, p: number): number {
  const first = raw[p] ?? 0;
  const length = first < 0x80 ? 1 : first >= 0xc2 && first <= 0xdf ? 2 : first >= 0xe0 && first <= 0xef ? 3 : first >= 0xf0 && first <= 0xf4 ? 4 : 0;
  if (length === 0 || p + length > raw.length) return 0;
  try {
    utf8.decode(raw.subarray(p, p + length));
    return length;
  } catch {
    return 0;
  }
}

export type LogEntryName = { ok: true; path: string; remote: string; renamed: boolean } | { ok: false; shown: string };

/**
 * The archive path of an entry of the platform's log tar: relative, below var/log, without `.` or `..`
 * segments. Names come from the platform and are untrusted; one that would land elsewhere is refused.
 */
export function logEntryName(raw: Buffer): LogEntryName {
  const { text, valid } = nameText(raw);
  const segments = entrySegments(text, 'linux');
  const path = segments?.join('/') ?? '';
  if (!segments || !(path === LOG_TREE || path.startsWith(`${LOG_TREE}/`))) return { ok: false, shown: text };
  return { ok: true, path, remote: `/${path}`, renamed: !valid };
}
