import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../electron/core/contract';
import { readAuditFor } from './auditLines';
import { writeServiceLogs } from '../../lab/labLogs';
import { isRoot } from '../connect/connectLab';
import { call, platformSh, startRetrievalLab } from './retrievalLab';
import type { RetrievalLab } from './retrievalLab';

const AP = 'rt-tree';

describe.skipIf(!isRoot)('the /var/log tree of a lab platform through logs.list', () => {
  let lab: RetrievalLab;

  beforeAll(async () => {
    lab = await startRetrievalLab(AP);
    await writeServiceLogs(AP, 20);
    await platformSh(AP, [
      'mkdir -p "/var/log/apps/odd dir"',
      'printf a > "/var/log/apps/odd dir/with space.log"',
      "printf b > \"/var/log/apps/odd dir/$(printf 'line\\nbreak.log')\"",
      "printf c > \"/var/log/apps/odd dir/$(printf 'latin\\351.log')\"",
      'printf d > "/var/log/apps/odd dir/.hidden"',
      "printf e > '/var/log/apps/odd dir/$(touch pwned)'",
      'ln -sf /etc/passwd "/var/log/apps/odd dir/link"',
      'printf secret > /var/log/root-only.log && chmod 600 /var/log/root-only.log && chown root:root /var/log/root-only.log',
      "touch -d '2024-05-06 07:08:09 UTC' /var/log/root-only.log",
    ].join('\n'));
  });
  afterAll(() => lab?.stop());

  it('lists every entry with kind, size, time and owner; odd names come through whole', async () => {
    const answer = await call<{ root: string; entries: LogEntry[]; truncated: boolean }>(lab.engine, 'logs.list', { platformId: lab.platformId });
    expect(answer.ok).toBe(true);
    const { entries, root, truncated } = answer.result;
    expect(root).toBe('/var/log');
    expect(truncated).toBe(false);
    const byPath = new Map(entries.map((e) => [e.path, e]));
    const rootOnly = byPath.get('/var/log/root-only.log');
    expect(rootOnly).toEqual({ path: '/var/log/root-only.log', kind: 'file', sizeBytes: 6, modifiedAt: '2024-05-06T07:08:09.000Z', owner: 'root' });
    expect(byPath.get('/var/log/apps/odd dir')?.kind).toBe('dir');
    expect(byPath.get('/var/log/apps/odd dir/with space.log')?.sizeBytes).toBe(1);
    expect(byPath.get('/var/log/apps/odd dir/line\nbreak.log')?.sizeBytes).toBe(1);
    expect(byPath.get('/var/log/apps/odd dir/latin\uFFFD.log')?.sizeBytes).toBe(1);
    expect(byPath.get('/var/log/apps/odd dir/.hidden')?.sizeBytes).toBe(1);
    expect(byPath.get('/var/log/apps/odd dir/$(touch pwned)')?.sizeBytes).toBe(1);
    expect(byPath.get('/var/log/apps/odd dir/link')?.kind).toBe('link');
    expect(byPath.has('/var/log/apps/manager/manager.log.2')).toBe(true);
    // The same count as find on the platform (find prints one line per entry; one name holds a line break).
    const { stdout } = await platformSh(AP, 'find /var/log -mindepth 1 | wc -l');
    expect(entries.length).toBe(Number(stdout.trim()) - 1);
    expect((await platformSh(AP, 'ls /var/log/apps/odd\\ dir /home/admin /home/root / /var/log')).stdout.split('\n')).not.toContain('pwned');
    const audit = await readAuditFor(lab.dataDir, lab.platformId);
    expect(audit.some((a) => a.purpose === 'list logs' && a.asRoot && a.exitCode === 0 && a.command.startsWith("'sh' '-c'"))).toBe(true);
  });

  it('refuses to download paths outside the log, dump and admin folders, with the reason', async () => {
    const answer = await call(lab.engine, 'retrieval.download', { platformId: lab.platformId, paths: ['/etc/shadow'] });
    expect(answer.ok).toBe(false);
    expect(answer.error?.message).toMatch(/\/etc\/shadow lies outside \/var\/log, \/mnt\/sda2\/log, \/home\/admin/);
    const sneaky = await call(lab.engine, 'retrieval.download', { platformId: lab.platformId, paths: ['/var/log/../../etc/shadow'] });
    expect(sneaky.error?.message).toMatch(/"\." or "\.\." steps/);
  });
});
