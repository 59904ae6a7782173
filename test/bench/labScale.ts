import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { labDown, labUp, requireRoot } from '../lab/lab';
import type { Lab } from '../lab/lab';

/** How many lab platforms this machine holds: up time and memory for light and full fleets. */
const LIGHT = Number(process.env.LAB_BENCH_LIGHT ?? 500);
const FULL = Number(process.env.LAB_BENCH_FULL ?? 20);

async function memAvailableMiB(): Promise<number> {
  const text = await readFile('/proc/meminfo', 'utf8');
  return Number(/MemAvailable:\s+(\d+)/.exec(text)?.[1] ?? 0) / 1024;
}

function sshOpen(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port: 22, timeout: 5000 });
    socket.once('data', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function measure(label: string, spec: object): Promise<string[]> {
  await labDown();
  const before = await memAvailableMiB();
  const started = performance.now();
  const lab: Lab = await labUp(spec);
  const upSeconds = (performance.now() - started) / 1000;
  const banners = await Promise.all(lab.platforms.map((p) => sshOpen(p.address)));
  const perPlatformMiB = (before - (await memAvailableMiB())) / lab.platforms.length;
  const downStarted = performance.now();
  await labDown();
  const downSeconds = (performance.now() - downStarted) / 1000;
  const fits = Math.floor((before * 0.8) / Math.max(perPlatformMiB, 0.1));
  return [label, String(lab.platforms.length), String(banners.filter(Boolean).length), upSeconds.toFixed(1), downSeconds.toFixed(1), perPlatformMiB.toFixed(1), String(fits)];
}

async function main(): Promise<void> {
  requireRoot();
  const rows = [
    await measure('light', { platforms: Array.from({ length: LIGHT }, (_, i) => ({ name: `light-${i}`, kind: 'light', diskMiB: 16 })) }),
    await measure('full', { platforms: Array.from({ length: FULL }, (_, i) => ({ name: `full-${i}`, diskMiB: 160, instances: [{ domain: 'bench.example', name: 'users', sizeMiB: 2 }] })) }),
  ];
  const header = ['kind', 'platforms', 'SSH answering', 'up (s)', 'down (s)', 'MiB each', 'fit in 80% of free memory'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await labDown().catch(() => undefined);
  process.exit(1);
});
