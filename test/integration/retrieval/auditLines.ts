import { createAuditLog } from '../../../electron/core/audit/auditLog';
import type { AuditEntry } from '../../../electron/core/audit/auditLog';

/** The audit entries the engine wrote for a platform (give writes a moment to land). */
export async function readAuditFor(dataDir: string, platformId: string): Promise<AuditEntry[]> {
  await new Promise((resolve) => setTimeout(resolve, 100));
  return createAuditLog(dataDir).forPlatform(platformId, 100_000);
}
