import type { ViewerFile } from '../../../../electron/core/contract';

/** One row of the bundle's file tree: a folder (totals of what lies beneath) or a file. */
export interface ViewerTreeRow {
  id: string;
  name: string;
  depth: number;
  folder: boolean;
  sizeBytes: number;
  lines: number;
  file: ViewerFile | null;
  expanded: boolean;
}

interface Node {
  name: string;
  path: string;
  file: ViewerFile | null;
  children: Map<string, Node>;
}

/** Rows of the bundle's files grouped by folder, folders first, collapsed folders without their content. */
export function viewerTreeRows(files: readonly ViewerFile[], collapsed: ReadonlySet<string>): ViewerTreeRow[] {
  const top: Node = { name: '', path: '', file: null, children: new Map() };
  for (const file of files) {
    const parts = file.path.split('/').filter(Boolean);
    let node = top;
    parts.forEach((part, i) => {
      const path = node.path ? `${node.path}/${part}` : part;
      let child = node.children.get(part);
      if (!child) {
        child = { name: part, path, file: null, children: new Map() };
        node.children.set(part, child);
      }
      if (i === parts.length - 1) child.file = file;
      node = child;
    });
  }
  const rows: ViewerTreeRow[] = [];
  const sums = (node: Node): { sizeBytes: number; lines: number } => {
    if (node.children.size === 0) return { sizeBytes: node.file?.sizeBytes ?? 0, lines: node.file?.lines ?? 0 };
    let sizeBytes = 0;
    let lines = 0;
    for (const child of node.children.values()) {
      const s = sums(child);
      sizeBytes += s.sizeBytes;
      lines += s.lines;
    }
    return { sizeBytes, lines };
  };
  const walk = (node: Node, depth: number) => {
    const children = [...node.children.values()].sort((a, b) => Number(b.children.size > 0) - Number(a.children.size > 0) || a.name.localeCompare(b.name, undefined, { numeric: true }));
    for (const child of children) {
      const folder = child.children.size > 0;
      const expanded = folder && !collapsed.has(child.path);
      rows.push({ id: child.path, name: child.name, depth, folder, ...sums(child), file: folder ? null : child.file, expanded });
      if (expanded) walk(child, depth + 1);
    }
  };
  walk(top, 0);
  return rows;
}
