import { readFile, readdir } from 'node:fs/promises';

/** Linux counts /proc CPU times in clock ticks of 1/100 s (USER_HZ). */
const TICKS_PER_SECOND = 100;

export interface CpuReading {
  /** This process: the engine (ssh2 and the poller run in it). */
  selfSeconds: number;
  /** Child processes this process waited for, with their own waited-for children: Ansible or parallel-ssh with their ssh and sshpass. */
  childrenSeconds: number;
  /** The whole machine, busy time of every CPU: the lab's platforms, the tools and whatever else runs. */
  machineSeconds: number;
}

export async function readCpu(): Promise<CpuReading> {
  const [self, machine] = await Promise.all([readFile('/proc/self/stat', 'utf8'), readFile('/proc/stat', 'utf8')]);
  // Fields after the parenthesised command name: state is field 3, cutime 16 and cstime 17.
  const fields = self.slice(self.lastIndexOf(')') + 2).split(' ');
  const children = (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
  const [user, nice, system, , , irq, softirq, steal] = (machine.split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const busy = [user, nice, system, irq, softirq, steal].reduce<number>((sum, v) => sum + (v ?? 0), 0) / TICKS_PER_SECOND;
  const usage = process.cpuUsage();
  return { selfSeconds: (usage.user + usage.system) / 1e6, childrenSeconds: children, machineSeconds: busy };
}

export function cpuBetween(before: CpuReading, after: CpuReading): CpuReading {
  return {
    selfSeconds: after.selfSeconds - before.selfSeconds,
    childrenSeconds: after.childrenSeconds - before.childrenSeconds,
    machineSeconds: after.machineSeconds - before.machineSeconds,
  };
}

/** Processes on the machine; lab platforms share its process list, so every platform's ps lists them all. */
export async function machineProcessCount(): Promise<number> {
  return (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).length;
}
