import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProbeScript } from '../../../electron/core/platform/probeScript';
import type { BenchPlatform } from './benchFleet';
import type { Teardown } from './teardown';
import { runTool } from './toolProcess';
import { judgeToolRun } from './toolPollRun';
import type { ToolOutput, ToolPollRun } from './toolPollRun';

export const PSSH_PARALLEL = 50;

export interface ParallelSshSetup {
  platforms: readonly BenchPlatform[];
  workDir: string;
  knownHostsFile: string;
  script: ProbeScript;
  teardown: Teardown;
}

/** How parallel-ssh names a host in its output folder and its report: host, or host:port. */
const hostName = (p: BenchPlatform) => (p.port === 22 ? p.address : `${p.address}:${p.port}`);

/**
 * `parallel-ssh -p 50 -A` from Debian's pssh, as admin with the password: -A asks for it once on the
 * terminal, which sshpass answers (taking it from the environment, not the command line). TERM=dumb keeps
 * its report on that terminal free of colour codes.
 */
export async function runParallelSsh(setup: ParallelSshSetup, runIndex: number): Promise<ToolPollRun> {
  const { platforms, workDir } = setup;
  const passwords = new Set(platforms.map((p) => p.adminPassword));
  const [password] = passwords;
  if (passwords.size !== 1 || password === undefined) throw new Error('parallel-ssh -A takes one password for all hosts; the platforms have different admin passwords.');
  const hostsFile = join(workDir, 'pssh-hosts');
  await writeFile(hostsFile, `${platforms.map(hostName).join('\n')}\n`);
  const outDir = join(workDir, `pssh-out-${runIndex}`);
  const errDir = join(workDir, `pssh-err-${runIndex}`);
  const args = [
    '-e', 'parallel-ssh', '-p', String(PSSH_PARALLEL), '-t', '120', '-h', hostsFile, '-l', 'admin', '-A', '-o', outDir, '-e', errDir,
    '-O', `UserKnownHostsFile=${setup.knownHostsFile}`, '-O', 'GlobalKnownHostsFile=/dev/null', '-O', 'StrictHostKeyChecking=yes',
    setup.script.text,
  ];
  const ran = await runTool('sshpass', args, { env: { ...process.env, SSHPASS: password, TERM: 'dumb' }, cwd: workDir, signal: setup.teardown.signal });
  const report = ran.stdout.split('\n');
  const outputOf = async (p: BenchPlatform): Promise<ToolOutput> => {
    const failed = report.find((line) => line.includes('[FAILURE]') && line.split(' ').includes(hostName(p)));
    if (failed) return { problem: failed.replace(/^.*\[FAILURE\]\s*/, '').trim() };
    const output = await readFile(join(outDir, hostName(p)), 'utf8').catch(() => null);
    return output === null ? { problem: 'parallel-ssh wrote no output' } : { output };
  };
  const judged = await judgeToolRun(platforms, { seconds: ran.seconds, code: ran.code, printed: `${ran.stdout}\n${ran.stderr}` }, setup.script.nonce, outputOf);
  await rm(outDir, { recursive: true, force: true });
  await rm(errDir, { recursive: true, force: true });
  return judged;
}
