/** How one platform's "Poll now" went. */
export type PollOutcome = { state: 'waiting' } | { state: 'polling' } | { state: 'reached' } | { state: 'not_reached' } | { state: 'gone' } | { state: 'cancelled' } | { state: 'failed'; message: string };

export const BULK_POLL_CONCURRENCY = 4;

/**
 * Runs `poll` for every id, at most `limit` at once; a failure of one is reported and the others go on.
 * `report` hears each id as it starts and as it ends. Once `signal` aborts, no further poll starts: the ones not
 * started yet are reported cancelled, and the ones running finish.
 */
export async function pollEach(
  ids: readonly string[],
  poll: (id: string) => Promise<PollOutcome>,
  report: (id: string, outcome: PollOutcome) => void,
  describe: (error: unknown) => string,
  limit = BULK_POLL_CONCURRENCY,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < ids.length && !signal?.aborted) {
      const id = ids[next++] as string;
      report(id, { state: 'polling' });
      try {
        report(id, await poll(id));
      } catch (error) {
        report(id, { state: 'failed', message: describe(error) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, ids.length) }, worker));
  for (const id of ids.slice(next)) report(id, { state: 'cancelled' });
}
