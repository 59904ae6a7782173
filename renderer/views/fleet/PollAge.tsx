import { memo } from 'react';
import { formatAge } from '../../format/age';
import { useNow } from '../../format/useNow';

const TICK_MS = 5_000;

/** "12 s ago", counting on by itself: only the visible age cells re-render on each tick, not the grid. */
export const PollAge = memo(function PollAge({ receivedAt }: { receivedAt: number | null }) {
  const now = useNow(TICK_MS);
  if (receivedAt === null) return <span className="fc-muted">never</span>;
  return (
    <span className="fc-line" title={new Date(receivedAt).toLocaleString()}>
      {formatAge(receivedAt, Math.max(now, receivedAt))}
    </span>
  );
});
