import { probeHttps } from '../../../electron/core/connect/https/httpsProbe';
import type { BenchPlatform } from './benchFleet';

/** The webserver certificate of each full platform, pinned as a user confirming it would. */
export async function pinWebserverCertificates(platforms: readonly BenchPlatform[]): Promise<Map<string, string>> {
  const pins = new Map<string, string>();
  for (const p of platforms.filter((x) => x.kind === 'full')) {
    const probe = await probeHttps({ host: p.address, port: 443 });
    if (!probe.reachable || !probe.chain[0]) throw new Error(`the webserver of ${p.name} did not answer on HTTPS: ${probe.reachable ? 'no certificate' : probe.message}`);
    pins.set(p.name, probe.chain[0].sha256);
  }
  return pins;
}
