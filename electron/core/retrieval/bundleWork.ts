import { join } from 'node:path';
import type { AuditLog } from '../audit/auditLog';
import { ConnectError } from '../connect/connectError';
import { byteText } from '../format/byteText';
import type { Alarm, PlatformStatus } from '../contract';
import { sanitiseNamePart } from './bundle/bundleName';
import type { JobSpec } from './jobSpec';
import type { PlatformAccess } from './platformAccess';
import type { JobContext, JobOutcome } from './retrievalJobs';
import { targetFolder } from './retrievalPaths';

export interface BundleWorkDeps {
  access: PlatformAccess;
  dataDir: string;
  audit: AuditLog;
  lastStatus(platformId: string): Promise<PlatformStatus | null>;
  activeAlarms(platformId: string): Promise<Alarm[]>;
}

type BundleSpec = Extract<JobSpec, { kind: 'bundle' }>;

/** One support bundle (bundle/collectBundle.ts) on a root shell of its own; collectBundle audits its own commands. */
export async function runBundle(spec: BundleSpec, context: JobContext, deps: BundleWorkDeps): Promise<JobOutcome> {
  const { collectBundle } = await import('./bundle/collectBundle');
  const link = await deps.access.dedicated(spec.platformId, 'support bundle', context.signal);
  try {
    const { platform } = link;
    let targetDir = join(deps.dataDir, 'bundles', sanitiseNamePart(platform.siteName, 'site'), sanitiseNamePart(platform.name, 'platform'));
    if (spec.targetDir !== null) {
      const chosen = targetFolder(spec.targetDir);
      if (chosen === null) throw new ConnectError('local_failed', `${spec.targetDir} is not an absolute folder on this computer. Choose the folder again.`);
      targetDir = chosen;
    }
    const bundle = await collectBundle({
      client: link.client,
      root: link.session,
      platform,
      includeCoreDumps: spec.includeCoreDumps,
      targetDir,
      status: await deps.lastStatus(spec.platformId),
      alarms: await deps.activeAlarms(spec.platformId),
      audit: deps.audit,
      signal: context.signal,
      onProgress: (p) => context.progress(p),
    });
    const problems = bundle.problems.length === 0 ? '' : ` ${bundle.problems.length === 1 ? 'One problem' : `${bundle.problems.length} problems`} are listed in its manifest: ${bundle.problems[0]}`;
    return { localPath: bundle.localPath, sha256: bundle.sha256, message: `Support bundle saved as ${bundle.localPath} (${byteText(bundle.bytes)} after compression).${problems}` };
  } finally {
    link.session.close();
  }
}
