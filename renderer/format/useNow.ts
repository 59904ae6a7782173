import { useSyncExternalStore } from 'react';

/** One timer per period, shared by every component that shows a live age; it runs only while someone listens. */
interface Clock {
  now: number;
  subscribe(listener: () => void): () => void;
  read(): number;
}

const clocks = new Map<number, Clock>();

function createClock(everyMs: number): Clock {
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setInterval> | null = null;
  const clock: Clock = {
    now: Date.now(),
    subscribe(listener) {
      listeners.add(listener);
      if (!timer) {
        clock.now = Date.now();
        timer = setInterval(() => {
          clock.now = Date.now();
          listeners.forEach((notify) => notify());
        }, everyMs);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
    read: () => clock.now,
  };
  return clock;
}

/** The current time, refreshed every `everyMs`; only the components that call it re-render. */
export function useNow(everyMs = 5_000): number {
  let clock = clocks.get(everyMs);
  if (!clock) {
    clock = createClock(everyMs);
    clocks.set(everyMs, clock);
  }
  return useSyncExternalStore(clock.subscribe, clock.read);
}
