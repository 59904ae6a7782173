/** Why the probe's output could not be read at all: no single fact is trusted then. */
export type ProbeOutputProblem = 'no_output' | 'truncated' | 'corrupt';

export class ProbeOutputError extends Error {
  readonly problem: ProbeOutputProblem;

  constructor(problem: ProbeOutputProblem, message: string) {
    super(message);
    this.name = 'ProbeOutputError';
    this.problem = problem;
  }
}
