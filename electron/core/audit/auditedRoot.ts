import { shellCommand } from '../connect/shellQuote';
import type { RootAccess } from '../connect/transfer/transferTypes';
import { beginCommand } from './auditLog';
import type { AuditLog } from './auditLog';

export interface AuditContext {
  audit: AuditLog;
  platformId: string;
  /** What the console does, in words: "download", "log list", "memory dump". */
  purpose: string;
  /** Audit failures are reported here; they never stop the work. */
  onAuditError?: (error: unknown) => void;
}

const commandText = (argv: readonly string[] | { shell: string }) => ('shell' in argv ? argv.shell : shellCommand(argv));

/** Records a command as it starts, without waiting for the disk; the answer records its end with the exit code (null when it did not end on its own). */
function begun(context: AuditContext, command: string): (exitCode: number | null) => void {
  const onError = (error: unknown) => context.onAuditError?.(error);
  const end = beginCommand(context.audit, { platformId: context.platformId, purpose: context.purpose, command, asRoot: true }, onError);
  return (exitCode) => void end.then((record) => record(exitCode)).catch(onError);
}

/** The root session with every command it runs and every stream it reads recorded in the audit, with its exit code. */
export function auditedRoot(root: RootAccess, context: AuditContext): RootAccess {
  return {
    async run(argv, opts) {
      const ended = begun(context, commandText(argv));
      try {
        const result = await root.run(argv, opts);
        ended(result.code);
        return result;
      } catch (error) {
        ended(null);
        throw error;
      }
    },
    async readStream(argv, opts) {
      const ended = begun(context, shellCommand(argv));
      let read;
      try {
        read = await root.readStream(argv, opts);
      } catch (error) {
        ended(null);
        throw error;
      }
      read.done.then(
        (code) => ended(code),
        () => ended(null),
      );
      return read;
    },
  };
}
