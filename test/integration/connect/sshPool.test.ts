import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectError } from '../../../electron/core/connect/connectError';
import { degradeLink, healLink } from '../../lab/faults';
import { platformAddress } from '../../lab/labPaths';
import { inPlatform } from '../../lab/platformNamespace';
import { adminPasswordRef, isRoot, startConnectLab } from './connectLab';
import type { ConnectLab } from './connectLab';
import { startLatencyProxy } from './latencyProxy';

const text = (b: Buffer) => b.toString('utf8');

describe.skipIf(!isRoot)('the SSH connection pool', () => {
  let lab: ConnectLab;

  beforeAll(async () => {
    lab = await startConnectLab({
      platforms: [
        { name: 'pool-open', kind: 'light', diskMiB: 32 },
        { name: 'pool-drop', kind: 'light', diskMiB: 32, sshServer: 'dropbear' },
      ],
    });
    await lab.trust(lab.target('pool-open'));
    await lab.trust(lab.target('pool-drop'));
  });
  afterAll(async () => lab?.stop());

  it('shares one connection per platform between callers, also when they ask at the same time', async () => {
    const pool = lab.newPool();
    const target = lab.target('pool-open');
    const [a, b] = await Promise.all([pool.acquire(target), pool.acquire(target)]);
    expect(a).toBe(b);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => pool.exec(target, `echo ${i}; echo "$SSH_CLIENT" | cut -d' ' -f2`)));
    const ports = new Set(results.map((r) => text(r.stdout).split('\n')[1]));
    expect(results.map((r) => text(r.stdout).split('\n')[0])).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(ports.size).toBe(1);
    expect(pool.state('pool-open')).toMatchObject({ connected: true, failures: 0 });
  });

  it('streams output while the command runs, and cancels it on the platform', async () => {
    const pool = lab.newPool();
    const target = lab.target('pool-drop');
    // A duration no other process on the machine sleeps for, so the check below sees only this one.
    const seconds = String(6000 + Math.floor(Math.random() * 3000));
    const stream = await pool.execStream(target, `echo started; exec sleep ${seconds}`, { label: 'sleep' });
    const first = await new Promise<string>((resolve) => stream.channel.once('data', (chunk: Buffer) => resolve(text(chunk))));
    expect(first).toBe('started\n');
    const started = Date.now();
    stream.cancel();
    await expect(stream.done).rejects.toMatchObject({ code: 'cancelled' });
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect.poll(async () => (await inPlatform('pool-drop', ['pgrep', '-f', `^sleep ${seconds}$`], { allowFailure: true })).stdout.trim(), { timeout: 5_000 }).toBe('');
  });

  it('stops a command at its timeout and by an abort signal', async () => {
    const pool = lab.newPool();
    const target = lab.target('pool-open');
    await expect(pool.exec(target, 'sleep 30', { timeoutMs: 300 })).rejects.toMatchObject({ code: 'timeout' });
    const controller = new AbortController();
    const running = pool.exec(target, 'sleep 30', { signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
    expect(text((await pool.exec(target, 'echo still usable')).stdout)).toBe('still usable\n');
  });

  it('reconnects after the platform drops the connection', async () => {
    const pool = lab.newPool();
    const target = lab.target('pool-open');
    const first = await pool.acquire(target);
    const closed = new Promise((resolve) => first.client.once('close', () => resolve(undefined)));
    await inPlatform('pool-open', ['pkill', '-f', 'sshd: admin'], { allowFailure: true });
    await closed;
    expect(text((await pool.exec(target, 'echo back')).stdout)).toBe('back\n');
    expect(await pool.acquire(target)).not.toBe(first);
  });

  it('fails fast during back-off after a failure, and a dead platform does not hold up a live one', async () => {
    const pool = lab.newPool({ readyTimeoutMs: 4_000, backoffInitialMs: 30_000, backoffMaxMs: 30_000 });
    const dead = lab.target('pool-dead', { host: platformAddress(9000), port: 22, passwordRef: adminPasswordRef('pool-open') });
    const live = lab.target('pool-drop');
    const deadAttempt = pool.acquire(dead).catch((error: unknown) => error);
    const started = Date.now();
    expect(text((await pool.exec(live, 'echo alive')).stdout)).toBe('alive\n');
    expect(Date.now() - started).toBeLessThan(3_000);
    const failure = (await deadAttempt) as ConnectError;
    expect(['timeout', 'unreachable']).toContain(failure.code);
    const again = Date.now();
    const fast = (await pool.acquire(dead).catch((error: unknown) => error)) as ConnectError;
    expect(Date.now() - again).toBeLessThan(500);
    expect(fast.message).toMatch(/Next automatic try in \d+ s/);
    expect(pool.state('pool-dead')).toMatchObject({ connected: false, failures: 1 });
  });

  it('keeps working over a lossy link and notices a dead one by its keep-alive', async () => {
    const pool = lab.newPool({ keepaliveIntervalMs: 500, keepaliveCountMax: 2 });
    const target = lab.target('pool-open');
    await degradeLink('pool-open', { lossPercent: 20 });
    try {
      const result = await pool.exec(target, 'head -c 300000 /dev/zero | od -An | tail -1', { timeoutMs: 60_000 });
      expect(result.code).toBe(0);
      await degradeLink('pool-open', { lossPercent: 100 });
      const link = await pool.acquire(target);
      await new Promise((resolve) => link.client.once('close', () => resolve(undefined)));
      expect(pool.state('pool-open').connected).toBe(false);
    } finally {
      await healLink('pool-open');
    }
    expect(text((await pool.exec(target, 'echo healed', { retryNow: true })).stdout)).toBe('healed\n');
  });

  it('works over a slow link, and a handshake slower than its limit times out cleanly', async () => {
    const proxy = await startLatencyProxy(lab.platform('pool-drop').address, 22, 150);
    try {
      const slow = lab.target('pool-drop', { host: '127.0.0.1', port: proxy.port });
      const pool = lab.newPool();
      const started = Date.now();
      expect(text((await pool.exec(slow, 'echo through the slow link')).stdout)).toBe('through the slow link\n');
      expect(Date.now() - started).toBeGreaterThan(900);
      const impatient = lab.newPool({ readyTimeoutMs: 400 });
      await expect(impatient.acquire(slow)).rejects.toMatchObject({ code: 'timeout' });
    } finally {
      await proxy.close();
    }
  });
});
