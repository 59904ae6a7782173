import { access, constants, mkdir } from 'node:fs/promises';
import type { AppHealth } from '../contract';

export interface HealthInputs {
  startedAt: Date;
  dataDir: string;
  settingsProblem: string | null;
}

export async function appHealth(inputs: HealthInputs): Promise<AppHealth> {
  const checks = [await dataDirCheck(inputs.dataDir), settingsCheck(inputs.settingsProblem)];
  return {
    ok: checks.every((check) => check.ok),
    startedAt: inputs.startedAt.toISOString(),
    uptimeSeconds: Math.round((Date.now() - inputs.startedAt.getTime()) / 1000),
    rssBytes: process.memoryUsage.rss(),
    checks,
  };
}

async function dataDirCheck(dataDir: string): Promise<AppHealth['checks'][number]> {
  try {
    await mkdir(dataDir, { recursive: true });
    await access(dataDir, constants.W_OK);
    return { name: 'Data folder', ok: true, detail: `${dataDir} is writable.` };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return { name: 'Data folder', ok: false, detail: `${dataDir} is not writable (${code}). Choose another folder or fix its permissions.` };
  }
}

function settingsCheck(problem: string | null): AppHealth['checks'][number] {
  return problem === null
    ? { name: 'Settings', ok: true, detail: 'Settings file is valid.' }
    : { name: 'Settings', ok: false, detail: problem };
}
