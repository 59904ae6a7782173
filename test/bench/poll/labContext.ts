import type { ProbeScript } from '../../../electron/core/platform/probeScript';
import { inPlatform } from '../../lab/platformNamespace';
import type { BenchPlatform } from './benchFleet';
import { checkProbeAnswer } from './probeAnswer';

export interface LabContext {
  /** Lines of `ps -e` inside a platform: lab platforms share the host's process list. */
  processesVisible: number;
  /** The probe script run once inside that platform (nsenter, no SSH), in ms. */
  probeAloneMs: number;
}

/** What one probe costs a lab platform by itself, to read the fleet figures against. */
export async function measureLabContext(platform: BenchPlatform, script: ProbeScript): Promise<LabContext> {
  const ps = await inPlatform(platform.name, ['sh', '-c', 'ps -e | wc -l']);
  const started = performance.now();
  const probe = await inPlatform(platform.name, ['sh', '-c', script.text]);
  const probeAloneMs = performance.now() - started;
  const answer = checkProbeAnswer(probe.stdout, script.nonce);
  if (!answer.ok) throw new Error(`the probe run inside ${platform.name} gave no complete answer: ${answer.reason}`);
  return { processesVisible: Number(ps.stdout.trim()) - 1, probeAloneMs };
}
