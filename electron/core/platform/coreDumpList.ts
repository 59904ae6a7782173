import type { CoreDumps, Fact } from './platformFacts';
import { known, unknown, unknownFrom } from './platformFacts';
import { PROBE_STATUS } from './probeScript';
import type { ProbeRunner } from './sectionFailure';
import { deniedFact } from './sectionFailure';

const ROOT_LINE = /^r (\d+) (\d+|same)$/;
const FILE_LINE = /^f (\d+:\d+) (\d+) (-?\d+)$/;

/**
 * The core dump section: one `r INDEX STATUS` line per folder (`same` when it is the first one seen
 * again), `f DEV:INODE SIZE MTIME` per file, `D` per unreadable service folder, `u EXIT` per file stat
 * failed on, then the newest file's name between its own markers. A file reached through both folders
 * is counted once.
 */
export function readCoreDumps(body: string, nonce: string, who: ProbeRunner, what: string): Fact<CoreDumps> {
  const open = `@${nonce}:p\n`;
  const close = `\n@${nonce}:q\n`;
  const openAt = body.indexOf(open);
  const records = openAt < 0 ? body : body.slice(0, openAt);
  let newestPath: string | null = null;
  if (openAt >= 0) {
    const closeAt = body.indexOf(close, openAt + open.length);
    if (closeAt < 0 || body.slice(closeAt + close.length).trim() !== '') return unknown('unparseable', `the list of ${what} is cut or garbled`);
    newestPath = body.slice(openAt + open.length, closeAt);
  }
  const seen = new Map<string, { size: number; mtime: number }>();
  let roots = 0;
  for (const line of records.split('\n')) {
    if (line === '') continue;
    const root = ROOT_LINE.exec(line);
    if (root) {
      roots += 1;
      const status = root[2];
      if (status === String(PROBE_STATUS.denied)) return unknownFrom(deniedFact(what, who));
      if (status !== 'same' && status !== '0' && status !== String(PROBE_STATUS.missing)) return unknown('failed', `checking the folders of ${what} failed`);
      continue;
    }
    if (line === 'D') return unknownFrom(deniedFact(`a folder of ${what}`, who));
    if (line.startsWith('u ')) return unknown('failed', `the size of a file among ${what} could not be read (stat failed)`);
    const file = FILE_LINE.exec(line);
    if (!file?.[1] || !file[2] || !file[3]) return unknown('unparseable', `the list of ${what} has a line the probe did not print`);
    if (!seen.has(file[1])) seen.set(file[1], { size: Number(file[2]), mtime: Number(file[3]) });
  }
  if (roots !== 2) return unknown('unparseable', `the list of ${what} is cut or garbled`);
  const files = [...seen.values()];
  if ((files.length > 0) !== (newestPath !== null) || newestPath === '') return unknown('unparseable', `the list of ${what} is cut or garbled`);
  const newest = newestPath === null ? null : { path: newestPath, mtimeEpochSeconds: Math.max(...files.map((f) => f.mtime)) };
  return known({ count: files.length, totalBytes: files.reduce((sum, f) => sum + f.size, 0), newest });
}
