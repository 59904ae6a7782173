import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHostKeyStore } from '../../electron/core/connect/hostKeyStore';
import { buildProbeScript } from '../../electron/core/platform/probeScript';
import type { ProbeScript } from '../../electron/core/platform/probeScript';
import { labDown, labUp, requireRoot } from '../lab/lab';
import type { FleetSpec } from '../lab/labSpec';
import { run } from '../lab/run';
import { ANSIBLE_FORKS, ANSIBLE_SSH_ARGS, prepareAnsible } from './poll/ansibleRun';
import { benchPlatforms, fullFleet, lightFleet } from './poll/benchFleet';
import type { BenchKind, BenchPlatform } from './poll/benchFleet';
import { formatTable, mb, median } from './poll/benchTable';
import type { BenchRow } from './poll/benchTable';
import { pinWebserverCertificates } from './poll/certificatePins';
import { PLATFORM_TIMEOUT_MS, POLL_CONCURRENCY, openConsolePoll } from './poll/consolePoll';
import type { ConsolePollSession, PollRound } from './poll/consolePoll';
import { cpuBetween, machineProcessCount, readCpu } from './poll/cpuMeter';
import type { CpuReading } from './poll/cpuMeter';
import { measureLabContext } from './poll/labContext';
import { trustLabHostKeys } from './poll/labKnownHosts';
import { PSSH_PARALLEL, runParallelSsh } from './poll/parallelSshRun';
import { lifetimeMaxRssBytes } from './poll/rssSampler';
import { cleanUpOnInterrupt, createTeardown } from './poll/teardown';
import type { Teardown } from './poll/teardown';
import type { ToolPollRun } from './poll/toolPollRun';

/**
 * A full status poll of a lab fleet by the console's engine, side by side with Ansible and parallel-ssh
 * running the same probe script as admin. Prints wall times, rates and the engine's memory; asserts nothing
 * about speed. POLL_BENCH_LIGHT and POLL_BENCH_FULL choose the fleet sizes (0 skips a part).
 */
const LIGHT = countFrom('POLL_BENCH_LIGHT', 500);
const FULL = countFrom('POLL_BENCH_FULL', 20);
const WARM_ROUNDS = 2;
const TARGET = { platforms: 500, warmSeconds: 10, timesAnsible: 5, rssMb: 400 };
const SHOWN_FAILURES = 8;

function countFrom(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0 || value > 1000) throw new Error(`${name} must be a whole number from 0 to 1000.`);
  return value;
}

interface PartResult {
  kind: BenchKind;
  rows: BenchRow[];
  consoleFull: BenchRow;
  consoleAdmin: BenchRow;
  ansible: BenchRow;
  /** The process's maxRSS once the console's polls were done, before the other tools' output was read. */
  consoleMaxRssBytes: number;
}

function reportFailures(tool: string, runs: ReadonlyArray<PollRound | ToolPollRun>): void {
  runs.forEach((r, i) => {
    const when = i === 0 ? 'cold' : `run ${i + 1}`;
    if ('toolMessage' in r && r.toolMessage) console.log(`  ${tool} (${when}) ended with ${r.toolMessage}`);
    if (r.failures.length === 0) return;
    console.log(`  ${tool} (${when}): ${r.failures.length} platform(s) without a complete answer:`);
    for (const failure of r.failures.slice(0, SHOWN_FAILURES)) console.log(`    ${failure}`);
    if (r.failures.length > SHOWN_FAILURES) console.log(`    … and ${r.failures.length - SHOWN_FAILURES} more`);
  });
}

