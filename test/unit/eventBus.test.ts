import { describe, expect, it } from 'vitest';
import type { EventMessage } from '../../electron/core/contract';
import { createEventBus } from '../../electron/core/rpc/eventBus';

describe('createEventBus', () => {
  it('delivers an event to every subscriber', () => {
    const bus = createEventBus(() => undefined);
    const first: EventMessage[] = [];
    const second: EventMessage[] = [];
    bus.subscribe((message) => first.push(message));
    bus.subscribe((message) => second.push(message));
    bus.emit('settings.changed', { theme: 'dark' });
    expect(first).toEqual([{ event: 'settings.changed', payload: { theme: 'dark' } }]);
    expect(second).toEqual(first);
  });

  it('stops delivering to a listener after it unsubscribes', () => {
    const bus = createEventBus(() => undefined);
    const kept: EventMessage[] = [];
    const dropped: EventMessage[] = [];
    bus.subscribe((message) => kept.push(message));
    const unsubscribe = bus.subscribe((message) => dropped.push(message));
    bus.emit('settings.changed', { theme: 'light' });
    unsubscribe();
    bus.emit('settings.changed', { theme: 'dark' });
    expect(dropped.map((message) => message.payload)).toEqual([{ theme: 'light' }]);
    expect(kept.map((message) => message.payload)).toEqual([{ theme: 'light' }, { theme: 'dark' }]);
  });

  it('keeps delivering when a listener throws and reports the error', () => {
    const errors: unknown[] = [];
    const bus = createEventBus((error) => errors.push(error));
    const failure = new Error('listener broke');
    const before: EventMessage[] = [];
    const after: EventMessage[] = [];
    bus.subscribe((message) => before.push(message));
    bus.subscribe(() => {
      throw failure;
    });
    bus.subscribe((message) => after.push(message));
    bus.emit('settings.changed', { theme: 'system' });
    bus.emit('settings.changed', { theme: 'dark' });
    expect(before).toHaveLength(2);
    expect(after).toHaveLength(2);
    expect(errors).toEqual([failure, failure]);
  });

  it('does nothing without subscribers', () => {
    const errors: unknown[] = [];
    const bus = createEventBus((error) => errors.push(error));
    expect(() => bus.emit('settings.changed', { theme: 'dark' })).not.toThrow();
    expect(errors).toEqual([]);
  });
});
