import { randomBytes } from 'node:crypto';
import { quoteArg as q } from '../connect/shellQuote';
import { AP_PATHS } from './platformPaths';

/** Exit codes the script's helpers give instead of running a tool that could only fail. */
export const PROBE_STATUS = { wrongType: 96, missing: 97, denied: 98, toolMissing: 127 } as const;

/** The script's sections, in the order it prints them. */
export const PROBE_SECTIONS = [
  'id', 'clock', 'label', 'uptime', 'loadavg', 'meminfo', 'cpus', 'cpuinfo', 'arch', 'mounts',
  'df', 'reserve', 'logs', 'pgsql', 'cores', 'ps', 'procns', 'standby',
] as const;
export type ProbeSection = (typeof PROBE_SECTIONS)[number];

export const PROBE_FORMAT_VERSION = 1;
/**
 * Text in every probe's own command line (where it runs as `sh -c <script>`), kept out of the process list:
 * probes running meanwhile are no service, and each would add the whole script to it.
 */
export const PROBE_PROCESS_MARK = '_psr=$?';
export const LABEL_MAX_BYTES = 4096;
export const STANDBY_MAX_BYTES = 65536;

export interface ProbeScript {
  text: string;
  /** Random per probe: every marker carries it, so no file name or tool output can imitate one. */
  nonce: string;
}

export const newProbeNonce = () => `apc${randomBytes(10).toString('hex')}`;

/**
 * One POSIX sh script (busybox ash, dash, bash), sent as a single line, that prints every fact of a poll,
 * writing nothing on the platform (a full disk must not stop it). Each section is
 *   @N:s:NAME \n stdout \n @N:x:NAME \n stderr \n @N:e:NAME:EXIT
 * between `@N:probe:VERSION` and `@N:done`, N being the nonce. It runs in a subshell, so the root
 * session's shell keeps no variable, function or option of it.
 */
