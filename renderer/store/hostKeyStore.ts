import { create } from 'zustand';
import type { HostKeyDecision, Result } from '../../electron/core/contract';
import { api } from '../api/api';
import { describeError } from './describeError';

export type HostKeyPin = Result<'hostKeys.list'>['pins'][number];

interface HostKeyState {
  loaded: boolean;
  pins: readonly HostKeyPin[];
  /** The engine's trouble reading its pin file. */
  problem: string | null;
  error: string | null;
  load(): Promise<void>;
  /** Each answers the error sentence, or null when done; a decision then polls the platform again. */
  trust(platformId: string, decision: HostKeyDecision): Promise<string | null>;
  replace(platformId: string, decision: HostKeyDecision): Promise<string | null>;
  remove(id: string): Promise<string | null>;
}

const offerOf = ({ id, host, port, key }: HostKeyDecision) => ({ id, host, port, key });

/** Pinned SSH host keys and the user's decisions on new or changed ones. */
export const useHostKeys = create<HostKeyState>((set, get) => {
  const pollAgain = (platformId: string) => {
    // The poll's outcome arrives as a monitor.status event; a failure to start it changes nothing the user must act on.
    void api.call('monitor.pollNow', { platformIds: [platformId] }).catch(() => undefined);
  };
  const decide = async (platformId: string, doing: string, call: () => Promise<unknown>): Promise<string | null> => {
    try {
      await call();
    } catch (error) {
      return describeError(error, doing);
    }
    pollAgain(platformId);
    if (get().loaded) await get().load();
    return null;
  };
  return {
    loaded: false,
    pins: [],
    problem: null,
    error: null,
    async load() {
      try {
        const { pins, problem } = await api.call('hostKeys.list', {});
        set({ loaded: true, pins, problem, error: null });
      } catch (error) {
        set({ loaded: true, error: describeError(error, 'read the pinned host keys') });
      }
    },
    trust: (platformId, decision) => decide(platformId, 'trust the host key', () => api.call('hostKeys.accept', offerOf(decision))),
    // The engine checks that the key it pins is the one whose fingerprint the user saw.
    replace: (platformId, decision) =>
      decide(platformId, 'replace the pinned host key', () => api.call('hostKeys.replace', { ...offerOf(decision), expectedFingerprint: decision.fingerprint })),
    async remove(id) {
      try {
        const { pins, problem } = await api.call('hostKeys.remove', { id });
        set({ pins, problem });
        return null;
      } catch (error) {
        return describeError(error, 'remove the pinned host key');
      }
    },
  };
});
