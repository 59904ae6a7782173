import type { Client } from 'ssh2';
import { exec } from '../connect/sshExec';
import type { PlatformFacts } from './platformFacts';
import { parseProbeOutput } from './probeParse';
import { buildProbeScript } from './probeScript';

interface RunControl {
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** A plain command channel as admin (sshExec's exec, or the pool's). */
export interface AdminProbeShell {
  exec(command: string, options?: RunControl & { maxBytes?: number }): Promise<{ stdout: Buffer; code: number | null }>;
}

/** A root session (RootSession), which runs shell text built with the quoting helper. */
export interface RootProbeShell {
  run(command: { shell: string }, options?: RunControl): Promise<{ output: string; code: number }>;
}

export type ProbeShell = AdminProbeShell | RootProbeShell;

export interface ProbeOptions extends RunControl {
  /** Local clock in ms since the epoch (for tests of skew). */
  now?: () => number;
}

export interface ProbeResult {
  facts: PlatformFacts;
  ranAs: 'admin' | 'root';
  /** Local time the probe was sent, ms since the epoch. */
  startedAt: number;
  /** From sending the script to its complete answer. */
  durationMs: number;
  /** Platform clock minus local clock, in whole seconds; within ± clockSkewToleranceSeconds. Null when the platform's clock is unknown. */
  clockSkewSeconds: number | null;
  clockSkewToleranceSeconds: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

export const adminShellOf = (client: Client): AdminProbeShell => ({ exec: (command, options) => exec(client, command, options) });

/** A terminal that could not be switched to raw output turns every NL into CR NL; undo that, and only that. */
const withoutTerminalCr = (text: string) => (text.includes('\r\n') && !/(^|[^\r])\n/.test(text) ? text.replace(/\r\n/g, '\n') : text);

/**
 * Probes a platform in one round trip: one script, one exec as admin or one command in the root session.
 * Transport failures are the shell's own errors (ConnectError); an answer that is cut or garbled is a
 * ProbeOutputError. Nothing is written on the platform.
 */
export async function probePlatform(shell: ProbeShell, options: ProbeOptions = {}): Promise<ProbeResult> {
  const now = options.now ?? Date.now;
  const script = buildProbeScript();
  const control = { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, signal: options.signal };
  const startedAt = now();
  let output: string;
  let ranAs: ProbeResult['ranAs'];
  if ('exec' in shell) {
    const result = await shell.exec(script.text, { ...control, maxBytes: MAX_OUTPUT_BYTES });
    output = result.stdout.toString('utf8');
    ranAs = 'admin';
  } else {
    const result = await shell.run({ shell: script.text }, control);
    output = withoutTerminalCr(result.output);
    ranAs = 'root';
  }
  const finishedAt = now();
  const facts = parseProbeOutput(output, script.nonce);
  const durationMs = Math.max(0, finishedAt - startedAt);
  const platformClock = facts.clockEpochSeconds.value;
  // date +%s drops the fraction: the platform's true time is up to a second later.
  const middle = (startedAt + finishedAt) / 2000;
  return {
    facts,
    ranAs,
    startedAt,
    durationMs,
    clockSkewSeconds: platformClock === null ? null : Math.round(platformClock + 0.5 - middle),
    clockSkewToleranceSeconds: Math.ceil(durationMs / 2000) + 1,
  };
}
