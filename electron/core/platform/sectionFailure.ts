import type { UnknownFact } from './platformFacts';
import type { SectionOutput } from './probeFrame';
import { PROBE_STATUS } from './probeScript';

/** Who ran the probe: uid 0 is root; null when `id -u` gave nothing usable. */
export interface ProbeRunner {
  uid: number | null;
}

/** How ash, dash and bash say a command does not exist (the script runs them with LC_ALL=C). */
const NOT_FOUND = /^\S+: (?:line \d+: |\d+: )?\S+: (?:command )?not found$/m;

const firstLine = (text: string) => (text.split('\n').find((line) => line.trim() !== '') ?? '').trim().slice(0, 200);

export function deniedFact(what: string, who: ProbeRunner): UnknownFact {
  return who.uid === 0
    ? { code: 'not_readable', reason: `${what} cannot be read even as root` }
    : { code: 'needs_root', reason: `needs root: ${what} is readable by root only` };
}

/**
 * Why a section gives no fact: its helper's status (missing, denied, wrong type), a missing tool, or a
 * tool that failed or complained. Null when the section ran cleanly.
 */
export function sectionFailure(out: SectionOutput, what: string, who: ProbeRunner): UnknownFact | null {
  if (out.code === 0 && out.stderr.trim() === '') return null;
  if (out.code === PROBE_STATUS.missing) return { code: 'missing', reason: `${what} does not exist` };
  if (out.code === PROBE_STATUS.denied) return deniedFact(what, who);
  if (out.code === PROBE_STATUS.wrongType) return { code: 'failed', reason: `${what} is not of the expected type (file or folder)` };
  if (out.code === PROBE_STATUS.toolMissing || NOT_FOUND.test(out.stderr)) {
    const line = firstLine(out.stderr);
    return { code: 'tool_missing', reason: `a tool needed for ${what} is not installed${line ? ` (${line})` : ''}` };
  }
  if (/permission denied/i.test(out.stderr)) return deniedFact(what, who);
  const line = firstLine(out.stderr);
  return { code: 'failed', reason: `reading ${what} failed (exit ${out.code}${line ? `: ${line}` : ''})` };
}
