import { readCoreDumps } from './coreDumpList';
import { readDfPortable } from './dfOutput';
import { readDuSummary } from './duOutput';
import { detectFormFactor } from './formFactor';
import { buildFromLabel } from './imageLabel';
import { PlatformFacts, known, unknown, unknownFrom } from './platformFacts';
import type { CoreDumps, DataPartition, Fact, FormFactor, ServiceState, StandbyConfig } from './platformFacts';
import { AP_PATHS } from './platformPaths';
import { readProbeFrame } from './probeFrame';
import type { SectionOutput } from './probeFrame';
import { PROBE_STATUS } from './probeScript';
import { readCount, readCpuList, readLoadAverage, readMeminfoBytes, readUptime } from './procFiles';
import { mountAt, readMounts } from './procMounts';
import type { MountEntry } from './procMounts';
import { readProcessList } from './psOutput';
import { sectionFailure } from './sectionFailure';
import type { ProbeRunner } from './sectionFailure';
import { serviceStates } from './serviceProcesses';
import type { NamespaceVerdict, ServiceName } from './serviceProcesses';
import { readStandbyConfig } from './standbyConfig';

type DataDevice = { device: string; fsType: string };

/** A fact from one section: its failure if it has one, else what `read` makes of its stdout (null: garbled). */
function fromSection<T>(out: SectionOutput, what: string, who: ProbeRunner, read: (stdout: string) => T | null): Fact<T> {
  const failure = sectionFailure(out, what, who);
  if (failure) return unknownFrom(failure);
  const value = read(out.stdout);
  return value === null ? unknown('unparseable', `${what} is not in the expected format`) : known(value);
}

function buildFact(label: Fact<string>): Fact<number> {
  if (label.unknown) return unknownFrom(label.unknown);
  const build = buildFromLabel(label.value);
  return build === null ? unknown('unparseable', `${AP_PATHS.label} holds no 6-digit build number`) : known(build);
}

function meminfoFact(out: SectionOutput, key: string, who: ProbeRunner): Fact<number> {
  const failure = sectionFailure(out, '/proc/meminfo', who);
  if (failure) return unknownFrom(failure);
  const value = readMeminfoBytes(out.stdout, key);
  if (value === undefined) return unknown('not_reported', `the kernel does not report ${key} in /proc/meminfo`);
  return value === null ? unknown('unparseable', `${key} in /proc/meminfo is garbled`) : known(value);
}

const positive = (n: number | null) => (n !== null && n > 0 ? n : null);
const ARCH = /^[A-Za-z0-9_.-]{1,32}$/;

function dataDeviceFact(mounts: Fact<MountEntry[]>): Fact<DataDevice> {
  if (mounts.unknown) return unknownFrom(mounts.unknown);
  const entry = mountAt(mounts.value, AP_PATHS.dataMount);
  return entry ? known({ device: entry.device, fsType: entry.fsType }) : unknown('not_mounted', `nothing is mounted at ${AP_PATHS.dataMount}`);
}

function formFactorFact(device: Fact<DataDevice>, arch: Fact<string>): Fact<FormFactor> {
  const form = detectFormFactor(device.value?.device ?? null, arch.value);
  if (form) return known(form);
  if (arch.unknown) return unknownFrom(arch.unknown);
  return unknown('unrecognised', `the architecture ${arch.value} is none of x86_64, aarch64 or arm`);
}

function dataPartitionFact(df: SectionOutput, device: Fact<DataDevice>, who: ProbeRunner): Fact<DataPartition> {
  if (df.code === PROBE_STATUS.missing) return unknown('not_mounted', `${AP_PATHS.dataMount} does not exist`);
  if (device.unknown?.code === 'not_mounted') return unknownFrom(device.unknown);
  const failure = sectionFailure(df, `the data partition (df ${AP_PATHS.dataMount})`, who);
  if (failure) return unknownFrom(failure);
  const reading = readDfPortable(df.stdout, AP_PATHS.dataMount);
  if (!reading.ok) return unknown(reading.problem === 'other_mount' ? 'not_mounted' : 'unparseable', `${AP_PATHS.dataMount}: ${reading.detail}`);
  return known(reading.partition);
}

function reserveFact(out: SectionOutput, who: ProbeRunner): Fact<{ present: boolean; sizeBytes: number | null }> {
  if (out.code === PROBE_STATUS.missing) return known({ present: false, sizeBytes: null });
  return fromSection(out, AP_PATHS.reserveFile, who, (text) => {
    const size = readCount(text);
    return size === null ? null : { present: true, sizeBytes: size };
  });
}

