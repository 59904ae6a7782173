import type { RetrievalJob } from '../contract';
import { ConnectError } from '../connect/connectError';

export interface JobQueue {
  download(platformId: string, paths: string[]): Promise<RetrievalJob>;
  jobs(): Promise<RetrievalJob[]>;
  cancel(jobId: string): Promise<unknown>;
}

/** A verified download through the retrieval queue, awaited: the wizard's "download them first". Gives the local folder. */
export async function downloadThroughQueue(queue: JobQueue, platformId: string, paths: readonly string[], signal: AbortSignal, pollMs = 250): Promise<string[]> {
  const job = await queue.download(platformId, [...paths]);
  for (;;) {
    if (signal.aborted) {
      await queue.cancel(job.jobId).catch(() => undefined);
      throw new ConnectError('cancelled', 'The download was cancelled.');
    }
    const now = (await queue.jobs()).find((j) => j.jobId === job.jobId);
    if (now?.state === 'done') return now.localPath ? [now.localPath] : [];
    if (now && (now.state === 'failed' || now.state === 'cancelled')) {
      throw new ConnectError('remote_failed', `Downloading before the delete did not finish: ${now.message ?? now.state}. Nothing was deleted; resume the wizard to try again.`);
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
