export interface ProcessLine {
  pid: number;
  /** The command line as ps shows it: arguments joined by spaces, possibly cut at the terminal width. */
  command: string;
}

const COMMAND_HEADERS = new Set(['COMMAND', 'CMD', 'ARGS']);

/** Busybox puts "{comm} " before a command line whose first word is not the executable's name (scripts, renamed argv[0]). */
const withoutBusyboxComm = (command: string) => command.replace(/^\{[^}]{1,16}\} (?=\S)/, '');

/**
 * The process list of `ps -eo pid,args` (procps and busybox: "PID COMMAND") or of plain busybox `ps`
 * ("PID USER COMMAND", "PID USER TIME COMMAND", "PID USER VSZ STAT COMMAND", by build). The columns
 * before the command never hold spaces, so each line is split into that many words and the rest.
 * Null when the header has no PID or command column.
 */
export function readProcessList(text: string): ProcessLine[] | null {
  const lines = text.split('\n');
  const headerIndex = lines.findIndex((line) => line.trim() !== '');
  if (headerIndex < 0) return null;
  const columns = (lines[headerIndex] ?? '').trim().split(/\s+/);
  const pidColumn = columns.indexOf('PID');
  const commandColumn = columns.findIndex((name) => COMMAND_HEADERS.has(name));
  if (pidColumn < 0 || commandColumn !== columns.length - 1 || pidColumn >= commandColumn) return null;
  const leading = new RegExp(`^\\s*${'(\\S+)\\s+'.repeat(commandColumn - 1)}(\\S+)(?:\\s+(.*))?$`);
  const processes: ProcessLine[] = [];
  for (const line of lines.slice(headerIndex + 1)) {
    if (line.trim() === '') continue;
    const match = leading.exec(line);
    const pid = match?.[pidColumn + 1];
    if (!match || !pid || !/^\d+$/.test(pid)) return null;
    processes.push({ pid: Number(pid), command: withoutBusyboxComm(match[commandColumn + 1] ?? '') });
  }
  return processes;
}
