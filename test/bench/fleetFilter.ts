import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../e2e/support/browser';
import { REPO_ROOT } from '../e2e/support/webMode';
import { generateBenchFleet, writeBenchFleet } from './ui/fleetBenchData';
import { keystrokePlan } from './ui/keystrokePlan';
import type { Keystroke } from './ui/keystrokePlan';
import { PROBE_SCRIPT } from './ui/pageProbes';
import type { KeyTiming } from './ui/pageProbes';
import { startBenchWebMode } from './ui/startBenchWebMode';
import { undisturbedInitialRender } from './ui/undisturbedStart';
import { formatUiTable, percentile } from './ui/uiBenchTable';

/**
 * The Fleet screen under a large fleet: a generated data folder (5,000 platforms in 500 sites, 10 instances each)
 * served by the web mode, opened in Chromium. Measures the time from navigation to the first platform row showing
 * its last known status (in a browser no tool slows down, and once more under Playwright), the time from keydown in the filter field to the grid's DOM showing the new rows (50 keys
 * that change the row count), and the renderer's JS heap.
 */
const SITES = Number(process.env.FLEET_BENCH_SITES ?? 500);
const PLATFORMS_PER_SITE = Number(process.env.FLEET_BENCH_PLATFORMS_PER_SITE ?? 10);
const INSTANCES_PER_PLATFORM = Number(process.env.FLEET_BENCH_INSTANCES ?? 10);
const TIMED_KEYS = Number(process.env.FLEET_BENCH_KEYS ?? 50);
const KEY_TIMEOUT_MS = 10_000;
const UNDISTURBED_LOADS = Number(process.env.FLEET_BENCH_LOADS ?? 3);
/** Print every timed key (query, rows, latency, CPU). */
const VERBOSE = process.env.FLEET_BENCH_VERBOSE === '1';
/** Another renderer build to measure (e.g. an unminified one for profiling); the default is the one `npm run build:renderer` makes. */
const RENDERER_DIR = process.env.FLEET_BENCH_RENDERER_DIR ?? join(REPO_ROOT, '.vite/renderer/main_window');
const MB = 1024 * 1024;

async function metric(cdp: CDPSession, name: 'JSHeapUsedSize' | 'ThreadTime'): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === name)?.value ?? 0;
}
const heapUsedMb = async (cdp: CDPSession) => (await metric(cdp, 'JSHeapUsedSize')) / MB;
/** CPU time of the renderer's main thread in ms: what a key costs, whatever else the machine runs meanwhile. */
const threadMs = async (cdp: CDPSession) => (await metric(cdp, 'ThreadTime')) * 1000;

const nextFrames = (page: Page) => page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));

/** Presses one key; a key that changes the row count is timed from keydown to the grid showing the new rows. */
async function pressKey(page: Page, cdp: CDPSession, key: Keystroke): Promise<(KeyTiming & { cpuMs: number }) | 'timeout' | null> {
  if (key.selectAll) await page.keyboard.press('Control+A');
  await page.evaluate(([rows, firstId]) => window.fleetBench?.arm(rows, firstId), [key.expectedRows, key.firstId] as const);
  const cpuBefore = await threadMs(cdp);
  await page.keyboard.press(key.key);
  if (!key.timed) {
    await nextFrames(page);
    return null;
  }
  try {
    await page.waitForFunction(() => (window.fleetBench?.timing()?.painted ?? null) !== null, null, { polling: 'raf', timeout: KEY_TIMEOUT_MS });
  } catch {
    return 'timeout';
  }
  const timing = (await page.evaluate(() => window.fleetBench?.timing() ?? null)) as KeyTiming | null;
  return timing && { ...timing, cpuMs: (await threadMs(cdp)) - cpuBefore };
}

