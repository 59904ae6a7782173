import { useEffect, useState } from 'react';
import { api } from '../../api/api';
import { describeError } from '../../store/describeError';
import type { HistoryPoint } from './diskHistory';

interface HistoryState {
  platformId: string;
  points: readonly HistoryPoint[];
  error: string | null;
}

/** The platform's disk readings, read again after every poll (`polledAt`). */
export function useDiskHistory(platformId: string, polledAt: string | null) {
  const [state, setState] = useState<HistoryState | null>(null);
  useEffect(() => {
    let current = true;
    api
      .call('monitor.history', { platformId })
      .then((result) => current && setState({ platformId, points: result.points, error: null }))
      .catch((error: unknown) => current && setState({ platformId, points: [], error: describeError(error, 'read the disk history') }));
    return () => {
      current = false;
    };
  }, [platformId, polledAt]);
  const mine = state?.platformId === platformId ? state : null;
  return { loading: mine === null, points: mine?.points ?? [], error: mine?.error ?? null };
}
