import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { blockingCoreDumps, healCoreDumps } from '../lab/faults';
import { namespacePids } from '../lab/labNetwork';
import { netnsName } from '../lab/labPaths';
import { inPlatform } from '../lab/platformNamespace';
import { launchChromium } from './support/browser';
import { fleetGrid, openPlatform, openTab, openView, pollAllFromFleet, setUpVaultAndImport } from './support/consoleUi';
import { isRoot, startLabConsole } from './support/labConsole';
import type { LabConsole } from './support/labConsole';
import { LOGS_AP, LOGS_LIGHT, LOGS_SITE, logsLabSpec } from './support/logsLabSpec';
import { jobLocalPath, localSha256, seriousAxeFindings, waitForJobDone } from './support/logsUi';
import { REPO_ROOT } from './support/webMode';

const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');
const MANAGER_LOG = '/var/log/apps/manager/manager.log';
/** A line no generated log has: the test writes it on the platform and looks for it in the follow pane, the bundle's search and its file. */
const MARKER = `logs-e2e-marker-${process.pid}-${Date.now()}`;

const platformSha256 = async (path: string) => ((await inPlatform(LOGS_AP, ['sha256sum', path])).stdout.split(/\s+/)[0] ?? '').trim();

describe.skipIf(!isRoot)('logs, core dumps, support bundles and the offline viewer, driven in the browser', () => {
  let lab: LabConsole;
  let browser: Browser;
  let page: Page;
  const transfers = () => page.getByRole('list', { name: `Transfers from ${LOGS_AP}` }).getByRole('listitem');

  beforeAll(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    lab = await startLabConsole(logsLabSpec);
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(lab.web.url);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await lab?.stop();
  });

  it('is set up: vault, the lab fleet imported, host keys trusted, both platforms polled', async () => {
    await setUpVaultAndImport(page, lab.fleetFile);
    await pollAllFromFleet(page, 2);
    await openView(page, 'Settings');
    const pending = page.getByTestId('pending-host-keys');
    for (let pinned = 1; pinned <= 2; pinned++) {
      await pending.getByRole('button', { name: 'Trust this key' }).first().click();
      await expect.poll(() => page.getByText(`Pinned keys (${pinned})`).count(), { timeout: 30_000 }).toBe(1);
    }
    const lines = await pollAllFromFleet(page, 2);
    expect(lines.every((line) => !line.includes('Not reached')), lines.join('\n')).toBe(true);
  });

  it('says so where nothing was fetched yet: no transfers, no bundles', async () => {
    await openView(page, 'Logs');
    await page.getByRole('heading', { level: 2, name: 'No transfers yet' }).waitFor();
    expect(await seriousAxeFindings(page, 'transfers-empty')).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'logs-transfers-empty-light.png'), animations: 'disabled' });
    await page.getByRole('tab', { name: 'Offline viewer' }).click();
    await page.getByRole('heading', { level: 2, name: 'No bundles in the data folder yet' }).waitFor();
    expect(await seriousAxeFindings(page, 'viewer-empty')).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'logs-viewer-empty-light.png'), animations: 'disabled' });
    await page.getByRole('tab', { name: /^Transfers/ }).click();
  });

  it('lists /var/log as the platform has it, with sizes, as folders and files', async () => {
    await openPlatform(page, LOGS_AP, 'Logs');
    const grid = page.getByRole('grid', { name: `Files in /var/log on ${LOGS_AP}` });
    await grid.getByRole('button', { name: `Follow ${MANAGER_LOG}`, exact: true }).waitFor({ timeout: 60_000 });
    // The grid shows the rows in view: the first folders' files are there, the count covers the rest.
    const { stdout } = await inPlatform(LOGS_AP, ['find', '/var/log/apps/devices', '/var/log/apps/manager', '-type', 'f']);
    const files = stdout.trim().split('\n').filter(Boolean);
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) expect(await grid.getByRole('button', { name: `Follow ${file}`, exact: true }).count(), file).toBe(1);
    const all = Number((await inPlatform(LOGS_AP, ['sh', '-c', 'find /var/log ! -type d | wc -l'])).stdout.trim());
    expect(await page.getByRole('status').filter({ hasText: / files in \/var\/log/ }).textContent()).toMatch(new RegExp(`^${all} files in /var/log`));
    await grid.getByRole('button', { name: 'Collapse apps', exact: true }).click();
    const size = Number((await inPlatform(LOGS_AP, ['stat', '-c', '%s', '/var/log/messages'])).stdout.trim());
    const row = grid.getByRole('row').filter({ has: page.getByRole('button', { name: 'Follow /var/log/messages', exact: true }) });
    const shown = (await row.locator('[data-field="sizeBytes"]').textContent()) ?? '';
    const kib = Number(/([\d.]+) KiB/.exec(shown)?.[1]);
    expect(Math.abs(kib * 1024 - size) / size).toBeLessThan(0.06);
    // Folders collapse and expand.
    expect(await grid.getByRole('button', { name: `Follow ${MANAGER_LOG}`, exact: true }).count()).toBe(0);
    await grid.getByRole('button', { name: 'Expand apps', exact: true }).click();
    await expect.poll(() => grid.getByRole('button', { name: `Follow ${MANAGER_LOG}`, exact: true }).count()).toBe(1);
  });

  it('follows a log live: a line written on the platform shows, and the search finds and marks it', async () => {
    await page.getByRole('button', { name: `Follow ${MANAGER_LOG}`, exact: true }).click();
    const lines = page.getByRole('log', { name: `Lines of ${MANAGER_LOG}` });
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Following live' }).count(), { timeout: 30_000 }).toBe(1);
    const tail = (await inPlatform(LOGS_AP, ['tail', '-n', '1', MANAGER_LOG])).stdout.trim();
    await expect.poll(() => lines.textContent(), { timeout: 30_000 }).toContain(tail);
    await inPlatform(LOGS_AP, ['sh', '-c', `echo "$(date -u '+%Y-%m-%d %H:%M:%S.000') manager: ${MARKER}" >> ${MANAGER_LOG}`]);
    await expect.poll(() => lines.textContent(), { timeout: 30_000 }).toContain(MARKER);
    await page.getByLabel('Search the followed lines').fill(MARKER);
    await expect.poll(() => lines.locator('mark').filter({ hasText: MARKER }).count()).toBe(1);
    await page.getByLabel('Only matching lines').check();
    await expect.poll(() => page.getByText(/^1 of [\d,]+ lines match\./).count()).toBe(1);
    await page.getByLabel('Only matching lines').uncheck();
    await page.getByLabel('Search the followed lines').fill('');
  });

  it('stops following on the platform when the pane is closed', async () => {
    // The follow's tail process, among the processes in the platform's network namespace.
    const tails = async () => {
      let found = 0;
      for (const pid of await namespacePids(netnsName(LOGS_AP))) {
        const argv = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0');
        if (argv[0]?.endsWith('tail') && argv.includes('-F') && argv.includes(MANAGER_LOG)) found++;
      }
      return found;
    };
    expect(await tails()).toBe(1);
    await page.getByRole('button', { name: 'Stop following' }).click();
    await expect.poll(tails, { timeout: 15_000 }).toBe(0);
  });

  it('downloads a file that matches the platform byte for byte (sha256)', async () => {
    const grid = page.getByRole('grid', { name: `Files in /var/log on ${LOGS_AP}` });
    await grid.getByRole('button', { name: 'Collapse apps', exact: true }).click();
    await grid
      .getByRole('row')
      .filter({ has: page.getByRole('button', { name: 'Follow /var/log/messages', exact: true }) })
      .getByRole('checkbox')
      .check();
    await page.getByRole('button', { name: 'Download 1', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Download started' }).waitFor();
    const item = transfers().filter({ hasText: '/var/log/messages' }).first();
    await waitForJobDone(item, 60_000);
    const local = await jobLocalPath(item);
    expect(local.startsWith(lab.web.dataDir)).toBe(true);
    expect(await localSha256(local)).toBe(await platformSha256('/var/log/messages'));
    expect(await item.textContent()).toContain(`sha256 ${await platformSha256('/var/log/messages')}`);
  });

  it('downloads a root-owned core dump intact, and deletes it from the platform only after a confirmation', async () => {
    const [dumpPath] = await blockingCoreDumps(LOGS_AP, 'manager', 1, 512);
    if (!dumpPath) throw new Error('no core dump written');
    const region = page.getByRole('region', { name: 'Core dumps', exact: true });
    await region.getByRole('button', { name: 'Refresh' }).click();
    const grid = page.getByRole('grid', { name: `Core dumps on ${LOGS_AP}` });
    const row = grid.getByRole('row').filter({ hasText: 'core.1000' });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain('Not downloaded');
    expect(await region.getByRole('button', { name: /^Delete/ }).isDisabled()).toBe(true);
    await row.getByRole('checkbox').check();
    await region.getByRole('button', { name: 'Download', exact: true }).click();
    const item = transfers().filter({ hasText: dumpPath }).first();
    await waitForJobDone(item, 60_000);
    expect(await localSha256(await jobLocalPath(item))).toBe(await platformSha256(dumpPath));
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain('Downloaded, checked');

    await row.getByRole('checkbox').check();
    await region.getByRole('button', { name: 'Delete 1…' }).click();
    const dialog = page.getByRole('dialog', { name: `Delete 1 core dump from ${LOGS_AP}?` });
    expect(await dialog.textContent()).toMatch(/keep the AP Manager from starting after an image update/);
    expect(await dialog.textContent()).toMatch(/removed from the platform for good/);
    const confirm = dialog.getByRole('button', { name: 'Delete 1 from the platform' });
    expect(await confirm.isDisabled()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'logs-delete-core-dumps-light.png'), animations: 'disabled' });
    await dialog.getByRole('checkbox').check();
    await confirm.click();
    await page.getByRole('alert').filter({ hasText: `1 core dump deleted from ${LOGS_AP}` }).waitFor({ timeout: 30_000 });
    expect((await inPlatform(LOGS_AP, ['test', '-e', dumpPath], { allowFailure: true })).code).not.toBe(0);
    await expect.poll(() => grid.count()).toBe(0);
    await healCoreDumps(LOGS_AP);
  });

  it('collects a support bundle and opens it in the offline viewer: summary, search for the written line, its file, the timeline', async () => {
    const region = page.getByRole('region', { name: 'Support bundle', exact: true });
    await region.getByRole('button', { name: 'Collect support bundle' }).click();
    const item = transfers().filter({ hasText: 'Support bundle,' }).first();
    await waitForJobDone(item, 150_000);
    await item.getByRole('button', { name: 'Open in viewer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Logs' }).waitFor();
    const summary = page.getByRole('region', { name: 'Summary', exact: true });
    await summary.waitFor({ timeout: 120_000 });
    expect(await summary.textContent()).toContain(`${LOGS_SITE} / ${LOGS_AP}`);
    const label = (await inPlatform(LOGS_AP, ['cat', '/mnt/sda1/label'])).stdout.trim();
    expect(await summary.textContent()).toContain(/\d{6}/.exec(label)?.[0] ?? label);

    await page.getByRole('tab', { name: 'Search' }).click();
    await page.getByLabel('Search all logs').fill(`${MARKER}-not-written`);
    await page.getByRole('form', { name: 'Search the bundle' }).getByRole('button', { name: 'Search' }).click();
    await page.getByRole('alert').filter({ hasText: `Nothing matched "${MARKER}-not-written"` }).waitFor({ timeout: 60_000 });
    await page.getByLabel('Search all logs').fill(MARKER);
    await page.getByRole('form', { name: 'Search the bundle' }).getByRole('button', { name: 'Search' }).click();
    const results = page.getByRole('log', { name: 'Search results' });
    await expect.poll(() => results.textContent(), { timeout: 60_000 }).toContain(MARKER);
    await expect.poll(() => page.getByRole('status').filter({ hasText: /^1 line found/ }).count()).toBe(1);
    await results.getByRole('button').filter({ hasText: MARKER }).click();
    const reader = page.getByRole('log', { name: /^Lines of .*manager\.log$/ });
    await expect.poll(() => reader.textContent(), { timeout: 30_000 }).toContain(MARKER);

    await page.getByRole('tab', { name: 'Timeline' }).click();
    const timeline = page.getByRole('log', { name: 'Merged timeline' });
    await expect.poll(async () => (await timeline.getByRole('button').count()) > 10, { timeout: 60_000 }).toBe(true);
    // Narrowed to two services' current logs, whose lines interleave in time.
    const narrow = page.getByRole('form', { name: 'Narrow the timeline' });
    for (const service of ['manager', 'devices']) {
      await narrow.getByLabel('Only these files').fill(`${service}/${service}.log`);
      await page.getByRole('option', { name: new RegExp(`/apps/${service}/${service}\\.log$`) }).click();
    }
    await narrow.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: /lines of 2 files, oldest first/ }).count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(async () => (await timeline.getByRole('button').count()) > 10, { timeout: 60_000 }).toBe(true);
    const shown = await timeline.getByRole('button').allTextContents();
    const times = shown.map((text) => /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{3})?)/.exec(text)?.[1]).filter((t): t is string => Boolean(t));
    expect(times.length).toBeGreaterThan(10);
    expect([...times].sort()).toEqual(times);
    // Each row reads "<time>  <file>:<line>" and then the line's own text.
    const files = new Set(shown.map((text) => /\s{2}(\S+?):\d/.exec(text)?.[1]));
    expect([...files].sort()).toEqual([expect.stringMatching(/devices\.log$/), expect.stringMatching(/manager\.log$/)]);
  }, 300_000);

  it('lists every transfer on the Logs screen with its platform and site', async () => {
    await openView(page, 'Logs');
    await page.getByRole('tab', { name: /^Transfers/ }).click();
    const items = page.getByRole('list', { name: 'Transfers' }).getByRole('listitem');
    await expect.poll(() => items.count()).toBe(3);
    for (const text of await items.allTextContents()) expect(text).toContain(`${LOGS_SITE} / ${LOGS_AP}`);
  });

  it('shows a slow download with its progress and rate, cancels it, and resumes it to a complete, verified file', { timeout: 240_000 }, async () => {
    const path = '/var/log/apps/manager/trace.bin';
    await inPlatform(LOGS_AP, ['sh', '-c', `head -c 25165824 /dev/urandom > ${path}`]);
    // 16 Mbit/s out of the platform: the 24 MiB take about 12 s.
    await inPlatform(LOGS_AP, ['tc', 'qdisc', 'replace', 'dev', 'eth0', 'root', 'tbf', 'rate', '16mbit', 'burst', '64kbit', 'latency', '400ms']);
    try {
      await openPlatform(page, LOGS_AP, 'Logs');
      const grid = page.getByRole('grid', { name: `Files in /var/log on ${LOGS_AP}` });
      await grid
        .getByRole('row')
        .filter({ has: page.getByRole('button', { name: `Follow ${path}`, exact: true }) })
        .getByRole('checkbox')
        .check({ timeout: 60_000 });
      await page.getByRole('button', { name: 'Download 1', exact: true }).click();
      const item = transfers().filter({ hasText: path }).first();
      await expect.poll(() => item.textContent(), { timeout: 60_000 }).toMatch(/MiB of 24\.0 MiB at [\d.]+ [KM]iB\/s/);
      expect(await item.getByRole('progressbar').count()).toBe(1);
      await page.getByRole('region', { name: 'Transfers', exact: true }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'logs-platform-transfer-running-light.png'), animations: 'disabled' });
      await item.getByRole('button', { name: /^Cancel / }).click();
      await expect.poll(() => item.getByTestId('job-state').textContent(), { timeout: 30_000 }).toBe('Cancelled');
      await inPlatform(LOGS_AP, ['tc', 'qdisc', 'del', 'dev', 'eth0', 'root'], { allowFailure: true });
      await item.getByRole('button', { name: /^Resume / }).click();
      // The list shows "Cancelled" until the resumed job's first update arrives.
      await expect.poll(() => item.getByTestId('job-state').textContent(), { timeout: 30_000 }).not.toBe('Cancelled');
      await waitForJobDone(item, 60_000);
      expect(await localSha256(await jobLocalPath(item))).toBe(await platformSha256(path));
    } finally {
      await inPlatform(LOGS_AP, ['tc', 'qdisc', 'del', 'dev', 'eth0', 'root'], { allowFailure: true });
      await inPlatform(LOGS_AP, ['rm', '-f', path]);
    }
  });

  describe.each(['light', 'dark'] as const)('in the %s theme', (theme) => {
    it('every logs screen has no serious accessibility violation, and is photographed at 1440x900', { timeout: 300_000 }, async () => {
      await page.emulateMedia({ colorScheme: theme });
      const found: string[] = [];
      const shoot = async (name: string) => {
        await page.waitForTimeout(600);
        found.push(...(await seriousAxeFindings(page, name)));
        await page.mouse.move(1430, 890);
        await page.screenshot({ path: join(SCREENSHOT_DIR, `logs-${name}-${theme}.png`), animations: 'disabled' });
      };
      const showViews = () => page.getByRole('tablist', { name: 'Bundle views' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await openView(page, 'Logs');
      await page.getByRole('tab', { name: /^Transfers/ }).click();
      await shoot('transfers');
      await page.getByRole('tab', { name: 'Offline viewer' }).click();
      await page.getByRole('region', { name: 'Summary', exact: true }).waitFor();
      await shoot('viewer-summary');
      await page.getByRole('tab', { name: 'File' }).click();
      await showViews();
      await shoot('viewer-file');
      await page.getByRole('tab', { name: 'Search' }).click();
      await page.getByLabel('Search all logs').fill('slow response');
      await page.getByRole('form', { name: 'Search the bundle' }).getByRole('button', { name: 'Search' }).click();
      await page.getByRole('log', { name: 'Search results' }).getByRole('button').first().waitFor({ timeout: 60_000 });
      await showViews();
      await shoot('viewer-search');
      await page.getByRole('tab', { name: 'Timeline' }).click();
      await page.getByRole('log', { name: 'Merged timeline' }).getByRole('button').first().waitFor({ timeout: 60_000 });
      await showViews();
      await shoot('viewer-timeline');
      await page.getByRole('button', { name: 'Close the bundle' }).click();
      await page.getByRole('grid', { name: 'Bundles in the data folder' }).waitFor();
      await shoot('viewer-recent');
      await page.getByRole('grid', { name: 'Bundles in the data folder' }).getByRole('button', { name: /^Open / }).first().click();
      await page.getByRole('region', { name: 'Summary', exact: true }).waitFor({ timeout: 60_000 });

      await openPlatform(page, LOGS_AP, 'Logs');
      await page.getByRole('grid', { name: `Files in /var/log on ${LOGS_AP}` }).getByRole('button', { name: `Follow ${MANAGER_LOG}`, exact: true }).click();
      await page.getByRole('log', { name: `Lines of ${MANAGER_LOG}` }).getByText(MARKER).waitFor({ timeout: 30_000 });
      await page.getByLabel('Search the followed lines').fill('slow response');
      await shoot('platform');
      await page.getByRole('region', { name: 'Follow a log', exact: true }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await shoot('platform-follow');
      await page.getByRole('region', { name: 'Core dumps', exact: true }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await shoot('platform-core-dumps');
      await page.getByRole('button', { name: 'Memory dump of a process…' }).click();
      await page.getByRole('dialog').waitFor();
      await shoot('memory-dump');
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
      await openTab(page, 'Overview');
      expect(found).toEqual([]);
    });
  });

  it('opens a log.tar.xz made by hand with a log of 600,000 lines, and goes to a line near its end', { timeout: 240_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apc-e2e-archive-'));
    try {
      const lines = Array.from({ length: 600_000 }, (_, i) => `2026-01-01 ${String(Math.floor(i / 3600) % 24).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000 big: line ${i + 1} of the long log`);
      await mkdir(join(dir, 'var/log/apps/big'), { recursive: true });
      await writeFile(join(dir, 'var/log/apps/big/big.log'), `${lines.join('\n')}\n`);
      execFileSync('sh', ['-c', 'tar -cf - var/log | xz -0 -T0 > log.tar.xz'], { cwd: dir });
      await openView(page, 'Logs');
      await page.getByRole('tab', { name: 'Offline viewer' }).click();
      const close = page.getByRole('button', { name: 'Close the bundle' });
      if (await close.count()) await close.click();
      await page.getByLabel('Bundle or log archive on this computer').fill(join(dir, 'log.tar.xz'));
      await page.getByRole('form', { name: 'Open a bundle by its path' }).getByRole('button', { name: 'Open' }).click();
      const summary = page.getByRole('region', { name: 'Summary', exact: true });
      await summary.waitFor({ timeout: 180_000 });
      expect(await summary.textContent()).toContain('a log archive made by hand has no summary');
      await page.getByRole('navigation', { name: 'Files in the bundle' }).getByRole('button', { name: /big\.log/ }).click();
      const reader = page.getByRole('log', { name: /^Lines of .*big\.log$/ });
      await expect.poll(() => reader.textContent(), { timeout: 30_000 }).toContain('line 1 of the long log');
      expect(await page.getByText(/600,000 lines/).count()).toBeGreaterThan(0);
      await page.getByLabel('Go to line').fill('590000');
      await page.getByRole('form', { name: 'Go to a line' }).getByRole('button', { name: 'Go' }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: /^Showing lines [\d,]+ to 600,000 of 600,000\.$/ }).count()).toBe(1);
      await expect.poll(() => reader.textContent(), { timeout: 30_000 }).toContain('line 590000 of the long log');
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'logs-viewer-long-file-light.png'), animations: 'disabled' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('collects support bundles of a Fleet selection into a chosen folder, with a result per platform', { timeout: 300_000 }, async () => {
    const chosen = await mkdtemp(join(tmpdir(), 'apc-e2e-bundles-'));
    try {
      await openView(page, 'Fleet');
      await fleetGrid(page).getByRole('checkbox', { name: /select all/i }).check();
      await page.getByRole('region', { name: 'Selected platforms' }).getByRole('button', { name: 'Collect logs' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('list', { name: 'Platforms to collect from' }).waitFor();
      await dialog.getByLabel('Save to folder').fill(chosen);
      await dialog.getByRole('button', { name: 'Collect 2 bundles' }).click();
      await dialog.getByRole('heading', { name: 'Support bundles of 2 platforms: finished' }).waitFor({ timeout: 240_000 });
      const results = await dialog.getByRole('list', { name: 'Bundle results' }).getByRole('listitem').allTextContents();
      expect(results).toHaveLength(2);
      for (const line of results) expect(line).toContain(`Collected: ${chosen}/`);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'logs-fleet-bundles-dark.png'), animations: 'disabled' });
      await dialog.getByRole('button', { name: 'Close' }).click();
      await page.getByRole('region', { name: 'Selected platforms' }).getByRole('button', { name: 'Clear selection' }).click();

      const bundles = (await readdir(chosen)).sort();
      expect(bundles.every((name) => name.endsWith('.tar.xz'))).toBe(true);
      const names: string[] = [];
      for (const name of bundles) {
        const manifest = JSON.parse(execFileSync('tar', ['-xJOf', join(chosen, name), 'manifest.json'], { encoding: 'utf8' })) as { platform: { name: string } };
        names.push(manifest.platform.name);
      }
      expect(names.sort()).toEqual([LOGS_AP, LOGS_LIGHT].sort());
    } finally {
      await rm(chosen, { recursive: true, force: true });
    }
  });
});
