import type { LogEntry } from '../../../../electron/core/contract';

/** One row of the folder-grouped /var/log browser: a folder (with the total of what lies beneath) or a file. */
export interface LogTreeRow {
  /** The entry's absolute path on the platform; also the row id. */
  id: string;
  name: string;
  /** The folder it lies in, relative to the root ('' for the root itself). */
  folder: string;
  depth: number;
  kind: LogEntry['kind'];
  sizeBytes: number;
  modifiedAt: string | null;
  owner: string;
  /** Folders: how many files lie beneath, at any depth. */
  files: number;
  expanded: boolean;
}

interface Node {
  entry: LogEntry | null;
  path: string;
  name: string;
  children: Map<string, Node>;
  sizeBytes: number;
  files: number;
  newest: string | null;
}

const trimSlash = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path);

function newer(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** The tree of entries under `root`: folders the listing did not name itself are made up from the paths of what they hold. */
function buildTree(entries: readonly LogEntry[], root: string): Node {
  const base = trimSlash(root);
  const top: Node = { entry: null, path: base, name: base, children: new Map(), sizeBytes: 0, files: 0, newest: null };
  for (const entry of entries) {
    const path = trimSlash(entry.path);
    if (path === base) {
      top.entry = entry;
      continue;
    }
    const relative = path.startsWith(`${base}/`) ? path.slice(base.length + 1) : path.replace(/^\/+/, '');
    const parts = relative.split('/').filter(Boolean);
    let node = top;
    let at = base;
    for (const [i, part] of parts.entries()) {
      at = `${at === '/' ? '' : at}/${part}`;
      let child = node.children.get(part);
      if (!child) {
        child = { entry: null, path: at, name: part, children: new Map(), sizeBytes: 0, files: 0, newest: null };
        node.children.set(part, child);
      }
      if (i === parts.length - 1) child.entry = entry;
      node = child;
    }
  }
  total(top);
  return top;
}

function total(node: Node): void {
  const kind = node.entry?.kind ?? 'dir';
  if (kind !== 'dir' && node.children.size === 0) {
    node.sizeBytes = node.entry?.sizeBytes ?? 0;
    node.files = 1;
    node.newest = node.entry?.modifiedAt ?? null;
    return;
  }
  node.sizeBytes = 0;
  node.files = 0;
  node.newest = node.entry?.modifiedAt ?? null;
  for (const child of node.children.values()) {
    total(child);
    node.sizeBytes += child.sizeBytes;
    node.files += child.files;
    node.newest = newer(node.newest, child.newest);
  }
}

const isFolder = (node: Node) => (node.entry?.kind ?? 'dir') === 'dir' || node.children.size > 0;

const byFoldersThenName = (a: Node, b: Node) => Number(isFolder(b)) - Number(isFolder(a)) || a.name.localeCompare(b.name, undefined, { numeric: true });

/**
 * The rows to show, folders first and then files, each folder followed by its content unless it is collapsed.
 * Folder sizes are the sum of the files beneath; their time is the newest beneath.
 */
export function logTreeRows(entries: readonly LogEntry[], root: string, collapsed: ReadonlySet<string>): LogTreeRow[] {
  const top = buildTree(entries, root);
  const rows: LogTreeRow[] = [];
  const walk = (node: Node, depth: number, folder: string) => {
    for (const child of [...node.children.values()].sort(byFoldersThenName)) {
      const folderRow = isFolder(child);
      const expanded = folderRow && !collapsed.has(child.path);
      rows.push({
        id: child.path,
        name: child.name,
        folder,
        depth,
        kind: folderRow ? 'dir' : (child.entry?.kind ?? 'file'),
        sizeBytes: child.sizeBytes,
        modifiedAt: folderRow ? child.newest : (child.entry?.modifiedAt ?? null),
        owner: child.entry?.owner ?? '',
        files: child.files,
        expanded,
      });
      if (expanded) walk(child, depth + 1, folder ? `${folder}/${child.name}` : child.name);
    }
  };
  walk(top, 0, '');
  return rows;
}

/** Every folder of the listing, for "collapse all". */
export function logFolders(rows: readonly LogTreeRow[]): string[] {
  return rows.filter((row) => row.kind === 'dir').map((row) => row.id);
}

/** Drops paths that lie inside another chosen folder: downloading the folder already brings them. */
export function downloadPaths(paths: readonly string[]): string[] {
  const sorted = [...new Set(paths.map(trimSlash))].sort();
  const kept: string[] = [];
  for (const path of sorted) if (!kept.some((folder) => path.startsWith(`${folder}/`))) kept.push(path);
  return kept;
}