/** One run of one tool, with the CPU it and the machine used meanwhile. */
interface Measured<R> {
  result: R;
  cpu: CpuReading;
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

async function loadAverage(): Promise<string> {
  return (await readFile('/proc/loadavg', 'utf8')).split(' ')[0] ?? '?';
}

/** Runs one measurement and says how it went: the host's load before it (the machine is shared), CPU used, processes left. */
async function measured<R extends { seconds: number; ok: number }>(label: string, count: number, work: () => Promise<R>, detail?: (r: R) => string): Promise<Measured<R>> {
  const load = await loadAverage();
  const before = await readCpu();
  const result = await work();
  const cpu = cpuBetween(before, await readCpu());
  const client = Math.max(cpu.selfSeconds, cpu.childrenSeconds);
  console.log(
    `${label.padEnd(30)} ${result.seconds.toFixed(2).padStart(7)} s  ${result.ok}/${count} ok  load before ${load}, CPU here ${client.toFixed(1)} s, all CPUs ${cpu.machineSeconds.toFixed(1)} s, ${await machineProcessCount()} processes after${detail ? `; ${detail(result)}` : ''}`,
  );
  return { result, cpu };
}

function rowOf(tool: string, platforms: number, runs: ReadonlyArray<Measured<PollRound | ToolPollRun>>, client: (cpu: CpuReading) => number): BenchRow {
  const [cold, ...warm] = runs;
  if (!cold) throw new Error(`${tool} did not run`);
  reportFailures(tool, runs.map((r) => r.result));
  const peaks = runs.map((r) => ('peakRssBytes' in r.result ? r.result.peakRssBytes : null)).filter((v): v is number => v !== null);
  return {
    tool,
    platforms,
    okPerRun: runs.map((r) => r.result.ok),
    coldSeconds: cold.result.seconds,
    warmSeconds: median(warm.map((r) => r.result.seconds)),
    peakRssBytes: peaks.length > 0 ? Math.max(...peaks) : null,
    clientCpuSeconds: { cold: client(cold.cpu), warm: median(warm.map((r) => client(r.cpu))) },
    machineCpuSeconds: { cold: cold.cpu.machineSeconds, warm: median(warm.map((r) => r.cpu.machineSeconds)) },
  };
}

const perPlatform = (r: PollRound) => `one platform's poll: median ${r.platformMs.median} ms, slowest ${r.platformMs.max} ms; engine peak RSS ${mb(r.peakRssBytes).toFixed(0)} MB`;

async function consoleRuns(label: string, count: number, open: () => Promise<ConsolePollSession>): Promise<Array<Measured<PollRound>>> {
  const session = await open();
  try {
    const runs: Array<Measured<PollRound>> = [];
    for (let round = 0; round <= WARM_ROUNDS; round++) runs.push(await measured(`${label}, ${round === 0 ? 'cold' : `warm ${round}`}`, count, () => session.pollOnce(), perPlatform));
    console.log(`${label}: ${session.activeAlarms()} alarms active after its last poll`);
    return runs;
  } finally {
    session.close();
  }
}

async function runPart(kind: BenchKind, spec: FleetSpec, script: ProbeScript, teardown: Teardown): Promise<PartResult> {
  const count = spec.platforms.length;
  console.log(`\n== ${count} ${kind} platforms${spec.replication.length > 0 ? ` (${spec.replication.length} primary/standby pairs)` : ''} ==`);
  const workDir = await mkdtemp(join(tmpdir(), 'apc-bench-poll-'));
  teardown.add('work folder', () => rm(workDir, { recursive: true, force: true }));
  const started = performance.now();
  teardown.add('lab', async () => {
    const down = performance.now();
    await labDown();
    console.log(`lab down in ${seconds(down)} s`);
  });
  const lab = await labUp(spec);
  console.log(`lab up in ${seconds(started)} s`);
  const platforms = benchPlatforms(spec, lab);
  const hostKeys = createHostKeyStore(workDir);
  const knownHostsFile = join(workDir, 'known_hosts');
  await trustLabHostKeys(platforms, knownHostsFile, hostKeys);
  const certificatePins = await pinWebserverCertificates(platforms);
  const context = await measureLabContext(platforms[0] as BenchPlatform, script);
  console.log(`inside ${platforms[0]?.name}: ps lists ${context.processesVisible} processes (lab platforms share the machine's process list), the probe alone takes ${context.probeAloneMs.toFixed(0)} ms`);

  // One tool after the other, each with its connections closed before the next starts: every process a tool
  // leaves on the platforms is in every other platform's process list.
  const consoleCpu = (cpu: CpuReading) => cpu.selfSeconds;
  const toolCpu = (cpu: CpuReading) => cpu.childrenSeconds;
  const full = await consoleRuns('console full poll', count, () => openConsolePoll({ platforms, mode: 'full', hostKeys, certificatePins, teardown }));
  const admin = await consoleRuns('console admin poll', count, () => openConsolePoll({ platforms, mode: 'admin', hostKeys, certificatePins, teardown }));
  const consoleMaxRssBytes = lifetimeMaxRssBytes();
  const ansible = await prepareAnsible({ platforms, workDir, knownHostsFile, script, teardown });
  const ansibleRuns: Array<Measured<ToolPollRun>> = [];
  try {
    for (let round = 0; round <= WARM_ROUNDS; round++) ansibleRuns.push(await measured(`Ansible, ${round === 0 ? 'cold' : `ControlPersist ${round}`}`, count, () => ansible.runOnce()));
  } finally {
    await ansible.close();
  }
  const pssh = [await measured('parallel-ssh, cold', count, () => runParallelSsh({ platforms, workDir, knownHostsFile, script, teardown }, 0))];
  const rows = [
    rowOf('console, full poll (root, PostgreSQL, HTTPS)', count, full, consoleCpu),
    rowOf('console, same probe as admin', count, admin, consoleCpu),
    rowOf('Ansible raw (warm: ControlPersist)', count, ansibleRuns, toolCpu),
    rowOf('parallel-ssh', count, pssh, toolCpu),
  ];
  await teardown.run();
  const [consoleFullRow, consoleAdminRow, ansibleRow] = rows as [BenchRow, BenchRow, BenchRow, BenchRow];
  return { kind, rows, consoleFull: consoleFullRow, consoleAdmin: consoleAdminRow, ansible: ansibleRow, consoleMaxRssBytes };
}

function mark(met: boolean): string {
  return met ? 'met' : 'MISSED';
}

function printPart(part: PartResult): void {
  console.log(`\n${part.rows[0]?.platforms ?? 0} ${part.kind} platforms:`);
  console.log(formatTable(part.rows, part.ansible));
}

function printTargets(light: PartResult | undefined, parts: readonly PartResult[]): void {
  const peakMb = mb(Math.max(...parts.flatMap((p) => [p.consoleFull.peakRssBytes ?? 0, p.consoleAdmin.peakRssBytes ?? 0])));
  // The second part's maxRSS would include reading the first part's Ansible output.
  const maxRssMb = mb(Math.max(...(light ? [light] : parts).map((p) => p.consoleMaxRssBytes)));
  const lines = [`\nTargets (for ${TARGET.platforms} light platforms):`];
  if (light) {
    const n = light.consoleFull.platforms;
    const scale = n === TARGET.platforms ? '' : ` (measured at ${n}, not ${TARGET.platforms})`;
    const warm = light.consoleFull.warmSeconds ?? Infinity;
    lines.push(`  warm full poll under ${TARGET.warmSeconds} s: ${warm.toFixed(2)} s, ${mark(warm < TARGET.warmSeconds)}${scale}`);
    const a = light.ansible;
    const c = light.consoleAdmin;
    const coldTimes = a.coldSeconds / c.coldSeconds;
    const warmTimes = (a.warmSeconds ?? Infinity) / (c.warmSeconds ?? Infinity);
    const warmVsCold = a.coldSeconds / (c.warmSeconds ?? Infinity);
    lines.push(
      `  at least ${TARGET.timesAnsible}x faster than Ansible on the same probe: cold vs cold ${coldTimes.toFixed(1)}x ${mark(coldTimes >= TARGET.timesAnsible)}, warm vs ControlPersist ${warmTimes.toFixed(1)}x ${mark(warmTimes >= TARGET.timesAnsible)}, console warm vs Ansible cold ${warmVsCold.toFixed(1)}x ${mark(warmVsCold >= TARGET.timesAnsible)}${scale}`,
      `  (client-side CPU for that probe: console ${c.clientCpuSeconds.cold.toFixed(1)} s cold, ${(c.clientCpuSeconds.warm ?? 0).toFixed(1)} s warm; Ansible ${a.clientCpuSeconds.cold.toFixed(1)} s cold, ${(a.clientCpuSeconds.warm ?? 0).toFixed(1)} s over ControlPersist: ${(a.clientCpuSeconds.cold / c.clientCpuSeconds.cold).toFixed(1)}x and ${((a.clientCpuSeconds.warm ?? 0) / (c.clientCpuSeconds.warm ?? Infinity)).toFixed(1)}x the console's)`,
    );
  }
  for (const part of parts) {
    const row = part.consoleFull;
    const cpu = row.clientCpuSeconds.warm ?? row.clientCpuSeconds.cold;
    const machine = row.machineCpuSeconds.warm ?? row.machineCpuSeconds.cold;
    lines.push(
      `  ${part.kind}: the engine used ${cpu.toFixed(1)} s of CPU for a warm full poll of ${row.platforms} (${((cpu * 1000) / row.platforms).toFixed(1)} ms each); the machine as a whole ${machine.toFixed(1)} s, the rest being the lab platforms (sharing these CPUs) and other work`,
    );
  }
  lines.push(`  engine RSS under ${TARGET.rssMb} MB: peak ${peakMb.toFixed(0)} MB while polling (sampled every 100 ms), maxRSS of the process after them ${maxRssMb.toFixed(0)} MB, ${mark(Math.max(peakMb, maxRssMb) < TARGET.rssMb)}`);
  console.log(lines.join('\n'));
}

async function requireTools(): Promise<void> {
  for (const tool of ['ansible', 'parallel-ssh', 'sshpass', 'ssh', 'dropbearkey']) {
    const found = await run('sh', ['-c', 'command -v "$1"', 'sh', tool], { allowFailure: true });
    if (found.code !== 0) throw new Error(`${tool} is not installed; the benchmark needs it (Debian: ansible-core, pssh, sshpass, openssh-client, dropbear-bin).`);
  }
}

async function main(): Promise<void> {
  requireRoot();
  await requireTools();
  const teardown = createTeardown();
  cleanUpOnInterrupt(teardown);
  // One script for Ansible and parallel-ssh; the console builds the same one, with a nonce of its own, for every probe.
  const script = buildProbeScript();
  console.log(
    [
      `Fleet poll benchmark: ${LIGHT} light and ${FULL} full lab platforms (AP_LAB_ID=${process.env.AP_LAB_ID ?? ''}).`,
      `Console: Poller with concurrency ${POLL_CONCURRENCY}, ${PLATFORM_TIMEOUT_MS / 1000} s per platform, one pooled SSH connection per platform (the pool's default of 8 handshakes at once).`,
      `Ansible: ansible all -m raw -f ${ANSIBLE_FORKS}, sshpass password login, ssh_args "${ANSIBLE_SSH_ARGS}" (its default with ControlPersist=60s raised), host keys checked against a known_hosts file of the lab's keys.`,
      `parallel-ssh: -p ${PSSH_PARALLEL} -A with the password from sshpass, host keys checked against the same file. All log in as admin with a password.`,
      `The probe script is ${script.text.length} bytes.`,
    ].join('\n'),
  );
  const parts: PartResult[] = [];
  try {
    if (LIGHT > 0) {
      parts.push(await runPart('light', lightFleet(LIGHT), script, teardown));
      printPart(parts[parts.length - 1] as PartResult);
    }
    if (FULL > 0) {
      parts.push(await runPart('full', fullFleet(FULL), script, teardown));
      printPart(parts[parts.length - 1] as PartResult);
    }
  } finally {
    await teardown.run();
  }
  console.log('\n==== Results ====');
  for (const part of parts) printPart(part);
  printTargets(parts.find((p) => p.kind === 'light'), parts);
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await labDown().catch(() => undefined);
  process.exitCode = 1;
});