export function buildProbeScript(nonce: string = newProbeNonce()): ProbeScript {
  if (!/^[A-Za-z0-9]{8,64}$/.test(nonce)) throw new Error('A probe nonce is 8 to 64 letters and digits.');
  const { denied, missing, wrongType } = PROBE_STATUS;
  const [coreRootA, coreRootB] = AP_PATHS.coreDumpRoots;
  const lines = `(
LC_ALL=C; export LC_ALL
PATH="$PATH:/bin:/sbin:/usr/bin:/usr/sbin"
N=${q(nonce)}
sec() {
  _n=$1; shift
  printf '@%s:s:%s\\n' "$N" "$_n"
  { _e=$("$@" 2>&1 1>&3 3>&-); _r=$?; } 3>&1
  printf '\\n@%s:x:%s\\n%s\\n@%s:e:%s:%s\\n' "$N" "$_n" "$_e" "$N" "$_n" "$_r"
}
absent() {
  _p=$1
  while [ "$_p" != / ]; do
    _p=\${_p%/*}; [ -n "$_p" ] || _p=/
    if [ -d "$_p" ]; then [ -x "$_p" ] && return ${missing}; return ${denied}; fi
  done
  return ${missing}
}
readfile() {
  if [ ! -e "$1" ]; then absent "$1"; return; fi
  [ -r "$1" ] || return ${denied}
  [ -f "$1" ] || return ${wrongType}
  dd if="$1" bs="$2" count=1 2>/dev/null
}
dirsize() {
  if [ ! -e "$1" ]; then absent "$1"; return; fi
  [ -d "$1" ] || return ${wrongType}
  { [ -r "$1" ] && [ -x "$1" ]; } || return ${denied}
  du -sk -- "$1/"
}
dataspace() {
  [ -d "$1" ] || { absent "$1"; return; }
  df -kP "$1"
}
filesize() {
  if [ ! -e "$1" ] && [ ! -h "$1" ]; then absent "$1"; return; fi
  stat -c '%s' -- "$1"
}
cores() {
  _nm=-1; _nf=; _i=0
  for _r in ${q(coreRootA)} ${q(coreRootB)}; do
    _i=$((_i + 1))
    if [ "$_i" -gt 1 ] && [ "$_r" -ef ${q(coreRootA)} ]; then echo "r $_i same"; continue; fi
    if [ ! -d "$_r" ]; then absent "$_r"; echo "r $_i $?"; continue; fi
    if [ ! -r "$_r" ] || [ ! -x "$_r" ]; then echo "r $_i ${denied}"; continue; fi
    echo "r $_i 0"
    for _d in "$_r"/*; do
      [ -d "$_d" ] || continue
      if [ ! -r "$_d" ] || [ ! -x "$_d" ]; then echo "D"; continue; fi
      for _f in "$_d"/*; do
        [ -f "$_f" ] && [ ! -h "$_f" ] || continue
        _s=$(stat -c '%d:%i %s %Y' -- "$_f") || { echo "u $?"; continue; }
        echo "f $_s"
        _m=\${_s##* }
        if [ "$_m" -gt "$_nm" ]; then _nm=$_m; _nf=$_f; fi
      done
    done
  done
  if [ "$_nm" -ge 0 ]; then printf '@%s:p\\n%s\\n@%s:q\\n' "$N" "$_nf" "$N"; fi
}
pslist() { [ -z "$_ps" ] || printf '%s\\n' "$_ps"; return "$_psr"; }
procns() {
  if [ -r /proc/1/cmdline ]; then echo "v 1"; else echo "v 0"; fi
  _self=$(head -n 1 /proc/self/mountinfo 2>/dev/null)
  printf '%s\\n' "$_ps" | grep -e postgres -e postmaster -e ${q(AP_PATHS.manager)} -e ${q(AP_PATHS.webserver)} | while read -r _pid _rest; do
    case $_pid in ''|*[!0-9]*) continue ;; esac
    if [ ! -d "/proc/$_pid" ]; then _ns=gone
    elif _l=$(head -n 1 "/proc/$_pid/mountinfo" 2>/dev/null) && [ -n "$_l" ] && [ -n "$_self" ]; then
      if [ "$_l" = "$_self" ]; then _ns=same; else _ns=other; fi
    else _ns=unknown; fi
    echo "n $_pid $_ns"
  done
}
printf '@%s:probe:${PROBE_FORMAT_VERSION}\\n' "$N"
sec id id -u
sec clock date +%s
sec label readfile ${q(AP_PATHS.label)} ${LABEL_MAX_BYTES}
sec uptime cat /proc/uptime
sec loadavg cat /proc/loadavg
sec meminfo cat /proc/meminfo
sec cpus cat /sys/devices/system/cpu/online
sec cpuinfo grep -c '^processor' /proc/cpuinfo
sec arch uname -m
sec mounts cat /proc/mounts
sec df dataspace ${q(AP_PATHS.dataMount)}
sec reserve filesize ${q(AP_PATHS.reserveFile)}
sec logs dirsize ${q(AP_PATHS.logs)}
sec pgsql dirsize ${q(AP_PATHS.pgsql)}
sec cores cores
_ps=$(ps -eo pid,args 2>/dev/null) || _ps=$(ps 2>/dev/null); _psr=$?
[ -z "$_ps" ] || _ps=$(printf '%s\\n' "$_ps" | grep -v -F ${q(PROBE_PROCESS_MARK)})
sec ps pslist
sec procns procns
sec standby readfile ${q(AP_PATHS.standbyConfig)} ${STANDBY_MAX_BYTES}
printf '@%s:done\\n' "$N"
)`.split('\n');
  return { text: oneLine(lines), nonce };
}

/** Lines after which the shell grammar goes on without a separator (a `;` there would be a syntax error). */
const CONTINUES = /(?:\b(?:then|do|else|in)|[{(]|&&|\|\||\||;;)$/;

/**
 * The script as one line: no control character at all, so a root terminal receives it as plain typed
 * text, and ps shows it on one line.
 */
function oneLine(lines: readonly string[]): string {
  let text = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    if (text !== '') text += CONTINUES.test(text) ? ' ' : '; ';
    text += line;
  }
  return text;
}
