import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHostKeyStore } from '../../electron/core/connect/hostKeyStore';
import { buildProbeScript } from '../../electron/core/platform/probeScript';
import type { ProbeScript } from '../../electron/core/platform/probeScript';
import { labDown, labUp, requireRoot } from '../lab/lab';
import type { FleetSpec } from '../lab/labSpec';
import { run } from '../lab/run';
import { ANSIBLE_FORKS, ANSIBLE_SSH_ARGS, runAnsible } from './poll/ansibleRun';
import { benchPlatforms, fullFleet, lightFleet } from './poll/benchFleet';
import type { BenchKind, BenchPlatform } from './poll/benchFleet';
import { formatTable, mb, median } from './poll/benchTable';
import type { BenchRow } from './poll/benchTable';
import { pinWebserverCertificates } from './poll/certificatePins';
import { PLATFORM_TIMEOUT_MS, POLL_CONCURRENCY, measureConsolePoll } from './poll/consolePoll';
import type { ConsoleMeasurement } from './poll/consolePoll';
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
}

function reportFailures(tool: string, runs: ReadonlyArray<{ failures: string[]; toolMessage?: string | null }>): void {
  runs.forEach((r, i) => {
    const when = i === 0 ? 'cold' : `run ${i + 1}`;
    if (r.toolMessage) console.log(`  ${tool} (${when}) ended with ${r.toolMessage}`);
    if (r.failures.length === 0) return;
    console.log(`  ${tool} (${when}): ${r.failures.length} platform(s) without a complete answer:`);
    for (const failure of r.failures.slice(0, SHOWN_FAILURES)) console.log(`    ${failure}`);
    if (r.failures.length > SHOWN_FAILURES) console.log(`    … and ${r.failures.length - SHOWN_FAILURES} more`);
  });
}

function consoleRow(tool: string, platforms: number, m: ConsoleMeasurement): BenchRow {
  const [cold, ...warm] = m.rounds;
  if (!cold) throw new Error('no console poll ran');
  reportFailures(tool, m.rounds);
  return {
    tool,
    platforms,
    okPerRun: m.rounds.map((r) => r.ok),
    coldSeconds: cold.seconds,
    warmSeconds: median(warm.map((r) => r.seconds)),
    peakRssBytes: Math.max(...m.rounds.map((r) => r.peakRssBytes)),
  };
}

function toolRow(tool: string, platforms: number, runs: ToolPollRun[]): BenchRow {
  const [cold, ...warm] = runs;
  if (!cold) throw new Error(`${tool} did not run`);
  reportFailures(tool, runs);
  return { tool, platforms, okPerRun: runs.map((r) => r.ok), coldSeconds: cold.seconds, warmSeconds: median(warm.map((r) => r.seconds)), peakRssBytes: null };
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
const perPlatform = (m: ConsoleMeasurement) => `one platform's poll, median/slowest: ${m.rounds.map((r) => `${r.platformMs.median}/${r.platformMs.max} ms`).join(', ')}`;
const times = (row: BenchRow) => `cold ${row.coldSeconds.toFixed(2)} s${row.warmSeconds === null ? '' : `, warm ${row.warmSeconds.toFixed(2)} s`}, ok ${row.okPerRun.join('/')} of ${row.platforms}`;

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
  console.log(`inside ${platforms[0]?.name}: ps lists ${context.processesVisible} processes (the lab shares the host's process list), the probe alone takes ${context.probeAloneMs.toFixed(0)} ms`);

  const fullPoll = await measureConsolePoll({ platforms, mode: 'full', hostKeys, certificatePins, teardown }, WARM_ROUNDS);
  const full = consoleRow('console, full poll (root, PostgreSQL, HTTPS)', count, fullPoll);
  console.log(`console full poll: ${times(full)}; ${perPlatform(fullPoll)}`);
  const adminPoll = await measureConsolePoll({ platforms, mode: 'admin', hostKeys, certificatePins, teardown }, WARM_ROUNDS);
  const admin = consoleRow('console, same probe as admin', count, adminPoll);
  console.log(`console admin poll: ${times(admin)}; ${perPlatform(adminPoll)}`);
  const ansible = toolRow('Ansible raw (warm: ControlPersist)', count, await runAnsible({ platforms, workDir, knownHostsFile, script, teardown }, 1 + WARM_ROUNDS));
  console.log(`Ansible: ${times(ansible)}`);
  const pssh = toolRow('parallel-ssh', count, [await runParallelSsh({ platforms, workDir, knownHostsFile, script, teardown }, 0)]);
  console.log(`parallel-ssh: ${times(pssh)}`);
  await teardown.run();
  return { kind, rows: [full, admin, ansible, pssh], consoleFull: full, consoleAdmin: admin, ansible };
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
  const maxRssMb = mb(lifetimeMaxRssBytes());
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
    );
  }
  lines.push(`  engine RSS under ${TARGET.rssMb} MB: peak ${peakMb.toFixed(0)} MB while polling (sampled every 100 ms), maxRSS of the process ${maxRssMb.toFixed(0)} MB, ${mark(Math.max(peakMb, maxRssMb) < TARGET.rssMb)}`);
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
