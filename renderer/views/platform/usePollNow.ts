import { useCallback, useState } from 'react';
import { api } from '../../api/api';
import { describeError } from '../../store/describeError';

export interface PollOutcome {
  severity: 'success' | 'warning' | 'error';
  message: string;
}

/** Polls one platform at once; the new status arrives through the fleet store's monitor.status events. */
export function usePollNow(platformId: string, platformName: string) {
  const [polling, setPolling] = useState(false);
  const [outcome, setOutcome] = useState<PollOutcome | null>(null);
  const poll = useCallback(async () => {
    setPolling(true);
    setOutcome(null);
    try {
      const result = await api.call('monitor.pollNow', { platformIds: [platformId] });
      setOutcome(
        result.reached > 0
          ? { severity: 'success', message: `Polled ${platformName}.` }
          : { severity: 'warning', message: `Polled ${platformName}, but it could not be reached. The reachability line says why.` },
      );
    } catch (error) {
      setOutcome({ severity: 'error', message: describeError(error, `poll ${platformName}`) });
    } finally {
      setPolling(false);
    }
  }, [platformId, platformName]);
  return { polling, outcome, poll, clearOutcome: () => setOutcome(null) };
}
