import type { LogEntry } from '../contract';
import { ConnectError } from '../connect/connectError';
import type { RootAccess } from '../connect/transfer/transferTypes';
import { readAll } from './remoteOutput';

export const LOG_ROOT = '/var/log';
export const MAX_LOG_ENTRIES = 20_000;

/**
 * Lists a folder tree with one `stat -c` per entry (busybox has no `find -printf`), each record as
 * `SIZE MTIME OWNER HEXMODE\0PATH\0`, so names with spaces, line breaks or any bytes cannot break it.
 * Links are listed, not followed; after `max` entries it prints `T\0` and stops.
 */
export function logTreeArgv(root: string, max = MAX_LOG_ENTRIES): string[] {
  const script = [
    'n=0; max=$2',
    'walk() {',
    '  for f in "$1"/* "$1"/.[!.]* "$1"/..?*; do',
    '    [ -e "$f" ] || [ -L "$f" ] || continue',
    "    s=$(stat -c '%s %Y %U %f' -- \"$f\" 2>/dev/null) || continue",
    '    n=$((n + 1)); if [ "$n" -gt "$max" ]; then printf \'T\\0\'; exit 0; fi',
    "    printf '%s\\0%s\\0' \"$s\" \"$f\"",
    '    if [ -d "$f" ] && [ ! -L "$f" ]; then walk "$f"; fi',
    '  done',
    '}',
    '[ -d "$1" ] && walk "$1"',
    'exit 0',
  ].join('\n');
  return ['sh', '-c', script, 'sh', root, String(max)];
}

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const STAT = /^(\d+) (-?\d+) (\S+) ([0-9a-fA-F]+)$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

/** A name as text: UTF-8 where it is, otherwise with the bytes that are not shown as U+FFFD. */
export function nameText(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return lenient.decode(bytes);
  }
}

export interface LogTree {
  entries: LogEntry[];
  truncated: boolean;
  /** Records that did not parse (should be none). */
  skipped: number;
}

/** Parses the output of logTreeArgv; a record cut short at the end (a broken read) is dropped. */
export function parseLogTree(output: Buffer): LogTree {
  const entries: LogEntry[] = [];
  let truncated = false;
  let skipped = 0;
  let at = 0;
  const field = (): Buffer | null => {
    const end = output.indexOf(0, at);
    if (end < 0) return null;
    const value = output.subarray(at, end);
    at = end + 1;
    return value;
  };
  for (;;) {
    const head = field();
    if (head === null) break;
    const text = head.toString('latin1');
    if (text === 'T') {
      truncated = true;
      break;
    }
    const path = field();
    if (path === null) break;
    const match = STAT.exec(text);
    if (!match) {
      skipped += 1;
      continue;
    }
    const mode = parseInt(match[4] ?? '0', 16) & S_IFMT;
    const mtime = Number(match[2]);
    entries.push({
      path: nameText(path),
      kind: mode === S_IFDIR ? 'dir' : mode === S_IFLNK ? 'link' : 'file',
      sizeBytes: Number(match[1]),
      modifiedAt: Number.isFinite(mtime) && mtime > 0 ? new Date(mtime * 1000).toISOString() : null,
      owner: match[3] ?? '',
    });
  }
  return { entries, truncated, skipped };
}

/** The /var/log tree as root sees it. */
export async function readLogTree(root: RootAccess, signal?: AbortSignal, folder = LOG_ROOT): Promise<LogTree> {
  const { bytes, code } = await readAll(root, logTreeArgv(folder), signal, 64 * 1024 * 1024);
  if (code !== 0) throw new ConnectError('remote_failed', `Listing ${folder} on the platform failed (exit code ${code}). Try again; if it keeps failing, open a terminal and check the folder.`);
  return parseLogTree(bytes);
}
