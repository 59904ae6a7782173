import type { Platform, RetrievalJob, Site } from '../../../electron/core/contract';
import { byteText } from '../../../electron/core/format/byteText';

export const JOB_STATE_LABELS: Record<RetrievalJob['state'], string> = {
  queued: 'Waiting',
  running: 'Running',
  failed: 'Failed',
  done: 'Done',
  cancelled: 'Cancelled',
};

export const JOB_KIND_LABELS: Record<RetrievalJob['kind'], string> = {
  download: 'Download',
  bundle: 'Support bundle',
  'memory-dump': 'Memory dump',
};

/** 0..1 while the size is known, null while it is not (an indeterminate bar). */
export function jobFraction(job: Pick<RetrievalJob, 'state' | 'bytesDone' | 'bytesTotal'>): number | null {
  if (job.state === 'done') return 1;
  if (!job.bytesTotal) return null;
  return Math.min(1, job.bytesDone / job.bytesTotal);
}

/** "12.0 MiB of 40.0 MiB at 2.1 MiB/s", "3.2 MiB so far", or the size of a finished job. */
export function jobProgressText(job: Pick<RetrievalJob, 'state' | 'bytesDone' | 'bytesTotal' | 'rate'>): string {
  if (job.state === 'done') return byteText(job.bytesDone);
  const done = job.bytesTotal ? `${byteText(job.bytesDone)} of ${byteText(job.bytesTotal)}` : `${byteText(job.bytesDone)} so far`;
  if (job.state !== 'running' || job.rate <= 0) return done;
  const rest = job.bytesTotal ? Math.max(0, job.bytesTotal - job.bytesDone) / job.rate : null;
  return `${done} at ${byteText(job.rate)}/s${rest !== null && rest >= 1 ? `, about ${restText(rest)} left` : ''}`;
}

function restText(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  if (seconds < 3600) return `${Math.ceil(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** What a job can do next. */
export function jobActions(job: Pick<RetrievalJob, 'state' | 'resumable' | 'kind' | 'localPath'>): { cancel: boolean; resume: boolean; openInViewer: boolean } {
  return {
    cancel: job.state === 'queued' || job.state === 'running',
    resume: (job.state === 'failed' || job.state === 'cancelled') && job.resumable,
    openInViewer: job.state === 'done' && job.localPath !== null && isArchivePath(job.localPath, job.kind),
  };
}

/** Bundles, and downloaded archives (a log.tar.xz made by hand), open in the offline viewer. */
export function isArchivePath(path: string, kind: RetrievalJob['kind']): boolean {
  return kind === 'bundle' || /\.(tar\.xz|txz|tar\.gz|tgz|tar)$/i.test(path);
}

/** "Muster GmbH / ui-pri", or the id when the platform is no longer in the inventory. */
export function platformLabel(platformId: string, platforms: readonly Platform[], sites: ReadonlyMap<string, Site>): { site: string | null; name: string } {
  const platform = platforms.find((p) => p.id === platformId);
  if (!platform) return { site: null, name: `${platformId} (no longer in the fleet)` };
  return { site: sites.get(platform.siteId)?.name ?? null, name: platform.name };
}

const stateRank: Record<RetrievalJob['state'], number> = { running: 0, queued: 1, failed: 2, cancelled: 3, done: 4 };

/** Running and waiting jobs first, then the rest newest first. */
export function jobOrder(a: RetrievalJob, b: RetrievalJob): number {
  const active = (job: RetrievalJob) => (job.state === 'running' || job.state === 'queued' ? 0 : 1);
  return active(a) - active(b) || (active(a) === 0 ? stateRank[a.state] - stateRank[b.state] : 0) || Date.parse(b.createdAt) - Date.parse(a.createdAt);
}
