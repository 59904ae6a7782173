/** The lines a follow pane keeps: the newest `cap`, with a running count of what was dropped at the top. */
export interface FollowBuffer {
  lines: readonly string[];
  /** Number of the first kept line in the whole follow (1 while nothing was dropped). */
  firstLine: number;
  dropped: number;
}

export const FOLLOW_LINES_KEPT = 20_000;

export const EMPTY_FOLLOW_BUFFER: FollowBuffer = { lines: [], firstLine: 1, dropped: 0 };

/** Appends new lines, dropping the oldest beyond `cap`. */
export function appendLines(buffer: FollowBuffer, incoming: readonly string[], cap = FOLLOW_LINES_KEPT): FollowBuffer {
  if (incoming.length === 0) return buffer;
  const all = buffer.lines.length + incoming.length;
  if (all <= cap) return { ...buffer, lines: [...buffer.lines, ...incoming] };
  const drop = all - cap;
  const lines = drop >= buffer.lines.length ? incoming.slice(incoming.length - cap) : [...buffer.lines.slice(drop), ...incoming];
  return { lines, firstLine: buffer.firstLine + drop, dropped: buffer.dropped + drop };
}
