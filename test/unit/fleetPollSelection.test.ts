import { describe, expect, it } from 'vitest';
import { pollEach } from '../../renderer/views/fleet/pollSelection';
import type { PollOutcome } from '../../renderer/views/fleet/pollSelection';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('pollEach', () => {
  it('polls every platform, at most `limit` at once, and reports each start and end', async () => {
    let running = 0;
    let most = 0;
    const reports: Array<[string, PollOutcome['state']]> = [];
    await pollEach(
      ['a', 'b', 'c', 'd', 'e'],
      async () => {
        running++;
        most = Math.max(most, running);
        await tick();
        running--;
        return { state: 'reached' };
      },
      (id, outcome) => reports.push([id, outcome.state]),
      () => 'unused',
      2,
    );
    expect(most).toBe(2);
    for (const id of ['a', 'b', 'c', 'd', 'e']) {
      expect(reports.filter(([who]) => who === id).map(([, state]) => state)).toEqual(['polling', 'reached']);
    }
  });

  it('reports a failed poll as a sentence and goes on with the rest', async () => {
    const outcomes = new Map<string, PollOutcome>();
    await pollEach(
      ['ok1', 'bad', 'ok2'],
      async (id) => {
        if (id === 'bad') throw new Error('socket hang up');
        return id === 'ok2' ? { state: 'not_reached' } : { state: 'reached' };
      },
      (id, outcome) => outcomes.set(id, outcome),
      (error) => `Could not poll: ${(error as Error).message}. Try again.`,
      1,
    );
    expect(outcomes.get('ok1')).toEqual({ state: 'reached' });
    expect(outcomes.get('bad')).toEqual({ state: 'failed', message: 'Could not poll: socket hang up. Try again.' });
    expect(outcomes.get('ok2')).toEqual({ state: 'not_reached' });
  });

  it('does nothing for an empty selection', async () => {
    const reports: string[] = [];
    await pollEach([], async () => ({ state: 'reached' }), (id) => reports.push(id), String);
    expect(reports).toEqual([]);
  });
});

describe('pollEach, stopped', () => {
  it('starts no further poll once stopped: the running ones finish, the rest are reported cancelled', async () => {
    const stopper = new AbortController();
    const outcomes = new Map<string, PollOutcome['state']>();
    await pollEach(
      ['a', 'b', 'c', 'd'],
      async (id) => {
        if (id === 'b') stopper.abort();
        await tick();
        return { state: 'reached' };
      },
      (id, outcome) => outcomes.set(id, outcome.state),
      String,
      2,
      stopper.signal,
    );
    expect(Object.fromEntries(outcomes)).toEqual({ a: 'reached', b: 'reached', c: 'cancelled', d: 'cancelled' });
  });
});
