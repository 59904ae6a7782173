import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { fleetFile } from './labPaths';

export const LabFleetPlatform = z.object({
  name: z.string(),
  address: z.string(),
  sshPort: z.number(),
  sshServer: z.enum(['openssh', 'dropbear']),
  formFactor: z.enum(['vm', 'gateway-arm', 'gateway-arm64']),
});

export const LabFleetFile = z.object({ sites: z.array(z.object({ name: z.string(), platforms: z.array(LabFleetPlatform) })) });
export type LabFleetFile = z.infer<typeof LabFleetFile>;

/** The fleet file of the running lab, or null when no lab is up. */
export async function readLabFleet(): Promise<LabFleetFile | null> {
  let text: string;
  try {
    text = await readFile(fleetFile(), 'utf8');
  } catch {
    return null;
  }
  return LabFleetFile.parse(JSON.parse(text));
}
