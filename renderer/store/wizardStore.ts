import { create } from 'zustand';
import type { WizardRun, WizardSummary } from '../views/wizards/wizardTypes';
import { api } from '../api/api';
import { describeError } from './describeError';
import { appendBounded, outputKey } from '../views/wizards/wizardHelpers';

/** The outcome of a call that answers with a run: the run, or a sentence saying why not. */
export type RunOutcome = { ok: true; run: WizardRun } | { ok: false; error: string };

/** What opens the start dialog: a wizard, and the platform when the caller knows it (an alarm's). */
export interface StartRequest {
  wizardId: WizardSummary['id'];
  platformId: string | null;
}

interface WizardState {
  loaded: boolean;
  error: string | null;
  catalog: readonly WizardSummary[];
  catalogError: string | null;
  /** Every run the engine knows, by id; kept current by wizards.run events. */
  runs: ReadonlyMap<string, WizardRun>;
  /** Live output per run and step (`runId/stepId`), bounded. */
  output: ReadonlyMap<string, string>;
  /** The run the Wizards view shows; null: the lists. */
  openRunId: string | null;
  starting: StartRequest | null;
  load(): Promise<void>;
  loadCatalog(): Promise<void>;
  openRun(runId: string | null): void;
  requestStart(request: StartRequest | null): void;
  step(runId: string, confirm?: string, secrets?: Record<string, string>): Promise<RunOutcome>;
  resume(runId: string, secrets?: Record<string, string>): Promise<RunOutcome>;
  cancel(runId: string): Promise<RunOutcome>;
  /** After a start: the run in the list. */
  put(run: WizardRun): void;
}

const newer = (a: WizardRun | undefined, b: WizardRun) => !a || Date.parse(b.updatedAt) >= Date.parse(a.updatedAt);

/** Wizard runs, the catalog and the steps' live output, kept current by the engine's events. */
export const useWizards = create<WizardState>((set, get) => {
  const put = (run: WizardRun) => {
    if (!newer(get().runs.get(run.runId), run)) return;
    const next = new Map(get().runs);
    next.set(run.runId, run);
    set({ runs: next });
  };
  api.on('wizards.run', (run) => put(run));
  api.on('wizards.output', ({ runId, stepId, text }) => {
    const key = outputKey(runId, stepId);
    const next = new Map(get().output);
    next.set(key, appendBounded(next.get(key) ?? '', text));
    set({ output: next });
  });
  const call = async (doing: string, fn: () => Promise<WizardRun>): Promise<RunOutcome> => {
    try {
      const run = await fn();
      put(run);
      return { ok: true, run };
    } catch (error) {
      return { ok: false, error: describeError(error, doing) };
    }
  };
  return {
    loaded: false,
    error: null,
    catalog: [],
    catalogError: null,
    runs: new Map(),
    output: new Map(),
    openRunId: null,
    starting: null,
    async load() {
      try {
        const { runs } = await api.call('wizards.runs', {});
        for (const run of runs) put(run);
        set({ loaded: true, error: null });
      } catch (error) {
        set({ loaded: true, error: describeError(error, 'read the wizard runs') });
      }
    },
    async loadCatalog() {
      if (get().catalog.length > 0) return;
      try {
        const { wizards } = await api.call('wizards.catalog', {});
        set({ catalog: wizards, catalogError: null });
      } catch (error) {
        set({ catalogError: describeError(error, 'read the wizard catalog') });
      }
    },
    openRun: (runId) => set({ openRunId: runId }),
    requestStart: (request) => set({ starting: request }),
    step: (runId, confirm, secrets) => call('run the step', () => api.call('wizards.step', { runId, ...(confirm !== undefined ? { confirm } : {}), ...(secrets ? { secrets } : {}) })),
    resume: (runId, secrets) => call('resume the wizard', () => api.call('wizards.resume', { runId, ...(secrets ? { secrets } : {}) })),
    cancel: (runId) => call('cancel the wizard', () => api.call('wizards.cancel', { runId })),
    put,
  };
});
