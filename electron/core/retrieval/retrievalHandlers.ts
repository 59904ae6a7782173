import type { AuditLog } from '../audit/auditLog';
import { ConnectError } from '../connect/connectError';
import type { SecretLookup } from '../connect/sshAuth';
import type { LogLines, LogFollowEnd, RetrievalJob } from '../contract';
import type { EngineLog } from '../engineLog';
import type { InventoryStore } from '../fleet/inventoryStore';
import type { MonitorService } from '../monitor/monitorService';
import { AP_PATHS } from '../platform/platformPaths';
import type { Handler } from '../rpc/handlers';
import type { z } from 'zod';
import { runBundle } from './bundleWork';
import { deleteCoreDumps, listCoreDumps, withDownloads } from './coreDumps';
import { createDownloadRecords } from './downloadRecords';
import { runDownload } from './downloadWork';
import type { JobSpec } from './jobSpec';
import { createLogFollows } from './logFollow';
import { LOG_ROOT, readLogTree } from './logTree';
import { runMemoryDump } from './memoryDump';
import { createPlatformAccess } from './platformAccess';
import { createRetrievalJobs } from './retrievalJobs';
import type { JobContext } from './retrievalJobs';
import { checkRemotePath } from './retrievalPaths';

type RetrievalMethod =
  | 'logs.list' | 'logs.follow' | 'logs.stopFollow' | 'coreDumps.list' | 'coreDumps.delete' | 'coreDumps.memoryDump'
  | 'retrieval.download' | 'retrieval.bundle' | 'retrieval.jobs' | 'retrieval.cancel' | 'retrieval.resume';
export type RetrievalHandlers = { [M in RetrievalMethod]: Handler<M> };

export interface RetrievalDeps {
  dataDir: string;
  monitor: Pick<MonitorService, 'acquireClient' | 'statusesOf' | 'alarms'>;
  inventory: InventoryStore;
  secrets: SecretLookup;
  audit: AuditLog;
  emit: {
    lines(payload: z.infer<typeof LogLines>): void;
    followEnd(payload: z.infer<typeof LogFollowEnd>): void;
    job(job: RetrievalJob): void;
  };
  log: EngineLog;
  concurrency?: number;
}

export interface Retrieval {
  handlers: RetrievalHandlers;
  /** Ends the follows, stops the jobs (kept resumable) and closes the root shells. */
  close(): Promise<void>;
}

const refuse = (reason: string) => new ConnectError('remote_failed', reason, { reason: 'path_refused' });
const inCoreDumps = (path: string) => AP_PATHS.coreDumpRoots.some((root) => path.startsWith(`${root}/`));
const plural = (n: number, one: string) => (n === 1 ? `1 ${one}` : `${n} ${one}s`);

function downloadLabel(paths: readonly string[]): string {
  if (paths.length === 1) return `Download of ${paths[0]}`;
  const parents = new Set(paths.map((p) => p.slice(0, p.lastIndexOf('/')) || '/'));
  return parents.size === 1 ? `${plural(paths.length, 'path')} from ${[...parents][0]}` : `Download of ${plural(paths.length, 'path')}`;
}

