import type { RootSession } from '../connect/root/rootSession';

/** The AP Manager's standby configuration (13r3 on); only root can see it. */
export const STANDBY_CONF_PATH = '/home/root/standby.conf';

const CHECK_TIMEOUT_MS = 10_000;

/** Whether standby.conf exists, asked as root; null when `test` could not tell (neither yes nor no). */
export async function standbyConfPresent(root: Pick<RootSession, 'run'>): Promise<boolean | null> {
  const { code } = await root.run(['test', '-f', STANDBY_CONF_PATH], { timeoutMs: CHECK_TIMEOUT_MS });
  if (code === 0) return true;
  if (code === 1) return false;
  return null;
}
