import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ConnectError } from '../connect/connectError';
import { quoteArg, shellCommand } from '../connect/shellQuote';
import type { RootSession } from '../connect/root/rootSession';
import { downloadFile } from '../connect/transfer/downloadFile';
import { discardPart } from '../connect/transfer/partFile';
import type { RootAccess } from '../connect/transfer/transferTypes';
import { shellStat } from '../connect/transfer/remoteFileFacts';
import { remoteShell } from '../connect/transfer/remoteShell';
import { byteText } from '../format/byteText';
import { downloadBase } from './downloadWork';
import type { JobSpec } from './jobSpec';
import { DUMP_FOLDER, MEMORY_DUMP_MIN_BUILD, bytesNeeded, readFreeBytes, readProcessMemory } from './memoryDumpFacts';
import type { PlatformAccess } from './platformAccess';
import type { JobContext, JobOutcome } from './retrievalJobs';
import { safeName } from './retrievalPaths';

export interface MemoryDumpDeps {
  access: PlatformAccess;
  dataDir: string;
  /** The image build from the last poll, null while unknown. */
  buildOf(platformId: string): Promise<number | null>;
}

type MemoryDumpSpec = Extract<JobSpec, { kind: 'memory-dump' }>;
const GDB_TIMEOUT_MS = 30 * 60_000;
const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
const firstLine = (text: string) => text.replace(/\r/g, '').split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';

/**
 * A memory dump of a running process (admin-facts P16): gdb's gcore into /home/admin after a free-space check
 * against the process's resident size, chown admin, download (sha256 verified), then the file is removed from
 * the platform, also when anything fails or the job is cancelled.
 */
export async function runMemoryDump(spec: MemoryDumpSpec, context: JobContext, deps: MemoryDumpDeps): Promise<JobOutcome> {
  const { signal } = context;
  const link = await deps.access.dedicated(spec.platformId, 'memory dump', signal);
  const session: RootSession = link.session;
  const { root, platform } = link;
  const pid = spec.pid;
  const remote = `${DUMP_FOLDER}/apc-memory-dump-${pid}-${randomBytes(6).toString('hex')}.core`;
  let made = false;
  let localPath: string | null = null;
  let saved = false;
  try {
    const build = await deps.buildOf(spec.platformId);
    if (build !== null && build < MEMORY_DUMP_MIN_BUILD) {
      throw new ConnectError('remote_failed', `${platform.name} runs image ${build}; memory dumps with gdb need AP 13r3 or later (image ${MEMORY_DUMP_MIN_BUILD}+). Update the platform, or collect a support bundle instead.`);
    }
    const gdb = await root.run({ shell: 'command -v gdb' }, { signal });
    if (gdb.code !== 0) throw new ConnectError('remote_failed', `gdb is not installed on ${platform.name}, so no memory dump can be taken (it comes with AP 13r3 and later). Collect a support bundle instead.`);

    context.progress({ bytesDone: 0, bytesTotal: null, message: `Checking process ${pid} and the free space in ${DUMP_FOLDER}.` });
    const status = await root.run(['cat', '--', `/proc/${pid}/status`], { signal });
    const memory = status.code === 0 ? readProcessMemory(status.output) : null;
    if (!memory) throw new ConnectError('remote_failed', `There is no user process ${pid} on ${platform.name} (it may have ended, or be a kernel thread). Look up the process again and retry.`);
    const df = await root.run(['df', '-kP', DUMP_FOLDER], { signal });
    const free = df.code === 0 ? readFreeBytes(df.output) : null;
    if (free === null) throw new ConnectError('remote_failed', `The free space in ${DUMP_FOLDER} on ${platform.name} could not be read (df exit code ${df.code}), so no memory dump was taken. Check the disk in a terminal.`);
    const needed = bytesNeeded(memory);
    if (free < needed) {
      throw new ConnectError(
        'remote_failed',
        `Only ${byteText(free)} is free in ${DUMP_FOLDER} on ${platform.name}, but ${memory.name} (process ${pid}) has ${byteText(memory.rssBytes)} in memory (${byteText(memory.vmSizeBytes)} virtual) and the dump needs about ${byteText(needed)}: nothing was written. Free space first.`,
      );
    }

    context.progress({ bytesDone: 0, bytesTotal: null, message: `gdb is dumping the memory of ${memory.name} (process ${pid}, ${byteText(memory.rssBytes)} resident).` });
    made = true;
    const gcore = `cd ${quoteArg(DUMP_FOLDER)} && ${shellCommand(['gdb', '--pid', String(pid), '-ex', `gcore ${remote}`, '--batch'])} </dev/null 2>&1`;
    const dumped = await root.run({ shell: gcore }, { signal, timeoutMs: GDB_TIMEOUT_MS });
    const exists = await root.run(['test', '-s', remote], { signal });
    if (exists.code !== 0) {
      const said = firstLine(dumped.output.split('\n').filter((l) => /error|denied|not permitted|No such|warning/i.test(l)).join('\n'));
      throw new ConnectError('remote_failed', `gdb made no memory dump of process ${pid} on ${platform.name} (exit code ${dumped.code}${said ? `: ${said}` : ''}). Check that the process still runs and that ptrace is allowed.`);
    }
    await root.run({ shell: `chown admin:admin ${quoteArg(remote)} 2>/dev/null || chown admin ${quoteArg(remote)}` }, { signal });

    const facts = await shellStat(remoteShell(link.client, { root }), remote, signal);
    const base = downloadBase({ targetDir: null }, deps.dataDir, platform);
    localPath = join(base, 'memory-dumps', `${safeName(memory.name)}-${pid}-${stamp()}.core`);
    const result = await downloadFile({
      client: link.client, as: { root }, remotePath: remote, localPath, signal,
      onProgress: (p) => context.progress({ bytesDone: p.bytes, bytesTotal: facts.size, message: `Downloading the memory dump of ${memory.name}.` }),
    });
    saved = true;
    return { localPath, sha256: result.sha256, message: `Memory dump of ${memory.name} (process ${pid}, ${byteText(result.bytes)}) saved as ${localPath}; its SHA-256 matched and it was removed from ${platform.name}.` };
  } finally {
    // Without the job's signal: the file goes also when the job was cancelled; a partial local copy is of no use then.
    if (made) await removeRemote(deps, spec.platformId, session.closed ? null : root, remote);
    session.close();
    if (!saved && localPath !== null) await discardPart(localPath).catch(() => undefined);
  }
}

/** Removes the dump on the platform, on a fresh root shell when the job's one was closed by a cancel. */
async function removeRemote(deps: MemoryDumpDeps, platformId: string, root: RootAccess | null, remote: string): Promise<void> {
  const argv = ['rm', '-f', '--', remote];
  if (root) {
    const done = await root.run(argv, { timeoutMs: 30_000 }).then((r) => r.code === 0, () => false);
    if (done) return;
  }
  try {
    const fresh = await deps.access.dedicated(platformId, 'memory dump clean-up', AbortSignal.timeout(60_000));
    try {
      await fresh.root.run(argv, { timeoutMs: 30_000 });
    } finally {
      fresh.session.close();
    }
  } catch {
    // The connection is gone; nothing more can be done from here.
  }
}
