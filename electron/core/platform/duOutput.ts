/** `du -sk PATH/` as GNU coreutils and busybox print it: "KiB<TAB>PATH/"; the size in bytes, or null. */
export function readDuSummary(text: string, path: string): number | null {
  const lines = text.split('\n').filter((line) => line !== '');
  if (lines.length !== 1) return null;
  const match = /^(\d+)\t(.*)$/.exec(lines[0] ?? '');
  if (!match?.[1] || match[2] !== `${path}/`) return null;
  return Number(match[1]) * 1024;
}
