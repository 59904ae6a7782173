import { AP_PATHS } from './platformPaths';
import type { Fact, ServiceState } from './platformFacts';
import { known, unknown } from './platformFacts';
import type { ProcessLine } from './psOutput';

export type ServiceName = 'manager' | 'webserver' | 'postgres';

/** Where a process lives: the probe's own mount namespace, another one, unknown (not readable), or gone meanwhile. */
export type NamespaceVerdict = 'same' | 'other' | 'unknown' | 'gone';

export interface ProcessView {
  processes: readonly ProcessLine[];
  namespaces: ReadonlyMap<number, NamespaceVerdict>;
  /** False when /proc hides other users' processes from the probe. */
  othersVisible: boolean;
  asRoot: boolean;
}

const SHELLS = new Set(['sh', 'ash', 'dash', 'bash', 'busybox']);
const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** The program a command line runs: its first word, or the script a shell was started with. */
function programs(command: string): string[] {
  const [first = '', second = ''] = command.split(' ');
  const argv0 = first.startsWith('-') ? first.slice(1) : first;
  return SHELLS.has(baseName(argv0)) ? [first, second] : [first];
}

/** Whether a ps line is the service: the AP's binary by its path; PostgreSQL's postmaster by name (its workers call themselves "postgres: …"). */
export function isService(service: ServiceName, command: string): boolean {
  const run = programs(command);
  if (service === 'manager') return run.includes(AP_PATHS.manager);
  if (service === 'webserver') return run.includes(AP_PATHS.webserver);
  const name = baseName(run[0] ?? '');
  return name === 'postgres' || name === 'postmaster';
}

/**
 * Whether each service runs, from the process list. Processes of another mount namespace belong to
 * another system on the same kernel (a container, or a neighbour on a shared host) and do not count.
 */
export function serviceStates(view: ProcessView): Record<ServiceName, Fact<ServiceState>> {
  const state = (service: ServiceName): Fact<ServiceState> => {
    if (!view.othersVisible && !view.asRoot) return unknown('needs_root', "needs root: this platform's /proc hides other users' processes from admin");
    const pids = view.processes
      .filter((p) => isService(service, p.command))
      .filter((p) => {
        const verdict = view.namespaces.get(p.pid);
        return verdict !== 'other' && verdict !== 'gone';
      })
      .map((p) => p.pid);
    return known({ running: pids.length > 0, pids });
  };
  return { manager: state('manager'), webserver: state('webserver'), postgres: state('postgres') };
}
