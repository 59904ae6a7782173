import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../electron/core/connect/handshakeLimiter';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('createLimiter', () => {
  it('runs at most the limit at once, in order', async () => {
    const limited = createLimiter(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        limited(async () => {
          running++;
          peak = Math.max(peak, running);
          order.push(i);
          await tick();
          running--;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('frees the slot of a failed task and drops an aborted waiter', async () => {
    const limited = createLimiter(1);
    const controller = new AbortController();
    const first = limited(async () => {
      await tick();
      throw new Error('boom');
    });
    const waiting = limited(async () => 'never', controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'cancelled' });
    await expect(first).rejects.toThrow('boom');
    await expect(limited(async () => 'next')).resolves.toBe('next');
  });
});
