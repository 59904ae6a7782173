export interface MountEntry {
  device: string;
  mountPoint: string;
  fsType: string;
  options: string;
}

/** /proc/mounts escapes space, tab, newline and backslash as \040, \011, \012 and \134. */
const unescape = (field: string) => field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));

/** The lines of /proc/mounts that have the kernel's shape; others are skipped. */
export function readMounts(text: string): MountEntry[] {
  const entries: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split(' ');
    if (fields.length < 4) continue;
    const [device, mountPoint, fsType, options] = fields as [string, string, string, string];
    if (!device || !mountPoint.startsWith('/') || !fsType) continue;
    entries.push({ device: unescape(device), mountPoint: unescape(mountPoint), fsType: unescape(fsType), options });
  }
  return entries;
}

/** What is visible at a mount point: the last of the mounts stacked on it. */
export function mountAt(entries: readonly MountEntry[], mountPoint: string): MountEntry | null {
  let found: MountEntry | null = null;
  for (const entry of entries) if (entry.mountPoint === mountPoint) found = entry;
  return found;
}
