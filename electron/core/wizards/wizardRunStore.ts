import { join } from 'node:path';
import { z } from 'zod';
import { createJsonFileStore } from '../storage/jsonFileStore';
import { WizardRun } from './wizardWire';

export const WIZARD_RUNS_FILE = 'wizard-runs.json';
const KEPT_RUNS = 200;

const DataValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

/** A run as it is kept on disk: what the UI sees, plus the values its steps carry along. Never a secret. */
export const StoredRun = WizardRun.extend({ data: z.record(z.string(), DataValue) });
export type StoredRun = z.infer<typeof StoredRun>;

const RunsFile = z.strictObject({ version: z.literal(1), runs: z.array(StoredRun) });

export interface WizardRunStore {
  all(): Promise<StoredRun[]>;
  get(runId: string): Promise<StoredRun | undefined>;
  /** Saves a run (atomically, before answering); the oldest finished runs beyond 200 are dropped. */
  save(run: StoredRun): Promise<void>;
  problem(): string | null;
}

const finished = (run: StoredRun) => run.state === 'done' || run.state === 'cancelled';

export function createWizardRunStore(dataDir: string): WizardRunStore {
  const store = createJsonFileStore(join(dataDir, WIZARD_RUNS_FILE), RunsFile, () => ({ version: 1 as const, runs: [] }));
  return {
    all: async () => (await store.read()).runs,
    get: async (runId) => (await store.read()).runs.find((r) => r.runId === runId),
    async save(run) {
      await store.update((file) => {
        const runs = [...file.runs.filter((r) => r.runId !== run.runId), run];
        let extra = runs.length - KEPT_RUNS;
        const kept = runs.filter((r) => !(extra > 0 && finished(r) && extra-- > 0));
        return { version: 1 as const, runs: kept };
      });
    },
    problem: () => store.problem(),
  };
}
