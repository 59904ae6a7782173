import { ProbeOutputError } from './probeOutputError';
import { PROBE_FORMAT_VERSION, PROBE_SECTIONS } from './probeScript';
import type { ProbeSection } from './probeScript';

/** One section of the probe's output: the tool's stdout and stderr, and its exit code. */
export interface SectionOutput {
  stdout: string;
  stderr: string;
  code: number;
}

export type ProbeSections = Record<ProbeSection, SectionOutput>;

/** Whether the text ends in the first part of `marker` (output cut inside it). */
function endsInPrefixOf(text: string, marker: string): boolean {
  for (let n = Math.min(marker.length - 1, text.length); n > 0; n--) if (marker.startsWith(text.slice(text.length - n))) return true;
  return false;
}

const AGAIN = 'Probe the platform again; if it keeps happening, the connection or the platform shell is cutting output.';

/**
 * Cuts the probe's output into its sections. Everything must be there, in order, each closed by its
 * end marker, up to the final marker; anything else is an error, never a partial result.
 */
export function readProbeFrame(output: string, nonce: string): ProbeSections {
  const at = (tag: string) => `@${nonce}:${tag}`;
  const header = `${at('probe')}:`;
  const start = output.indexOf(header);
  if (start < 0) {
    if (output.trim() === '') throw new ProbeOutputError('no_output', `The platform printed nothing for the probe. ${AGAIN}`);
    if (endsInPrefixOf(output, header)) throw new ProbeOutputError('truncated', `The platform's answer to the probe ended right after it started. ${AGAIN}`);
    throw new ProbeOutputError('corrupt', `The platform's answer to the probe does not start with the probe's marker (the shell may not have run the script). ${AGAIN}`);
  }
  const headerEnd = output.indexOf('\n', start);
  if (headerEnd < 0) throw new ProbeOutputError('truncated', `The platform's answer to the probe ended right after it started. ${AGAIN}`);
  const version = output.slice(start + header.length, headerEnd);
  if (version !== String(PROBE_FORMAT_VERSION)) throw new ProbeOutputError('corrupt', `The probe's output has format "${version.slice(0, 20)}", not ${PROBE_FORMAT_VERSION}. ${AGAIN}`);

  const sections: Partial<ProbeSections> = {};
  let pos = headerEnd + 1;
  let last = 'the start';
  const need = (text: string, from: number, what: string) => {
    const found = output.indexOf(text, from);
    if (found < 0) {
      if (output.indexOf(at('done'), from) >= 0) throw new ProbeOutputError('corrupt', `The probe's output lacks the ${what} (after ${last}). ${AGAIN}`);
      throw new ProbeOutputError('truncated', `The probe's output ended early, after ${last}. ${AGAIN}`);
    }
    return found;
  };
  for (const name of PROBE_SECTIONS) {
    const begin = `${at('s')}:${name}\n`;
    if (!output.startsWith(begin, pos)) {
      if (begin.startsWith(output.slice(pos))) throw new ProbeOutputError('truncated', `The probe's output ended early, after ${last}. ${AGAIN}`);
      throw new ProbeOutputError('corrupt', `The probe's output has something else where the "${name}" section should start (after ${last}). ${AGAIN}`);
    }
    const bodyStart = pos + begin.length;
    const split = `\n${at('x')}:${name}\n`;
    const splitAt = need(split, bodyStart, `stderr marker of "${name}"`);
    const end = `\n${at('e')}:${name}:`;
    const endAt = need(end, splitAt + split.length, `end of "${name}"`);
    const codeEnd = output.indexOf('\n', endAt + end.length);
    if (codeEnd < 0) throw new ProbeOutputError('truncated', `The probe's output ended inside the end marker of "${name}". ${AGAIN}`);
    const code = output.slice(endAt + end.length, codeEnd);
    if (!/^\d{1,3}$/.test(code)) throw new ProbeOutputError('corrupt', `The exit code of the probe's "${name}" section is not a number. ${AGAIN}`);
    const body = output.slice(bodyStart, splitAt);
    const errors = output.slice(splitAt + split.length, endAt);
    // Only the core dump list nests markers of its own (around the newest file's name).
    if (errors.includes(`@${nonce}:`) || (name !== 'cores' && body.includes(`@${nonce}:`))) {
      throw new ProbeOutputError('corrupt', `The probe's "${name}" section holds another section's marker. ${AGAIN}`);
    }
    sections[name] = { stdout: body, stderr: errors, code: Number(code) };
    pos = codeEnd + 1;
    last = `the "${name}" section`;
  }
  if (!output.startsWith(`${at('done')}\n`, pos)) {
    if (`${at('done')}\n`.startsWith(output.slice(pos))) throw new ProbeOutputError('truncated', `The probe's output ended before its final marker. ${AGAIN}`);
    throw new ProbeOutputError('corrupt', `The probe's output has something else where its final marker should be. ${AGAIN}`);
  }
  return sections as ProbeSections;
}
