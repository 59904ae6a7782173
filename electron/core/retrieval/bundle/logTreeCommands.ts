import { randomBytes } from 'node:crypto';
import { AP_PATHS } from '../../platform/platformPaths';

/** The log tree relative to `/`, as its entries are named in the bundle. */
export const LOG_TREE = AP_PATHS.logs.replace(/^\//, '');
const CORE_DUMPS_EXCLUDE = `${LOG_TREE}/core_dumps/*`;
const STDERR_KEPT = 64 * 1024;

/**
 * The sum of the log tree's file sizes (a quick `du -sb` that busybox also has): find, stat and awk.
 * Only what is printed counts; nothing is written anywhere.
 */
export function logTreeSizeArgv(includeCoreDumps: boolean): string[] {
  const script = [
    'if [ "$2" = 1 ]; then find "$1" -type f -exec stat -c %s -- {} + ; else find "$1" -path "$1/core_dumps" -prune -o -type f -exec stat -c %s -- {} + ; fi 2>/dev/null',
    "awk '{ s += $1 } END { printf \"%.0f\\n\", s }'",
  ].join(' | ');
  return ['sh', '-c', script, 'sh', AP_PATHS.logs, includeCoreDumps ? '1' : '0'];
}

export const parseSizeSum = (output: string): number | null => {
  const match = /(?:^|\n)(\d+)\s*$/.exec(output.replace(/\r/g, ''));
  return match?.[1] ? Number(match[1]) : null;
};

export interface LogTreeRead {
  argv: string[];
  /** The line after the archive that tells its end; random, so no file in the tree can fake it. */
  marker: string;
}

/**
 * tar of /var/log to stdout, streamed as it is read: no file on the platform. tar's complaints (vanished or
 * unreadable files) are kept in a shell variable (memory) and printed after the archive, behind a marker
 * line with tar's exit code; the script exits with that code.
 */
export function logTreeTarRead(includeCoreDumps: boolean): LogTreeRead {
  const marker = `APC-BUNDLE-TAR-END-${randomBytes(8).toString('hex')}`;
  const exclude = includeCoreDumps ? '' : ' --exclude="$3"';
  const script = [
    `{ e=$(tar -cf -${exclude} -C / "$2" 2>&1 >&3 3>&-); r=$?; } 3>&1`,
    `printf '\\n%s %s\\n' "$1" "$r"`,
    `printf '%s\\n' "$e" | head -c ${STDERR_KEPT}`,
    'exit $r',
  ].join('; ');
  return { argv: ['sh', '-c', script, 'sh', marker, LOG_TREE, CORE_DUMPS_EXCLUDE], marker };
}

export interface TarReport {
  exitCode: number;
  /** What tar printed on stderr, line by line. */
  messages: string[];
}

/** The report after the archive: the marker line with tar's exit code, then tar's stderr. Undefined when it is not there. */
export function parseTarReport(trailer: Buffer, marker: string): TarReport | undefined {
  const text = trailer.toString('utf8').replace(/\r/g, '');
  const at = text.indexOf(`\n${marker} `);
  const start = at >= 0 ? at + 1 : text.startsWith(`${marker} `) ? 0 : -1;
  if (start < 0) return undefined;
  const lineEnd = text.indexOf('\n', start);
  const head = text.slice(start + marker.length + 1, lineEnd < 0 ? undefined : lineEnd).trim();
  if (!/^\d+$/.test(head)) return undefined;
  const messages = lineEnd < 0 ? [] : text.slice(lineEnd + 1).split('\n').map((line) => line.trim()).filter(Boolean);
  return { exitCode: Number(head), messages };
}
