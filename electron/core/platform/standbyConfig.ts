import type { StandbyConfig } from './platformFacts';

/** Keys that name the primary, best first; matched without regard to case, `_` or `-`. */
const PRIMARY_KEYS = ['primary', 'primaryhost', 'primaryaddress', 'primaryserver', 'master', 'masterhost', 'host', 'server', 'address'];
const HOST = /^[A-Za-z0-9._:[\]-]{1,255}$/;

const normalise = (key: string) => key.toLowerCase().replace(/[_-]/g, '');

/** JSON as people and tools leave it: a byte order mark, comments, trailing commas. */
function lenientJson(text: string): unknown {
  const cleaned = text
    .replace(/^\uFEFF/, '')
    .replace(/("(?:[^"\\]|\\.)*")|\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (_, str: string | undefined) => str ?? '')
    .replace(/("(?:[^"\\]|\\.)*")|,(\s*[}\]])/g, (_, str: string | undefined, tail: string | undefined) => str ?? tail ?? '');
  try {
    return JSON.parse(cleaned);
  } catch {
    return undefined;
  }
}

/** The best primary host among an object's string fields, looking one level into nested objects too. */
function primaryHost(value: unknown, depth = 0): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const entries = Object.entries(value as Record<string, unknown>);
  for (const key of PRIMARY_KEYS) {
    for (const [name, field] of entries) {
      if (normalise(name) !== key) continue;
      if (typeof field === 'string' && HOST.test(field.trim())) return field.trim();
      if (depth === 0) {
        const nested = primaryHost(field, 1);
        if (nested) return nested;
      }
    }
  }
  return null;
}

/**
 * /home/root/standby.conf, read leniently. Only the primary's host is kept: the file also holds the
 * replication password, so nothing else of it (not even a parse error, which quotes the text) leaves here.
 */
export function readStandbyConfig(text: string): StandbyConfig {
  const parsed = lenientJson(text);
  const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  return { present: true, parsed: isObject, primaryHost: isObject ? primaryHost(parsed) : null };
}
