import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const PGDATA = '/mnt/sda2/pgsql';

/** /etc/init.d/S50postgresql as on an AP: start, stop, restart the platform's PostgreSQL. */
export function postgresInitScript(pgBin: string): string {
  return `#!/bin/sh
PATH=/usr/sbin:/usr/bin:/sbin:/bin; export PATH
PGBIN=${pgBin}
PGDATA=${PGDATA}
LOG=/var/log/apps/postgresql/postgresql.log
case "$1" in
  start)
    mkdir -p /run/postgresql /var/log/apps/postgresql
    chown postgres:postgres /run/postgresql /var/log/apps/postgresql
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -l "$LOG" -w -t 60 start ;;
  stop)
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w -t 60 stop ;;
  restart)
    "$0" stop
    "$0" start ;;
  *)
    echo "Usage: $0 {start|stop|restart}" >&2
    exit 1 ;;
esac
`;
}

/** /etc/init.d/S92manager: runs /apps/manager/manager in the background with a pid file; the manager's webserver runs and stops with it. */
export function managerInitScript(): string {
  return `#!/bin/sh
PATH=/usr/sbin:/usr/bin:/sbin:/bin; export PATH
PIDFILE=/run/manager.pid
WEBPID=/run/webserver.pid
LOG=/var/log/apps/manager/manager.log
running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }
stop_pid() {
  [ -f "$1" ] || return 0
  pid=$(cat "$1")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for i in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$1"
}
case "$1" in
  start)
    if running; then echo "manager already running"; exit 0; fi
    mkdir -p /var/log/apps/manager
    before=$(cat "$LOG" 2>/dev/null | wc -l)
    /apps/manager/manager >>"$LOG" 2>&1 &
    echo $! > "$PIDFILE"
    # Up when it says it listens; a loaded machine may take a while to start it.
    for i in $(seq 1 120); do
      running || break
      tail -n +$((before + 1)) "$LOG" | grep -q 'listening on 443' && break
      sleep 0.25
    done
    if ! running; then echo "manager failed to start, see $LOG" >&2; tail -n 3 "$LOG" >&2; rm -f "$PIDFILE"; exit 1; fi
    stop_pid "$WEBPID"
    /apps/webserver/webserver >/dev/null 2>&1 &
    echo $! > "$WEBPID" ;;
  stop)
    stop_pid "$WEBPID"
    stop_pid "$PIDFILE" ;;
  restart)
    "$0" stop
    "$0" start ;;
  *)
    echo "Usage: $0 {start|stop|restart}" >&2
    exit 1 ;;
esac
`;
}

export async function writeInitScripts(dir: string, pgBin: string): Promise<void> {
  const scripts: Array<[string, string]> = [
    ['S50postgresql', postgresInitScript(pgBin)],
    ['S92manager', managerInitScript()],
  ];
  for (const [name, text] of scripts) {
    await writeFile(join(dir, 'init.d', name), text);
    await chmod(join(dir, 'init.d', name), 0o755);
  }
}
