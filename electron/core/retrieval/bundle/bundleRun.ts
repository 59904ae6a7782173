import { isConnectError } from '../../connect/connectError';
import { shellCommand } from '../../connect/shellQuote';
import type { RootAccess } from '../../connect/transfer/transferTypes';

export const BUNDLE_PURPOSE = 'support bundle';

export interface AuditedRun {
  command: string;
  output: string;
  /** null when the command did not end on its own (timeout). */
  code: number | null;
}

/** Runs argv as root (an audited session); a timeout gives code null, a cut connection or a cancel is thrown. */
export async function runForBundle(root: RootAccess, argv: readonly string[], timeoutMs: number, signal: AbortSignal): Promise<AuditedRun> {
  const command = shellCommand(argv);
  try {
    const result = await root.run(argv, { timeoutMs, signal });
    return { command, output: result.output, code: result.code };
  } catch (error) {
    if (isConnectError(error, 'timeout')) return { command, output: '', code: null };
    throw error;
  }
}
