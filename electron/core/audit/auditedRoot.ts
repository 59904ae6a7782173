import { shellCommand } from '../connect/shellQuote';
import type { RootAccess } from '../connect/transfer/transferTypes';
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

/** Records a command with its exit code (null when it did not end on its own). */
export function recordCommand(context: AuditContext, command: string, asRoot: boolean, exitCode: number | null): void {
  void context.audit.record({ platformId: context.platformId, purpose: context.purpose, command, asRoot, exitCode }).catch((error: unknown) => context.onAuditError?.(error));
}

/** The root session with every command it runs and every stream it reads recorded in the audit, with its exit code. */
export function auditedRoot(root: RootAccess, context: AuditContext): RootAccess {
  return {
    async run(argv, opts) {
      const command = commandText(argv);
      try {
        const result = await root.run(argv, opts);
        recordCommand(context, command, true, result.code);
        return result;
      } catch (error) {
        recordCommand(context, command, true, null);
        throw error;
      }
    },
    async readStream(argv, opts) {
      const command = shellCommand(argv);
      let read;
      try {
        read = await root.readStream(argv, opts);
      } catch (error) {
        recordCommand(context, command, true, null);
        throw error;
      }
      read.done.then(
        (code) => recordCommand(context, command, true, code),
        () => recordCommand(context, command, true, null),
      );
      return read;
    },
  };
}
