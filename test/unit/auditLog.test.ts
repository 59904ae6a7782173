import { appendFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_FILE, createAuditLog } from '../../electron/core/audit/auditLog';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apc-audit-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const entry = (platformId: string, command: string, exitCode: number | null = 0) => ({ platformId, purpose: 'download', command, asRoot: true, exitCode });

describe('audit log', () => {
  it('keeps every record in the order given, one JSON line each, readable only by the user', async () => {
    const audit = createAuditLog(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => audit.record(entry('ap-1', `cat /var/log/messages.${i}`))));
    const lines = (await readFile(join(dir, AUDIT_FILE), 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(20);
    expect(lines.map((line) => (JSON.parse(line) as { command: string }).command)).toEqual(Array.from({ length: 20 }, (_, i) => `cat /var/log/messages.${i}`));
    expect((await stat(join(dir, AUDIT_FILE))).mode & 0o777).toBe(0o600);
  });

  it('reads back one platform only, newest kept when limited', async () => {
    const audit = createAuditLog(dir);
    for (let i = 0; i < 5; i++) {
      await audit.record(entry('ap-1', `one ${i}`));
      await audit.record(entry('ap-10', `ten ${i}`, i === 4 ? null : 1));
    }
    expect((await audit.forPlatform('ap-1')).map((e) => e.command)).toEqual(['one 0', 'one 1', 'one 2', 'one 3', 'one 4']);
    const ten = await audit.forPlatform('ap-10', 2);
    expect(ten.map((e) => [e.command, e.exitCode])).toEqual([
      ['ten 3', 1],
      ['ten 4', null],
    ]);
  });

  it('skips lines it cannot read instead of failing, and answers an empty list before the first record', async () => {
    const audit = createAuditLog(dir);
    expect(await audit.forPlatform('ap-1')).toEqual([]);
    await audit.record(entry('ap-1', 'first'));
    await appendFile(join(dir, AUDIT_FILE), '{"platformId":"ap-1", broken\n\u0000\u0001junk ap-1\n{"platformId":"ap-1"}\n');
    await audit.record(entry('ap-1', 'second'));
    expect((await audit.forPlatform('ap-1')).map((e) => e.command)).toEqual(['first', 'second']);
  });

  it('writes a command to disk before it runs and reads its end back into the same entry', async () => {
    const audit = createAuditLog(dir);
    const end = await audit.begin({ platformId: 'ap-1', purpose: 'wizard: Full disk', command: '/etc/init.d/S50postgresql restart', asRoot: true, runId: 'run-1' });
    const beforeEnd = (await readFile(join(dir, AUDIT_FILE), 'utf8')).trimEnd().split('\n');
    expect(beforeEnd.map((line) => JSON.parse(line) as { command: string; exitCode: number | null; phase: string })).toMatchObject([{ command: '/etc/init.d/S50postgresql restart', exitCode: null, phase: 'start' }]);
    await audit.record(entry('ap-1', 'in between'));
    await end(0);
    const entries = await audit.list({ runId: 'run-1' });
    expect(entries.map((e) => [e.command, e.exitCode, e.runId])).toEqual([['/etc/init.d/S50postgresql restart', 0, 'run-1']]);
    expect(entries[0]).not.toHaveProperty('phase');
    expect((await audit.forPlatform('ap-1')).map((e) => [e.command, e.exitCode])).toEqual([
      ['/etc/init.d/S50postgresql restart', 0],
      ['in between', 0],
    ]);
  });

  it('keeps a command whose end was never written (the console died) without an exit code', async () => {
    const first = createAuditLog(dir);
    await first.begin({ platformId: 'ap-1', purpose: 'download', command: 'cat /var/log/messages', asRoot: true });
    const afterCrash = createAuditLog(dir);
    const end = await afterCrash.begin({ platformId: 'ap-1', purpose: 'download', command: 'cat /var/log/messages', asRoot: true });
    await end(1);
    expect((await afterCrash.forPlatform('ap-1')).map((e) => [e.command, e.exitCode])).toEqual([
      ['cat /var/log/messages', null],
      ['cat /var/log/messages', 1],
    ]);
  });

  it('refuses an entry that does not fit the record', async () => {
    const audit = createAuditLog(dir);
    await expect(audit.record({ ...entry('ap-1', 'x'), exitCode: 1.5 })).rejects.toThrow();
    expect(await audit.forPlatform('ap-1')).toEqual([]);
  });
});
