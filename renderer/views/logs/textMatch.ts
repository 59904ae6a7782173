/** How a search box matches: plain text (case-insensitive unless asked) or a regular expression. */
export interface TextQuery {
  text: string;
  regex: boolean;
  caseSensitive: boolean;
}

export type Matcher = { ok: true; test(line: string): boolean; ranges(line: string): Array<[number, number]> } | { ok: false; problem: string };

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A matcher for the query; an empty query matches every line, a broken regular expression says why. */
export function textMatcher(query: TextQuery): Matcher {
  if (!query.text) return { ok: true, test: () => true, ranges: () => [] };
  let pattern: RegExp;
  try {
    pattern = new RegExp(query.regex ? query.text : escape(query.text), query.caseSensitive ? 'g' : 'gi');
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : 'it cannot be read';
    return { ok: false, problem: `That is not a regular expression this console can use (${detail}). Fix it, or switch off "Regular expression" to search for the text as typed.` };
  }
  const ranges = (line: string): Array<[number, number]> => {
    const found: Array<[number, number]> = [];
    pattern.lastIndex = 0;
    for (let match = pattern.exec(line); match; match = pattern.exec(line)) {
      if (match[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      found.push([match.index, match.index + match[0].length]);
      if (found.length >= 200) break;
    }
    return found;
  };
  return {
    ok: true,
    test(line) {
      pattern.lastIndex = 0;
      const hit = pattern.exec(line);
      return hit !== null && hit[0].length > 0;
    },
    ranges,
  };
}

export interface TextPart {
  text: string;
  hit: boolean;
}

/** A line cut into plain and matching parts, for highlighting. */
export function highlightParts(line: string, ranges: ReadonlyArray<readonly [number, number]>): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at) continue;
    if (start > at) parts.push({ text: line.slice(at, start), hit: false });
    parts.push({ text: line.slice(start, end), hit: true });
    at = end;
  }
  if (at < line.length || parts.length === 0) parts.push({ text: line.slice(at), hit: false });
  return parts;
}
