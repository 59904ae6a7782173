/** Colours that tell the timeline's files apart, readable on light and dark backgrounds. */
const PALETTE = ['#1e88e5', '#e53935', '#43a047', '#8e24aa', '#fb8c00', '#00897b', '#d81b60', '#6d4c41', '#3949ab', '#7cb342', '#00acc1', '#f4511e'];

/** The same file always gets the same colour: the palette index is a hash of its path. */
export function fileColour(path: string): string {
  let hash = 0;
  for (let i = 0; i < path.length; i++) hash = (hash * 31 + path.charCodeAt(i)) >>> 0;
  return PALETTE[hash % PALETTE.length] ?? PALETTE[0] ?? '#1e88e5';
}

/** Colours for a list of files: the hash's colour, moved on to the next free one where two files would share it (while colours last). */
export function fileColours(paths: readonly string[]): Map<string, string> {
  const used = new Set<string>();
  const colours = new Map<string, string>();
  for (const path of [...new Set(paths)].sort()) {
    let index = PALETTE.indexOf(fileColour(path));
    for (let tries = 0; tries < PALETTE.length && used.has(PALETTE[index] ?? ''); tries++) index = (index + 1) % PALETTE.length;
    const colour = PALETTE[index] ?? fileColour(path);
    used.add(colour);
    colours.set(path, colour);
  }
  return colours;
}
