import { posix } from 'node:path';
import type { CoreDump } from '../contract';
import { ConnectError } from '../connect/connectError';
import type { RootAccess } from '../connect/transfer/transferTypes';
import { AP_PATHS } from '../platform/platformPaths';
import type { DownloadRecords } from './downloadRecords';
import { nameText } from './logTree';
import { readAll } from './remoteOutput';

/**
 * For each core dump folder (admin-facts: /var/log/core_dumps and /mnt/sda2/log/core_dumps): `R\0ROOT\0REAL\0`
 * with the folder as `readlink -f` resolves it, then `F\0DEV:INODE SIZE MTIME\0PATH\0` per file in
 * ROOT/<service>/. NUL-separated, so no name can break it.
 */
export function coreDumpListArgv(roots: readonly string[] = AP_PATHS.coreDumpRoots): string[] {
  const script = [
    'for r in "$@"; do',
    '  [ -d "$r" ] || continue',
    '  real=$(readlink -f -- "$r" 2>/dev/null) || real=$r',
    "  printf 'R\\0%s\\0%s\\0' \"$r\" \"$real\"",
    '  for f in "$r"/*/* "$r"/*/.[!.]*; do',
    '    [ -f "$f" ] && [ ! -L "$f" ] || continue',
    "    s=$(stat -c '%d:%i %s %Y' -- \"$f\" 2>/dev/null) || continue",
    "    printf 'F\\0%s\\0%s\\0' \"$s\" \"$f\"",
    '  done',
    'done',
    'exit 0',
  ].join('\n');
  return ['sh', '-c', script, 'sh', ...roots];
}

export interface ListedDump {
  path: string;
  service: string;
  sizeBytes: number;
  mtime: number;
}

const FILE = /^(\d+:\d+) (\d+) (-?\d+)$/;

/** The dumps of every folder once: a folder that resolves to one listed before, and a file seen before (same device and inode), are skipped. */
export function parseCoreDumpList(output: Buffer): ListedDump[] {
  const fields: Buffer[] = [];
  let at = 0;
  for (;;) {
    const end = output.indexOf(0, at);
    if (end < 0) break;
    fields.push(output.subarray(at, end));
    at = end + 1;
  }
  const realRoots = new Set<string>();
  const inodes = new Set<string>();
  const dumps: ListedDump[] = [];
  let skipping = false;
  for (let i = 0; i < fields.length; ) {
    const tag = fields[i]?.toString('latin1');
    if (tag === 'R') {
      const real = nameText(fields[i + 2] ?? Buffer.alloc(0));
      skipping = realRoots.has(real);
      realRoots.add(real);
      i += 3;
      continue;
    }
    if (tag === 'F' && i + 2 < fields.length) {
      const match = FILE.exec(fields[i + 1]?.toString('latin1') ?? '');
      const path = nameText(fields[i + 2] as Buffer);
      i += 3;
      if (skipping || !match?.[1] || inodes.has(match[1])) continue;
      inodes.add(match[1]);
      dumps.push({ path, service: posix.basename(posix.dirname(path)), sizeBytes: Number(match[2]), mtime: Number(match[3]) });
      continue;
    }
    i += 1;
  }
  return dumps.sort((a, b) => b.mtime - a.mtime || a.path.localeCompare(b.path));
}

export async function listCoreDumps(root: RootAccess, signal?: AbortSignal): Promise<ListedDump[]> {
  const { bytes, code } = await readAll(root, coreDumpListArgv(), signal, 16 * 1024 * 1024);
  if (code !== 0) throw new ConnectError('remote_failed', `Listing the core dumps on the platform failed (exit code ${code}). Try again.`);
  return parseCoreDumpList(bytes);
}

export async function withDownloads(platformId: string, dumps: readonly ListedDump[], records: DownloadRecords): Promise<CoreDump[]> {
  return Promise.all(
    dumps.map(async (dump) => {
      const record = await records.find(platformId, dump.path, dump.sizeBytes, dump.mtime);
      return {
        path: dump.path,
        service: dump.service,
        sizeBytes: dump.sizeBytes,
        modifiedAt: dump.mtime > 0 ? new Date(dump.mtime * 1000).toISOString() : null,
        downloaded: record ? { localPath: record.localPath, sha256: record.sha256, at: record.at } : null,
      };
    }),
  );
}

export interface DeleteOutcome {
  deleted: string[];
  refused: Array<{ path: string; reason: string }>;
}

/**
 * Deletes the named core dumps that this console downloaded and verified as they are now (same size and time),
 * with the local copy still in place; every other path is refused with the reason.
 */
export async function deleteCoreDumps(platformId: string, paths: readonly string[], root: RootAccess, records: DownloadRecords, signal?: AbortSignal): Promise<DeleteOutcome> {
  const listed = new Map((await listCoreDumps(root, signal)).map((d) => [d.path, d]));
  const outcome: DeleteOutcome = { deleted: [], refused: [] };
  for (const path of new Set(paths)) {
    const dump = listed.get(path);
    if (!dump) {
      outcome.refused.push({ path, reason: `${path} is not among the core dumps on the platform (it may be gone already, or lie elsewhere); nothing was deleted.` });
      continue;
    }
    const record = await records.find(platformId, dump.path, dump.sizeBytes, dump.mtime);
    if (!record) {
      outcome.refused.push({ path, reason: `${path} has no verified download in this console as it is now (same size and time, local copy still there): download it first, then delete it.` });
      continue;
    }
    const result = await root.run(['rm', '-f', '--', path], { signal });
    if (result.code === 0) outcome.deleted.push(path);
    else outcome.refused.push({ path, reason: `rm refused to delete ${path} on the platform (exit code ${result.code}${result.output.trim() ? `: ${result.output.trim().split('\n')[0]}` : ''}). Check it in a terminal.` });
  }
  return outcome;
}
