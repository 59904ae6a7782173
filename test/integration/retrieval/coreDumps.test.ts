import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreDump, RetrievalJob } from '../../../electron/core/contract';
import { blockingCoreDumps, setBuild } from '../../lab/faults';
import { inPlatform } from '../../lab/platformNamespace';
import { isRoot } from '../connect/connectLab';
import { readAuditFor } from './auditLines';
import { call, jobEnd, localSha, platformSh, platformSha, startRetrievalLab } from './retrievalLab';
import type { RetrievalLab } from './retrievalLab';

const AP = 'rt-dumps';

describe.skipIf(!isRoot)('core dumps on a lab platform: list, delete after a verified download, memory dump', () => {
  let lab: RetrievalLab;
  let dumps: string[] = [];
  let sleeper = 0;
  const list = async () => (await call<{ dumps: CoreDump[] }>(lab.engine, 'coreDumps.list', { platformId: lab.platformId })).result.dumps;

  beforeAll(async () => {
    lab = await startRetrievalLab(AP, { diskMiB: 256 });
    dumps = await blockingCoreDumps(AP, 'manager', 3, 128);
    await platformSh(AP, 'chmod 600 /var/log/core_dumps/*/*; touch -d "2 hours ago" /var/log/core_dumps/*/*');
  }, 300_000);
  afterAll(async () => {
    if (sleeper > 0) process.kill(sleeper, 'SIGKILL');
    await lab?.stop();
  });

  it('lists each dump once, though /var/log and /mnt/sda2/log are the same folder, with service, size and time', async () => {
    // In the lab /var/log is /mnt/sda2/log (a bind mount): the same files are seen through both roots.
    expect((await platformSh(AP, 'ls /mnt/sda2/log/core_dumps/manager')).stdout.split('\n').filter(Boolean)).toHaveLength(3);
    const listed = await list();
    expect(listed.map((d) => d.path).sort()).toEqual([...dumps].sort());
    expect(listed.every((d) => d.service === 'manager' && d.sizeBytes === 128 * 1024 && d.downloaded === null)).toBe(true);
    const mtime = Number((await platformSh(AP, 'stat -c %Y "$1"', dumps[0] as string)).stdout.trim());
    expect(listed.find((d) => d.path === dumps[0])?.modifiedAt).toBe(new Date(mtime * 1000).toISOString());
  });

  it('refuses to delete dumps that were not downloaded and verified, and deletes the ones that were', async () => {
    const [first, second, third] = dumps as [string, string, string];
    const refused = await call<{ deleted: string[]; refused: Array<{ path: string; reason: string }> }>(lab.engine, 'coreDumps.delete', { platformId: lab.platformId, paths: [first], confirm: true });
    expect(refused.result.deleted).toEqual([]);
    expect(refused.result.refused[0]?.reason).toMatch(/no verified download in this console.*download it first/);
    expect((await call(lab.engine, 'coreDumps.delete', { platformId: lab.platformId, paths: [first] })).error?.message).toMatch(/explicit confirmation/);

    const job = await jobEnd(lab.engine, (await call<RetrievalJob>(lab.engine, 'retrieval.download', { platformId: lab.platformId, paths: [first, second] })).result.jobId);
    expect(job.state, job.message ?? '').toBe('done');
    const listed = await list();
    expect(listed.find((d) => d.path === first)?.downloaded?.sha256).toBe(await platformSha(AP, first));
    // The second changed after its download: the record no longer matches, so it stays.
    await platformSh(AP, 'touch "$1"', second);
    const outcome = await call<{ deleted: string[]; refused: Array<{ path: string; reason: string }> }>(lab.engine, 'coreDumps.delete', {
      platformId: lab.platformId, paths: [first, second, third, '/var/log/messages', '/etc/passwd'], confirm: true,
    });
    expect(outcome.result.deleted).toEqual([first]);
    expect(outcome.result.refused.map((r) => r.path).sort()).toEqual(['/etc/passwd', '/var/log/messages', second, third].sort());
    expect(outcome.result.refused.find((r) => r.path === '/var/log/messages')?.reason).toMatch(/not in a core dump folder/);
    expect(outcome.result.refused.find((r) => r.path === '/etc/passwd')?.reason).toMatch(/lies outside/);
    expect((await platformSh(AP, 'ls /var/log/core_dumps/manager')).stdout.split('\n').filter(Boolean).sort()).toEqual(['core.1001', 'core.1002']);
    const audit = await readAuditFor(lab.dataDir, lab.platformId);
    expect(audit.filter((a) => a.purpose === 'delete core dumps' && a.command.startsWith("'rm'"))).toEqual([expect.objectContaining({ command: `'rm' '-f' '--' '${first}'`, exitCode: 0, asRoot: true })]);
  });

  it('refuses a memory dump when the free space in /home/admin is below the process size', async () => {
    sleeper = Number((await platformSh(AP, 'sleep 3600 >/dev/null 2>&1 & echo $!')).stdout.trim());
    expect(sleeper).toBeGreaterThan(1);
    await inPlatform(AP, ['mount', '-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', '/home/admin']);
    try {
      const job = await jobEnd(lab.engine, (await call<RetrievalJob>(lab.engine, 'coreDumps.memoryDump', { platformId: lab.platformId, pid: sleeper })).result.jobId);
      expect(job.state).toBe('failed');
      expect(job.message).toMatch(/^Only 64(\.0)? KiB is free in \/home\/admin on rt-dumps, but sleep \(process \d+\) has .* in memory .*nothing was written\. Free space first\.$/);
      expect((await platformSh(AP, 'ls -A /home/admin')).stdout.trim()).toBe('');
    } finally {
      await inPlatform(AP, ['umount', '-l', '/home/admin']);
    }
  });

  it('takes a memory dump with gdb, downloads it verified and removes it from the platform', async (context) => {
    const hasGdb = (await inPlatform(AP, ['sh', '-c', 'command -v gdb'], { allowFailure: true })).code === 0;
    if (!hasGdb) context.skip('the lab machine has no gdb');
    const answer = await call<RetrievalJob>(lab.engine, 'coreDumps.memoryDump', { platformId: lab.platformId, pid: sleeper });
    expect(answer.result).toMatchObject({ kind: 'memory-dump', label: `Memory dump of process ${sleeper}` });
    const job = await jobEnd(lab.engine, answer.result.jobId, 120_000);
    expect(job.state, job.message ?? '').toBe('done');
    expect(job.localPath).toMatch(new RegExp(`/downloads/Lab/${AP}/memory-dumps/sleep-${sleeper}-\\d{8}-\\d{6}\\.core$`));
    expect(existsSync(job.localPath as string)).toBe(true);
    expect(await localSha(job.localPath as string)).toBe(job.sha256);
    expect((job.bytesTotal ?? 0) > 0).toBe(true);
    // The dump is an ELF core file, and nothing is left in /home/admin.
    expect((await readFile(job.localPath as string)).subarray(0, 4).toString('latin1')).toBe('\x7fELF');
    expect((await platformSh(AP, 'ls -A /home/admin')).stdout).not.toMatch(/apc-memory-dump/);
    const audit = await readAuditFor(lab.dataDir, lab.platformId);
    expect(audit.some((a) => a.purpose === 'memory dump' && a.command.includes(`'gdb' '--pid' '${sleeper}'`) && a.exitCode === 0)).toBe(true);
    expect(audit.some((a) => a.purpose === 'memory dump' && a.command.startsWith("'rm' '-f' '--' '/home/admin/apc-memory-dump-") && a.exitCode === 0)).toBe(true);
  });

  it('refuses memory dumps before 13r3 and for processes that do not exist', async () => {
    const none = await jobEnd(lab.engine, (await call<RetrievalJob>(lab.engine, 'coreDumps.memoryDump', { platformId: lab.platformId, pid: 4_000_000 })).result.jobId);
    expect(none.message).toMatch(/There is no user process 4000000 on rt-dumps/);
    await setBuild(AP, 100500);
    await call(lab.engine, 'monitor.pollNow', { platformIds: [lab.platformId] });
    try {
      const old = await jobEnd(lab.engine, (await call<RetrievalJob>(lab.engine, 'coreDumps.memoryDump', { platformId: lab.platformId, pid: sleeper })).result.jobId);
      expect(old).toMatchObject({ state: 'failed', resumable: false });
      expect(old.message).toMatch(/runs image 100500; memory dumps with gdb need AP 13r3 or later/);
    } finally {
      await setBuild(AP, 140029);
    }
  });
});
