import { describe, expect, it } from 'vitest';
import { readProcessList } from '../../electron/core/platform/psOutput';
import { isService, serviceStates } from '../../electron/core/platform/serviceProcesses';
import type { NamespaceVerdict } from '../../electron/core/platform/serviceProcesses';

// busybox ps -o pid,args as recorded: "{comm} " before command lines whose first word is not the executable's name.
const BUSYBOX_PS = `PID   COMMAND
14063 /usr/lib/postgresql/15/bin/postgres -D /mnt/sda2/pgsql
14085 postgres: checkpointer 
14365 {node} /apps/manager/manager --import /work/main/node_modules/tsx/dist/loader.mjs /work/main/test/lab/manager/managerMain.ts
14409 {sleep} /apps/webserver/webserver infinity
31522 {e_scr} /bin/sh /tmp/e_scr
`;

describe('isService', () => {
  it('knows the AP binaries by their path, also when a shell runs them as scripts', () => {
    expect(isService('manager', '/apps/manager/manager')).toBe(true);
    expect(isService('manager', '/apps/manager/manager -d')).toBe(true);
    expect(isService('manager', '/bin/sh /apps/manager/manager')).toBe(true);
    expect(isService('webserver', '/apps/webserver/webserver -p 443')).toBe(true);
  });

  it('does not take a command that only mentions the path for the service', () => {
    expect(isService('manager', 'vi /apps/manager/manager')).toBe(false);
    expect(isService('manager', 'grep /apps/manager/manager')).toBe(false);
    expect(isService('manager', "sh -c ( N='x'; case $r in */apps/manager/manager*) ;; esac )")).toBe(false);
    expect(isService('manager', '/apps/manager/manager.lab-original')).toBe(false);
  });

  it("counts PostgreSQL's postmaster, not its workers or clients", () => {
    expect(isService('postgres', '/usr/lib/postgresql/15/bin/postgres -D /mnt/sda2/pgsql')).toBe(true);
    expect(isService('postgres', '/usr/bin/postmaster -D /mnt/sda2/pgsql')).toBe(true);
    expect(isService('postgres', 'postgres: checkpointer ')).toBe(false);
    expect(isService('postgres', 'psql -d manager')).toBe(false);
    expect(isService('postgres', 'runuser -u postgres -- psql')).toBe(false);
  });

  it('reads busybox ps lines without the {comm} it adds', () => {
    const processes = readProcessList(BUSYBOX_PS) ?? [];
    expect(processes.filter((p) => isService('manager', p.command)).map((p) => p.pid)).toEqual([14365]);
    expect(processes.filter((p) => isService('webserver', p.command)).map((p) => p.pid)).toEqual([14409]);
    expect(processes.find((p) => p.pid === 31522)?.command).toBe('/bin/sh /tmp/e_scr');
  });
});

describe('serviceStates', () => {
  const processes = readProcessList(BUSYBOX_PS) ?? [];
  const view = (verdicts: Record<number, NamespaceVerdict>, othersVisible = true, asRoot = false) => ({
    processes,
    namespaces: new Map(Object.entries(verdicts).map(([pid, verdict]) => [Number(pid), verdict])),
    othersVisible,
    asRoot,
  });

  it('counts processes of its own mount namespace, and those whose namespace could not be read', () => {
    const states = serviceStates(view({ 14063: 'same', 14085: 'same', 14365: 'unknown', 14409: 'same' }));
    expect(states.postgres.value).toEqual({ running: true, pids: [14063] });
    expect(states.manager.value).toEqual({ running: true, pids: [14365] });
    expect(states.webserver.value).toEqual({ running: true, pids: [14409] });
  });

  it('leaves out processes of other namespaces and processes that ended meanwhile', () => {
    const states = serviceStates(view({ 14063: 'other', 14365: 'gone', 14409: 'other' }));
    expect(states.postgres.value).toEqual({ running: false, pids: [] });
    expect(states.manager.value).toEqual({ running: false, pids: [] });
  });

  it('says "needs root" when /proc hides other users from admin, but not for root', () => {
    expect(serviceStates(view({ 14063: 'same' }, false)).manager.unknown?.code).toBe('needs_root');
    expect(serviceStates(view({ 14063: 'same' }, false, true)).postgres.value?.running).toBe(true);
  });
});
