import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../../electron/core/contract';
import { isRoot } from '../connect/connectLab';
import { call, cutConnections, platformSh, startRetrievalLab } from './retrievalLab';
import type { RetrievalLab } from './retrievalLab';

const AP = 'rt-follow';
const LOG = '/var/log/apps/manager/follow.log';

const linesOf = (events: EventMessage[], followId: string) =>
  events.flatMap((e) => (e.event === 'logs.lines' && (e.payload as { followId: string }).followId === followId ? (e.payload as { lines: string[] }).lines : []));
const endOf = (events: EventMessage[], followId: string) =>
  events.find((e) => e.event === 'logs.followEnd' && (e.payload as { followId: string }).followId === followId)?.payload as { message: string } | undefined;

async function until<T>(what: string, get: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = get();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(!isRoot)('following a log on a lab platform (logs.follow)', () => {
  let lab: RetrievalLab;

  beforeAll(async () => {
    lab = await startRetrievalLab(AP);
    await platformSh(AP, 'mkdir -p /var/log/apps/manager && seq 1 500 > "$1" && chmod 600 "$1"', LOG);
  });
  afterAll(() => lab?.stop());

  it('sends the last lines, then appended ones in batches, then stops on logs.stopFollow', async () => {
    const answer = await call<{ followId: string }>(lab.engine, 'logs.follow', { platformId: lab.platformId, path: LOG, lines: 10 });
    expect(answer.ok).toBe(true);
    const { followId } = answer.result;
    expect(followId).toMatch(/^follow-[0-9a-f]{24}$/);
    await until('the last 10 lines', () => linesOf(lab.events, followId).length >= 10);
    expect(linesOf(lab.events, followId)).toEqual(Array.from({ length: 10 }, (_, i) => String(491 + i)));

    // 300 lines appended at once arrive in few events (batched), in order, with a Latin-1 line kept readable.
    await platformSh(AP, 'seq 1001 1300 >> "$1"; printf "caf\\351 cr\\303\\250me\\n" >> "$1"', LOG);
    await until('the appended lines', () => linesOf(lab.events, followId).length >= 311);
    const lines = linesOf(lab.events, followId);
    expect(lines.slice(10, 310)).toEqual(Array.from({ length: 300 }, (_, i) => String(1001 + i)));
    expect(lines[310]).toBe('caf\u00e9 cr\u00c3\u00a8me');
    const batches = lab.events.filter((e) => e.event === 'logs.lines' && (e.payload as { followId: string }).followId === followId).length;
    expect(batches).toBeLessThanOrEqual(6);

    expect((await call(lab.engine, 'logs.stopFollow', { followId })).ok).toBe(true);
    expect((await until('the end event', () => endOf(lab.events, followId))).message).toMatch(/stopped/i);
    // tail and its watcher are gone from the platform.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const { stdout } = await platformSh(AP, 'ps -eo args | grep -F -- "$1" | grep -v grep || true', LOG);
    expect(stdout.trim()).toBe('');
  });

  it('ends with a sentence when the file vanishes', async () => {
    const { followId } = (await call<{ followId: string }>(lab.engine, 'logs.follow', { platformId: lab.platformId, path: LOG, lines: 1 })).result;
    await until('the first line', () => linesOf(lab.events, followId).length >= 1);
    await platformSh(AP, 'rm -f "$1"', LOG);
    const end = await until('the end event', () => endOf(lab.events, followId), 20_000);
    expect(end.message).toMatch(/follow\.log is gone from rt-follow .*Follow it again once it is back\./);
  });

  it('ends with a sentence when the connection drops', async () => {
    await platformSh(AP, 'seq 1 5 > "$1"', LOG);
    const { followId } = (await call<{ followId: string }>(lab.engine, 'logs.follow', { platformId: lab.platformId, path: LOG, lines: 5 })).result;
    await until('the lines', () => linesOf(lab.events, followId).length >= 5);
    expect(await cutConnections(AP)).toBeGreaterThan(0);
    const end = await until('the end event', () => endOf(lab.events, followId), 20_000);
    expect(end.message).toBe(`The connection to ${AP} dropped, so following ${LOG} ended. Follow it again once the platform can be reached.`);
  });

  it('refuses a file that is not there, and paths outside the log folders', async () => {
    const missing = await call(lab.engine, 'logs.follow', { platformId: lab.platformId, path: '/var/log/nothing.log' });
    expect(missing.error?.message).toMatch(/\/var\/log\/nothing\.log is not a file on rt-follow/);
    const outside = await call(lab.engine, 'logs.follow', { platformId: lab.platformId, path: '/etc/shadow' });
    expect(outside.error?.message).toMatch(/lies outside/);
  });
});
