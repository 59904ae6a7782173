import { parseProbeOutput } from '../../../electron/core/platform/probeParse';

export type ProbeAnswer = { ok: true } | { ok: false; reason: string };

/** A terminal (Ansible's raw module asks for one) turns every NL into CR NL; undo that, and only that. */
const withoutTerminalCr = (text: string) => (text.includes('\r\n') && !/(^|[^\r])\n/.test(text) ? text.replace(/\r\n/g, '\n') : text);

/**
 * Whether a tool brought back the whole probe answer: the console's own parser reads it (framed by the
 * probe's nonce, every section present) and the data partition's figures are in it.
 */
export function checkProbeAnswer(output: string, nonce: string): ProbeAnswer {
  try {
    const facts = parseProbeOutput(withoutTerminalCr(output), nonce);
    if (facts.dataPartition.value === null) return { ok: false, reason: `no data partition figures: ${facts.dataPartition.unknown.reason}` };
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
