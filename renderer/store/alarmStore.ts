import { create } from 'zustand';
import type { Alarm } from '../../electron/core/contract';
import { api } from '../api/api';
import { describeError } from './describeError';

interface AlarmState {
  loaded: boolean;
  active: readonly Alarm[];
  /** Cleared alarms, newest first. */
  history: readonly Alarm[];
  error: string | null;
  load(): Promise<void>;
  acknowledge(alarmId: string, note: string): Promise<string | null>;
}

const HISTORY_KEPT = 5_000;

const newestFirst = (a: Alarm, b: Alarm) => Date.parse(b.clearedAt ?? b.changedAt) - Date.parse(a.clearedAt ?? a.changedAt);

/** Active alarms of the whole fleet and the cleared ones, kept current by alarms.changed. */
export const useAlarms = create<AlarmState>((set, get) => {
  api.on('alarms.changed', ({ changes }) => {
    const active = new Map(get().active.map((a) => [a.id, a]));
    const cleared: Alarm[] = [];
    for (const { type, alarm } of changes) {
      if (type === 'cleared') {
        active.delete(alarm.id);
        cleared.push(alarm);
      } else active.set(alarm.id, alarm);
    }
    set({ active: [...active.values()], history: [...cleared.sort(newestFirst), ...get().history].slice(0, HISTORY_KEPT) });
  });
  return {
    loaded: false,
    active: [],
    history: [],
    error: null,
    async load() {
      try {
        const { active, history } = await api.call('alarms.list', {});
        set({ loaded: true, error: null, active, history: [...history].sort(newestFirst) });
      } catch (error) {
        set({ loaded: true, error: describeError(error, 'read the alarms') });
      }
    },
    async acknowledge(alarmId, note) {
      try {
        const alarm = await api.call('alarms.acknowledge', { alarmId, note });
        set({ active: get().active.map((a) => (a.id === alarm.id ? alarm : a)) });
        return null;
      } catch (error) {
        return describeError(error, 'acknowledge the alarm');
      }
    },
  };
});
