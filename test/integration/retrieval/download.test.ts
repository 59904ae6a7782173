import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreDump, RetrievalJob } from '../../../electron/core/contract';
import { partPath } from '../../../electron/core/connect/transfer/partFile';
import { blockingCoreDumps } from '../../lab/faults';
import { writeCoreDumps } from '../../lab/labLogs';
import { isRoot } from '../connect/connectLab';
import { readAuditFor } from './auditLines';
import { call, cutConnections, jobEnd, localSha, platformSh, platformSha, startRetrievalLab } from './retrievalLab';
import type { RetrievalLab } from './retrievalLab';

const AP = 'rt-download';
const BIG = '/var/log/core_dumps/webserver/core.1000';
const BIG_MIB = 192;

const sizeOf = (path: string) => stat(path).then((s) => s.size, () => -1);
/** Resumed reads of `path` in the audit: the transfer's read command with a non-zero offset. */
const resumedReads = (audit: Array<{ command: string }>, path: string) => audit.filter((a) => a.command.includes('tail -c') && a.command.includes(`'${path}' '`) && /' '[1-9]\d*'$/.test(a.command));

async function whenPartReaches(path: string, bytes: number, timeoutMs = 60_000): Promise<number> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const size = await sizeOf(partPath(path));
    if (size >= bytes) return size;
    if (Date.now() > end) throw new Error(`${partPath(path)} did not reach ${bytes} bytes`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe.skipIf(!isRoot)('downloading logs and core dumps from a lab platform (retrieval.download)', () => {
  let lab: RetrievalLab;
  let base = '';
  let dumps: string[] = [];

  beforeAll(async () => {
    lab = await startRetrievalLab(AP, { diskMiB: 640 });
    base = join(lab.dataDir, 'downloads', 'Lab', AP);
    dumps = await blockingCoreDumps(AP, 'manager', 2, 512);
    await writeCoreDumps(AP, 'webserver', 1, BIG_MIB * 1024);
    await platformSh(AP, 'chmod 600 /var/log/core_dumps/*/*; touch -d "1 hour ago" /var/log/core_dumps/*/*');
  }, 300_000);
  afterAll(() => lab?.stop());

  it('downloads root-owned core dumps intact (sha256 as the platform computes it) under downloads/<site>/<platform>/', async () => {
    expect((await platformSh(AP, 'stat -c "%U %a" "$1"', dumps[0] as string)).stdout.trim()).toBe('root 600');
    const answer = await call<RetrievalJob>(lab.engine, 'retrieval.download', { platformId: lab.platformId, paths: dumps });
    expect(answer.ok).toBe(true);
    expect(answer.result).toMatchObject({ kind: 'download', label: '2 paths from /var/log/core_dumps/manager', jobId: expect.stringMatching(/^job-[0-9a-f]{24}$/) });
    const job = await jobEnd(lab.engine, answer.result.jobId);
    expect(job.state, job.message ?? '').toBe('done');
    expect(job.bytesDone).toBe(2 * 512 * 1024);
    expect(job.bytesTotal).toBe(2 * 512 * 1024);
    expect(job.localPath).toBe(base);
    for (const dump of dumps) {
      const local = join(base, ...dump.split('/').filter(Boolean));
      expect(await localSha(local)).toBe(await platformSha(AP, dump));
      expect(existsSync(partPath(local))).toBe(false);
    }
    // The list now knows they were downloaded and verified.
    const listed = await call<{ dumps: CoreDump[] }>(lab.engine, 'coreDumps.list', { platformId: lab.platformId });
    for (const dump of dumps) expect(listed.result.dumps.find((d) => d.path === dump)?.downloaded?.sha256).toBe(await platformSha(AP, dump));
    // Progress went out as retrieval.job events, at most about four a second.
    const events = lab.events.filter((e) => e.event === 'retrieval.job' && (e.payload as RetrievalJob).jobId === job.jobId).map((e) => e.payload as RetrievalJob);
    expect(events.at(-1)?.state).toBe('done');
    expect(events.map((e) => e.state)).toContain('running');
  });

  it('downloads a folder and a file into a chosen folder, verified', async () => {
    await platformSh(AP, 'mkdir -p /var/log/apps/users && seq 1 20000 > /var/log/apps/users/users.log && echo hi > "/var/log/apps/users/odd name.txt"');
    const target = join(lab.dataDir, 'chosen');
    const answer = await call<RetrievalJob>(lab.engine, 'retrieval.download', { platformId: lab.platformId, paths: ['/var/log/apps/users', '/var/log/apps/users/users.log'], targetDir: target });
    const job = await jobEnd(lab.engine, answer.result.jobId);
    expect(job.state, job.message ?? '').toBe('done');
    expect(await readFile(join(target, 'var', 'log', 'apps', 'users', 'users.log'), 'utf8')).toBe((await platformSh(AP, 'cat /var/log/apps/users/users.log')).stdout);
    expect(await readFile(join(target, 'var', 'log', 'apps', 'users', 'odd name.txt'), 'utf8')).toBe('hi\n');
    expect(job.localPath).toBe(target);
  });

  it('goes on from the partial file after the connection is cut, and after a cancel and resume', async () => {
    const local = join(base, ...BIG.split('/').filter(Boolean));
    const answer = await call<RetrievalJob>(lab.engine, 'retrieval.download', { platformId: lab.platformId, paths: [BIG] });
    const cutAt = await whenPartReaches(local, 24 * 1024 * 1024);
    expect(await cutConnections(AP)).toBeGreaterThan(0);
    const job = await jobEnd(lab.engine, answer.result.jobId, 120_000);
    expect(job.state, job.message ?? '').toBe('done');
    expect(job.sha256).toBe(await platformSha(AP, BIG));
    expect(await localSha(local)).toBe(job.sha256);
    expect(resumedReads(await readAuditFor(lab.dataDir, lab.platformId), BIG).length).toBeGreaterThan(0);
    expect(cutAt).toBeLessThan(BIG_MIB * 1024 * 1024);

    // Cancel half way: the job is cancelled and resumable, the partial file stays; resume finishes it from there.
    await platformSh(AP, 'head -c 1M /dev/urandom >> "$1"; touch -d "1 hour ago" "$1"', BIG);
    const second = await call<RetrievalJob>(lab.engine, 'retrieval.download', { platformId: lab.platformId, paths: [BIG] });
    await whenPartReaches(local, 16 * 1024 * 1024);
    const cancelled = await call<RetrievalJob>(lab.engine, 'retrieval.cancel', { jobId: second.result.jobId });
    expect(cancelled.result).toMatchObject({ state: 'cancelled', resumable: true });
    const kept = await sizeOf(partPath(local));
    expect(kept).toBeGreaterThan(0);
    const before = resumedReads(await readAuditFor(lab.dataDir, lab.platformId), BIG).length;
    expect((await call<RetrievalJob>(lab.engine, 'retrieval.resume', { jobId: second.result.jobId })).result.state).toMatch(/queued|running/);
    const resumed = await jobEnd(lab.engine, second.result.jobId, 120_000);
    expect(resumed.state, resumed.message ?? '').toBe('done');
    expect(resumed.sha256).toBe(await platformSha(AP, BIG));
    expect(resumedReads(await readAuditFor(lab.dataDir, lab.platformId), BIG).length).toBeGreaterThan(before);
  });

  it('collects a support bundle as a job of its own through collectBundle, one job per platform named', async () => {
    const answer = await call<{ jobs: RetrievalJob[] }>(lab.engine, 'retrieval.bundle', { platformIds: [lab.platformId, lab.platformId], includeCoreDumps: false });
    expect(answer.ok, answer.error?.message).toBe(true);
    expect(answer.result.jobs).toHaveLength(1);
    expect(answer.result.jobs[0]).toMatchObject({ kind: 'bundle', label: 'Support bundle without core dumps' });
    const job = await jobEnd(lab.engine, answer.result.jobs[0]?.jobId as string, 180_000);
    expect(job.state, job.message ?? '').toBe('done');
    expect(job.localPath).toMatch(new RegExp(`/bundles/Lab/${AP}/Lab_${AP}_\\d{8}-\\d{6}\\.tar\\.xz$`));
    expect(await localSha(job.localPath as string)).toBe(job.sha256);
  });

  it('keeps the job list in retrieval-jobs.json, so failed jobs can be resumed after a restart', async () => {
    const listed = (await call<{ jobs: RetrievalJob[] }>(lab.engine, 'retrieval.jobs')).result.jobs;
    const file = join(lab.dataDir, 'retrieval-jobs.json');
    const saved = async () => (JSON.parse(await readFile(file, 'utf8')) as { jobs: Array<{ job: RetrievalJob }> }).jobs.map((j) => j.job);
    for (let i = 0; i < 50 && (await saved()).some((j) => j.state !== 'done'); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await saved()).map((j) => [j.jobId, j.state]).reverse()).toEqual(listed.map((j) => [j.jobId, j.state]));
    expect(listed.length).toBe(5);
  });
});