function coreDumpsFact(out: SectionOutput, nonce: string, who: ProbeRunner): Fact<CoreDumps> {
  const what = `the core dumps in ${AP_PATHS.coreDumpRoots.join(' and ')}`;
  const failure = sectionFailure(out, what, who);
  return failure ? unknownFrom(failure) : readCoreDumps(out.stdout, nonce, who, what);
}

function standbyFact(out: SectionOutput, who: ProbeRunner): Fact<StandbyConfig> {
  if (out.code === PROBE_STATUS.missing) return known({ present: false, parsed: false, primaryHost: null });
  return fromSection(out, AP_PATHS.standbyConfig, who, readStandbyConfig);
}

const NAMESPACE_LINE = /^n (\d+) (same|other|unknown|gone)$/;

/** The procns section: `v 0|1` (other users' processes visible), then `n PID VERDICT` per candidate process. */
function readProcessNamespaces(stdout: string): { othersVisible: boolean; namespaces: Map<number, NamespaceVerdict> } | null {
  let othersVisible: boolean | null = null;
  const namespaces = new Map<number, NamespaceVerdict>();
  for (const line of stdout.split('\n')) {
    if (line === '') continue;
    if (line === 'v 0' || line === 'v 1') {
      othersVisible = line === 'v 1';
      continue;
    }
    const match = NAMESPACE_LINE.exec(line);
    if (!match?.[1] || !match[2]) return null;
    namespaces.set(Number(match[1]), match[2] as NamespaceVerdict);
  }
  return othersVisible === null ? null : { othersVisible, namespaces };
}

function servicesFact(ps: SectionOutput, procns: SectionOutput, who: ProbeRunner): Record<ServiceName, Fact<ServiceState>> {
  const all = (fact: Fact<ServiceState>) => ({ manager: fact, webserver: fact, postgres: fact });
  const failure = sectionFailure(ps, 'the process list (ps)', who) ?? sectionFailure(procns, 'the namespaces of processes', who);
  if (failure) return all(unknownFrom(failure));
  const processes = readProcessList(ps.stdout);
  if (!processes) return all(unknown('unparseable', 'the process list (ps) is not in a format the probe knows'));
  const view = readProcessNamespaces(procns.stdout);
  if (!view) return all(unknown('unparseable', 'the namespaces of processes are garbled'));
  return serviceStates({ processes, ...view, asRoot: who.uid === 0 });
}

/** The probe's output as PlatformFacts. Output that is cut, foreign or out of shape throws a ProbeOutputError. */
export function parseProbeOutput(output: string, nonce: string): PlatformFacts {
  const s = readProbeFrame(output, nonce);
  const uid = fromSection(s.id, 'the user id', { uid: null }, readCount);
  const who: ProbeRunner = { uid: uid.value };

  const label = fromSection(s.label, AP_PATHS.label, who, (text) => text);
  const cpusOnline = fromSection(s.cpus, 'the online CPUs', who, readCpuList);
  const cpuCount = cpusOnline.unknown ? fromSection(s.cpuinfo, 'the processors in /proc/cpuinfo', who, (text) => positive(readCount(text))) : cpusOnline;
  const arch = fromSection(s.arch, 'the machine architecture (uname -m)', who, (text) => (ARCH.test(text.trim()) ? text.trim() : null));
  const dataDevice = dataDeviceFact(fromSection(s.mounts, '/proc/mounts', who, readMounts));

  return PlatformFacts.parse({
    uid,
    image: { label, build: buildFact(label) },
    clockEpochSeconds: fromSection(s.clock, 'the clock (date +%s)', who, readCount),
    uptimeSeconds: fromSection(s.uptime, '/proc/uptime', who, readUptime),
    load: fromSection(s.loadavg, '/proc/loadavg', who, readLoadAverage),
    memory: { totalBytes: meminfoFact(s.meminfo, 'MemTotal', who), availableBytes: meminfoFact(s.meminfo, 'MemAvailable', who) },
    cpuCount,
    arch,
    dataDevice,
    formFactor: formFactorFact(dataDevice, arch),
    dataPartition: dataPartitionFact(s.df, dataDevice, who),
    reserveFile: reserveFact(s.reserve, who),
    logsBytes: fromSection(s.logs, AP_PATHS.logs, who, (text) => readDuSummary(text, AP_PATHS.logs)),
    coreDumps: coreDumpsFact(s.cores, nonce, who),
    pgsqlBytes: fromSection(s.pgsql, AP_PATHS.pgsql, who, (text) => readDuSummary(text, AP_PATHS.pgsql)),
    services: servicesFact(s.ps, s.procns, who),
    standbyConfig: standbyFact(s.standby, who),
  });
}
