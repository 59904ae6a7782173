import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../../store/describeError';

interface Answered<T> {
  fetch: () => Promise<T>;
  generation: number;
  data: T | null;
  error: string | null;
}

/** The answer of one engine call, read again on `reload`; `fetch` must keep its identity (useCallback) while its inputs stay the same. */
export function useAnswer<T>(fetch: () => Promise<T>, doing: string): { data: T | null; error: string | null; loading: boolean; reload(): void } {
  const [generation, setGeneration] = useState(0);
  const [answered, setAnswered] = useState<Answered<T> | null>(null);
  useEffect(() => {
    let current = true;
    fetch().then(
      (data) => current && setAnswered({ fetch, generation, data, error: null }),
      (error: unknown) => current && setAnswered((before) => ({ fetch, generation, data: before?.fetch === fetch ? before.data : null, error: describeError(error, doing) })),
    );
    return () => {
      current = false;
    };
  }, [fetch, generation, doing]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const mine = answered?.fetch === fetch ? answered : null;
  return { data: mine?.data ?? null, error: mine?.generation === generation ? mine.error : null, loading: !mine || mine.generation !== generation, reload };
}