async function main(): Promise<void> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('The renderer is not built: run "npm run build:renderer" first.');
  const dataDir = await mkdtemp(join(tmpdir(), 'apc-bench-fleet-ui-'));
  let web: Awaited<ReturnType<typeof startBenchWebMode>> | undefined;
  const browser = await launchChromium();
  try {
    const started = performance.now();
    const fleet = generateBenchFleet(SITES, PLATFORMS_PER_SITE, INSTANCES_PER_PLATFORM);
    await writeBenchFleet(dataDir, fleet);
    const plan = keystrokePlan(fleet, TIMED_KEYS);
    console.log(
      `Generated ${fleet.platforms.length} platforms in ${fleet.sites.length} sites with ${fleet.instances} instances and ${fleet.alarms.length} active alarms in ${((performance.now() - started) / 1000).toFixed(1)} s (${dataDir}).`,
    );

    web = await startBenchWebMode(dataDir, RENDERER_DIR);
    // The first load comes right after the engine started (it is still reading its files), as when the app starts; then more.
    const loads: number[] = [];
    for (let i = 0; i < UNDISTURBED_LOADS; i++) loads.push(await undisturbedInitialRender(web.url));
    const [coldLoad = Number.NaN, ...warmLoads] = loads;
    console.log(`Initial render in an undisturbed browser, ${loads.length} loads: ${loads.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}.`);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    let wsBytes = 0;
    page.on('websocket', (socket) => socket.on('framereceived', ({ payload }) => (wsBytes += typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length)));
    await page.addInitScript({ content: PROBE_SCRIPT });

    await page.goto(web.url, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window.fleetBench?.firstRowAt ?? null) !== null, null, { polling: 'raf', timeout: 120_000 });
    const initialRender = (await page.evaluate(() => window.fleetBench?.firstRowAt ?? null)) as number;
    await page.waitForFunction(([rows, firstId]) => window.fleetBench?.shows(rows, firstId) ?? false, [plan.initial.rows, plan.initial.firstId] as const, { timeout: 30_000 });
    const heapAfterLoad = await heapUsedMb(cdp);

    await page.locator('#fleet-filter').focus();
    const latencies: number[] = [];
    const toFrame: number[] = [];
    const cpu: number[] = [];
    const missed: string[] = [];
    for (const key of plan.keys) {
      const timing = await pressKey(page, cdp, key);
      if (timing === 'timeout' || (key.timed && (timing === null || timing.start === null || timing.end === null))) {
        missed.push(JSON.stringify(key.query));
        continue;
      }
      if (timing?.start != null && timing.end != null && timing.painted != null) {
        latencies.push(timing.end - timing.start);
        toFrame.push(timing.painted - timing.start);
        cpu.push(timing.cpuMs);
        if (VERBOSE) console.log(`${JSON.stringify(key.query).padEnd(24)} ${String(key.expectedRows).padStart(5)} rows  ${(timing.end - timing.start).toFixed(1).padStart(6)} ms  CPU ${timing.cpuMs.toFixed(1).padStart(6)} ms`);
      }
    }
    const heapAfterTyping = await heapUsedMb(cdp);
    await cdp.send('HeapProfiler.collectGarbage');
    const heapAfterGc = await heapUsedMb(cdp);

    console.log(`\nFleet screen, ${fleet.platforms.length} platforms / ${fleet.sites.length} sites / ${fleet.instances} instances; Chromium at 1440x900; ${(wsBytes / MB).toFixed(1)} MB over the WebSocket.`);
    console.log(`Load average of the machine: ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min) on ${availableParallelism()} CPUs; wall times include waiting for the CPU, the CPU figures do not.`);
    console.log(`${latencies.length} timed keys of ${plan.keys.length} pressed (the others leave the row count as it was)${missed.length ? `; ${missed.length} never showed the expected rows: ${missed.join(', ')}` : ''}.\n`);
    console.log(
      formatUiTable([
        { name: 'initial render (navigation to first row with its status), right after the engine starts', value: coldLoad, unit: 'ms', target: 1500 },
        { name: 'initial render, engine running, median of the later loads', value: percentile(warmLoads, 50), unit: 'ms', target: 1500 },
        { name: 'initial render with Playwright capturing the network', value: initialRender, unit: 'ms', target: null },
        { name: 'filter keystroke to rows in DOM, p50', value: percentile(latencies, 50), unit: 'ms', target: null },
        { name: 'filter keystroke to rows in DOM, p95', value: percentile(latencies, 95), unit: 'ms', target: 50 },
        { name: 'filter keystroke to rows in DOM, max', value: percentile(latencies, 100), unit: 'ms', target: null },
        { name: 'filter keystroke to next frame, p95', value: percentile(toFrame, 95), unit: 'ms', target: null },
        { name: 'main-thread CPU per timed key, p50', value: percentile(cpu, 50), unit: 'ms', target: null },
        { name: 'main-thread CPU per timed key, p95', value: percentile(cpu, 95), unit: 'ms', target: null },
        { name: 'renderer JS heap used after load', value: heapAfterLoad, unit: 'MB', target: null },
        { name: 'renderer JS heap used after typing', value: heapAfterTyping, unit: 'MB', target: 300 },
        { name: 'renderer JS heap used after GC', value: heapAfterGc, unit: 'MB', target: null },
      ]),
    );
    if (missed.length > 0) process.exitCode = 1;
  } finally {
    await browser.close();
    await web?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('The fleet filter benchmark failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
