import type { BenchPlatform } from './benchFleet';
import { checkProbeAnswer } from './probeAnswer';

/** One run of a foreign tool over the fleet: its wall time and which platforms sent the whole probe answer. */
export interface ToolPollRun {
  seconds: number;
  ok: number;
  failures: string[];
  /** The tool's exit code and last words when it did not exit with 0. */
  toolMessage: string | null;
}

/** What a tool reported for one platform: its output, or why it has none. */
export type ToolOutput = { output: string } | { problem: string };

export interface ToolExit {
  seconds: number;
  code: number;
  /** What the tool printed, for its last words when it failed. */
  printed: string;
}

/** Reads and judges one platform's output after the other, so only one is held at a time. */
export async function judgeToolRun(platforms: readonly BenchPlatform[], exit: ToolExit, nonce: string, outputOf: (p: BenchPlatform) => Promise<ToolOutput>): Promise<ToolPollRun> {
  const failures: string[] = [];
  for (const p of platforms) {
    const result = await outputOf(p);
    if ('problem' in result) {
      failures.push(`${p.name}: ${result.problem}`);
      continue;
    }
    const answer = checkProbeAnswer(result.output, nonce);
    if (!answer.ok) failures.push(`${p.name}: ${answer.reason}`);
  }
  const toolMessage = exit.code === 0 ? null : `exit code ${exit.code}: ${exit.printed.trim().split('\n').slice(-3).join(' / ').slice(0, 500)}`;
  return { seconds: exit.seconds, ok: platforms.length - failures.length, failures, toolMessage };
}
