import { describe, expect, it } from 'vitest';
import { Settings } from '../../electron/core/contract';
import type { EventMessage } from '../../electron/core/contract';
import { createEventBus } from '../../electron/core/rpc/eventBus';

const light = Settings.parse({ theme: 'light' });
const dark = Settings.parse({ theme: 'dark' });
const system = Settings.parse({ theme: 'system' });

describe('createEventBus', () => {
  it('delivers an event to every subscriber', () => {
    const bus = createEventBus(() => undefined);
    const first: EventMessage[] = [];
    const second: EventMessage[] = [];
    bus.subscribe((message) => first.push(message));
    bus.subscribe((message) => second.push(message));
    bus.emit('settings.changed', dark);
    expect(first).toEqual([{ event: 'settings.changed', payload: dark }]);
    expect(second).toEqual(first);
  });

  it('stops delivering to a listener after it unsubscribes', () => {
    const bus = createEventBus(() => undefined);
    const kept: EventMessage[] = [];
    const dropped: EventMessage[] = [];
    bus.subscribe((message) => kept.push(message));
    const unsubscribe = bus.subscribe((message) => dropped.push(message));
    bus.emit('settings.changed', light);
    unsubscribe();
    bus.emit('settings.changed', dark);
    expect(dropped.map((message) => message.payload)).toEqual([light]);
    expect(kept.map((message) => message.payload)).toEqual([light, dark]);
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
    bus.emit('settings.changed', system);
    bus.emit('settings.changed', dark);
    expect(before).toHaveLength(2);
    expect(after).toHaveLength(2);
    expect(errors).toEqual([failure, failure]);
  });

  it('does nothing without subscribers', () => {
    const errors: unknown[] = [];
    const bus = createEventBus((error) => errors.push(error));
    expect(() => bus.emit('settings.changed', dark)).not.toThrow();
    expect(errors).toEqual([]);
  });
});
