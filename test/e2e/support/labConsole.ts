import { labDown, labUp } from '../../lab/lab';
import type { LabPlatform } from '../../lab/lab';
import { fleetFile } from '../../lab/labPaths';
import { startWebMode } from './webMode';
import type { RunningWebMode } from './webMode';

export const isRoot = process.getuid?.() === 0;

/** A lab fleet and the console in web mode beside it, with nothing set up yet: the test does that through the UI. */
export interface LabConsole {
  web: RunningWebMode;
  platforms: LabPlatform[];
  /** The lab's fleet file, as a partner would pick it in Settings. */
  fleetFile: string;
  platform(name: string): LabPlatform;
  stop(): Promise<void>;
}

export async function startLabConsole(spec: unknown): Promise<LabConsole> {
  const { platforms } = await labUp(spec);
  let web: RunningWebMode;
  try {
    web = await startWebMode();
  } catch (error) {
    await labDown();
    throw error;
  }
  return {
    web,
    platforms,
    fleetFile: fleetFile(),
    platform(name) {
      const found = platforms.find((p) => p.name === name);
      if (!found) throw new Error(`no lab platform ${name}`);
      return found;
    },
    async stop() {
      await web.stop();
      await labDown();
    },
  };
}