/** The contract's logs.*, coreDumps.* and retrieval.* methods. */
export function retrievalHandlers(deps: RetrievalDeps): Retrieval {
  const access = createPlatformAccess({ monitor: deps.monitor, inventory: deps.inventory, secrets: deps.secrets, audit: deps.audit, onAuditError: (error) => deps.log.error('writing the audit log failed', error) });
  const records = createDownloadRecords(deps.dataDir);
  const follows = createLogFollows(access, {
    lines: (followId, lines) => deps.emit.lines({ followId, lines }),
    end: (followId, message) => deps.emit.followEnd({ followId, message }),
  });
  const buildOf = async (platformId: string) => (await deps.monitor.statusesOf([platformId]))[0]?.status.build ?? null;
  const work = (spec: JobSpec, context: JobContext) => {
    switch (spec.kind) {
      case 'download':
        return runDownload(spec, context, { access, records, dataDir: deps.dataDir });
      case 'memory-dump':
        return runMemoryDump(spec, context, { access, dataDir: deps.dataDir, buildOf });
      case 'bundle':
        return runBundle(spec, context, {
          access,
          dataDir: deps.dataDir,
          audit: deps.audit,
          lastStatus: async (id) => (await deps.monitor.statusesOf([id]))[0]?.status ?? null,
          activeAlarms: async (id) => (await deps.monitor.alarms()).active.filter((a) => a.platformId === id),
        });
    }
  };
  const jobs = createRetrievalJobs({ dataDir: deps.dataDir, work, emit: deps.emit.job, log: deps.log, concurrency: deps.concurrency });

  const checkedPaths = (paths: readonly string[]) =>
    paths.map((path) => {
      const checked = checkRemotePath(path);
      if (!checked.ok) throw refuse(checked.reason);
      return checked.path;
    });

  const handlers: RetrievalHandlers = {
    'logs.list': async ({ platformId }) => {
      const link = await access.shared(platformId, 'list logs');
      const tree = await readLogTree(link.root);
      return { platformId, root: LOG_ROOT, entries: tree.entries, truncated: tree.truncated };
    },
    'logs.follow': async ({ platformId, path, lines }) => ({ followId: await follows.start(platformId, path, lines ?? 200) }),
    'logs.stopFollow': async ({ followId }) => {
      follows.stop(followId);
      return {};
    },
    'coreDumps.list': async ({ platformId }) => {
      const link = await access.shared(platformId, 'list core dumps');
      return { platformId, dumps: await withDownloads(platformId, await listCoreDumps(link.root), records) };
    },
    'coreDumps.delete': async ({ platformId, paths }) => {
      const refused: Array<{ path: string; reason: string }> = [];
      const allowed: string[] = [];
      for (const path of paths) {
        const checked = checkRemotePath(path);
        if (!checked.ok) refused.push({ path, reason: checked.reason });
        else if (!inCoreDumps(checked.path)) refused.push({ path, reason: `${checked.path} is not in a core dump folder (${AP_PATHS.coreDumpRoots.join(' or ')}); only core dumps are deleted here.` });
        else allowed.push(checked.path);
      }
      if (allowed.length === 0) return { deleted: [], refused };
      const link = await access.shared(platformId, 'delete core dumps');
      const outcome = await deleteCoreDumps(platformId, allowed, link.root, records);
      return { deleted: outcome.deleted, refused: [...refused, ...outcome.refused] };
    },
    'coreDumps.memoryDump': async ({ platformId, pid }) => {
      await access.identity(platformId);
      return jobs.submit({ kind: 'memory-dump', platformId, pid }, `Memory dump of process ${pid}`);
    },
    'retrieval.download': async ({ platformId, paths, targetDir }) => {
      const checked = [...new Set(checkedPaths(paths))];
      await access.identity(platformId);
      return jobs.submit({ kind: 'download', platformId, paths: checked, targetDir: targetDir ?? null }, downloadLabel(checked));
    },
    'retrieval.bundle': async ({ platformIds, includeCoreDumps, targetDir }) => {
      const label = includeCoreDumps ? 'Support bundle with core dumps' : 'Support bundle without core dumps';
      const submitted: RetrievalJob[] = [];
      for (const platformId of new Set(platformIds)) submitted.push(await jobs.submit({ kind: 'bundle', platformId, includeCoreDumps, targetDir: targetDir ?? null }, label));
      return { jobs: submitted };
    },
    'retrieval.jobs': async () => ({ jobs: await jobs.list() }),
    'retrieval.cancel': async ({ jobId }) => jobs.cancel(jobId),
    'retrieval.resume': async ({ jobId }) => jobs.resume(jobId),
  };

  return {
    handlers,
    async close() {
      follows.closeAll();
      await jobs.close();
      access.close();
    },
  };
}
