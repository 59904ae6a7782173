import type { PlatformFacts } from '../platform/platformFacts';
import { probePlatform } from '../platform/probePlatform';
import type { PlatformProbe } from './pollPlatform';
import { platformViewOf } from './platformViewOf';

/** The platform module's shell probe, with the view the alarms read. */
export const platformProbe: PlatformProbe<PlatformFacts> = async (shell, signal) => {
  const { facts } = await probePlatform(shell, { signal });
  return { facts, view: platformViewOf(facts) };
};
