import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { fillDiskWithLogs } from '../lab/faults';
import { reserveBytes } from '../lab/lab';
import { inPlatform } from '../lab/platformNamespace';
import { launchChromium } from './support/browser';
import { openPlatform, openView, pollOpenPlatform, setUpVaultAndImport } from './support/consoleUi';
import { isRoot, startLabConsole } from './support/labConsole';
import type { LabConsole } from './support/labConsole';
import { seriousAxeFindings } from './support/logsUi';
import { REPO_ROOT } from './support/webMode';
import { WIZARD_AP, WIZARD_DISK_MIB, wizardsLabSpec } from './support/wizardsLabSpec';
import { pollTheOnePlatform, runCurrentStep, runState } from './support/wizardsUi';

const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');
const RESERVE = '/mnt/sda2/empty_if_no_space';
const THEMES = ['light', 'dark'] as const;

/** What the wizard changes, read on the platform itself. */
async function platformState() {
  const sh = (script: string) => inPlatform(WIZARD_AP, ['sh', '-c', script], { allowFailure: true }).then((r) => r.stdout.trim());
  return {
    reserveBytes: Number(await sh(`stat -c %s ${RESERVE} 2>/dev/null || echo -1`)),
    availBytes: Number((await sh('df -B1 --output=avail /mnt/sda2')).split('\n')[1]),
    files: (await sh('find /var/log/apps /var/log/core_dumps -mindepth 2 -maxdepth 2 -type f | sort')).split('\n').filter(Boolean),
    manager: await sh('kill -0 "$(cat /run/manager.pid)" 2>/dev/null && echo running || echo stopped'),
    postgres: await sh('runuser -u postgres -- psql -X -At -c "SELECT 1" 2>&1'),
  };
}

describe.skipIf(!isRoot)('a recovery wizard started from an alarm, driven in the browser', () => {
  let lab: LabConsole;
  let browser: Browser;
  let page: Page;
  let fault: { coreDump: string; log: string };
  const axe: string[] = [];

  /** Checks the screen with axe and photographs it in both themes. */
  const shoot = async (name: string) => {
    for (const theme of THEMES) {
      await page.emulateMedia({ colorScheme: theme });
      await page.waitForTimeout(400);
      axe.push(...(await seriousAxeFindings(page, `${name}-${theme}`)));
      await page.mouse.move(1430, 890);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `wizards-${name}-${theme}.png`), animations: 'disabled' });
    }
    await page.emulateMedia({ colorScheme: 'light' });
  };

  beforeAll(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    lab = await startLabConsole(wizardsLabSpec);
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true })).newPage();
    await page.goto(lab.web.url);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await lab?.stop();
  });

  it('is set up: vault, the lab fleet imported, the host key trusted, the platform polled', async () => {
    await setUpVaultAndImport(page, lab.fleetFile);
    await pollTheOnePlatform(page);
    await openView(page, 'Settings');
    await page.getByTestId('pending-host-keys').getByRole('button', { name: 'Trust this key' }).first().click();
    await expect.poll(() => page.getByText('Pinned keys (1)').count(), { timeout: 30_000 }).toBe(1);
    const line = await pollTheOnePlatform(page);
    expect(line).not.toContain('Not reached');
  });

  it('shows the catalog and says so where there are no runs yet', async () => {
    await openView(page, 'Wizards');
    await page.getByRole('heading', { level: 2, name: 'No wizard runs yet' }).waitFor();
    await page.getByRole('tab', { name: 'Catalog' }).click();
    const catalog = page.getByRole('list', { name: 'Wizard catalog' });
    await catalog.getByRole('heading', { name: 'Recover a full disk' }).waitFor();
    expect(await catalog.getByRole('listitem').count()).toBeGreaterThanOrEqual(10);
    await shoot('catalog');
  });

  it('raises the disk alarm once the disk is full, with a Fix button', async () => {
    fault = await fillDiskWithLogs(WIZARD_AP);
    expect((await platformState()).availBytes).toBeLessThan(1024 * 1024);
    await openPlatform(page, WIZARD_AP, 'Overview');
    await pollOpenPlatform(page);
    const fix = page.getByRole('list', { name: 'Active alarms' }).getByRole('button', { name: 'Fix: recover a full disk' });
    await fix.waitFor({ timeout: 30_000 });
  });

  it('opens the wizard from the Alarms view; the dry run shows the plan and runs nothing', async () => {
    await openView(page, 'Alarms');
    const row = page.getByRole('grid', { name: 'Active alarms' }).getByRole('row').filter({ hasText: WIZARD_AP }).filter({ hasText: 'Disk usage' });
    await row.getByRole('button', { name: 'Fix: recover a full disk' }).waitFor();
    await shoot('alarms-fix');
    await row.getByRole('button', { name: 'Fix: recover a full disk' }).click();
    const dialog = page.getByRole('dialog', { name: 'Start: Recover a full disk' });
    await dialog.getByText(`Platform: ${WIZARD_AP}`).waitFor();
    await dialog.getByLabel(/Download the logs and core dumps/).click();
    await page.getByRole('option', { name: 'No, remove them' }).click();
    const before = await platformState();
    await dialog.getByRole('button', { name: 'Dry run' }).click();
    const plan = dialog.getByRole('region', { name: `Plan of Recover a full disk on ${WIZARD_AP}` });
    await plan.waitFor({ timeout: 30_000 });
    const planText = (await plan.textContent()) ?? '';
    for (const command of ['/etc/init.d/S92manager stop', `echo '' > ${RESERVE}`, 'rm -f /var/log/apps/*/* 2>&1', '/etc/init.d/S50postgresql restart', `rm -f ${RESERVE}`]) expect(planText).toContain(command);
    expect(await plan.getByText('Changes the platform').count()).toBe(3);
    expect(await platformState()).toEqual(before);
    await shoot('start-dry-run');
  });

  it('runs every step from the run page, with the name typed for the destructive ones, to done', { timeout: 600_000 }, async () => {
    const dialog = page.getByRole('dialog', { name: 'Start: Recover a full disk' });
    await dialog.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Recover a full disk' }).waitFor({ timeout: 60_000 });
    await expect.poll(() => runState(page).textContent()).toMatch(/^Ready/);
    const preconditions = page.getByRole('list', { name: 'Preconditions' });
    expect(await preconditions.getByRole('img', { name: 'Not met', exact: true }).count()).toBe(0);
    expect(await preconditions.getByRole('img', { name: 'Met', exact: true }).count()).toBeGreaterThan(0);

    let confirmed = 0;
    let withOutput = false;
    for (let i = 0; i < 20; i++) {
      const state = (await runState(page).textContent()) ?? '';
      if (!state.startsWith('Ready')) break;
      const after = await runCurrentStep(page, WIZARD_AP, async () => {
        confirmed++;
        if (confirmed === 1) await shoot('confirm-destructive');
      });
      // Photographed once PostgreSQL restarted: the steps done so far with their output, the next one with its button.
      if (!withOutput && /^Ready/.test(after) && (await page.getByRole('log', { name: /^Output of .*PostgreSQL/ }).count()) > 0) {
        withOutput = true;
        await page.getByRole('log', { name: /^Output of .*PostgreSQL/ }).first().scrollIntoViewIfNeeded();
        await shoot('run-in-progress');
      }
    }
    await expect.poll(() => runState(page).textContent(), { timeout: 30_000 }).toMatch(/^Done/);
    expect(confirmed).toBe(3);
    expect(withOutput).toBe(true);
    // The output of the restart of PostgreSQL, as its step showed it live.
    const restart = page.getByRole('log', { name: /^Output of .*PostgreSQL/ }).first();
    expect(((await restart.textContent()) ?? '').trim().length).toBeGreaterThan(0);

    const after = await platformState();
    expect(after.reserveBytes).toBe(reserveBytes(WIZARD_DISK_MIB));
    expect(after.files.filter((f) => f === fault.coreDump || f === fault.log)).toEqual([]);
    expect(after.availBytes).toBeGreaterThan(64 * 1024 * 1024);
    expect(after.manager).toBe('running');
    expect(after.postgres).toBe('1');
  });

  it('clears the alarm with the next poll', async () => {
    await openPlatform(page, WIZARD_AP, 'Overview');
    await pollOpenPlatform(page);
    await expect.poll(() => page.getByRole('button', { name: 'Fix: recover a full disk' }).count(), { timeout: 30_000 }).toBe(0);
    await openView(page, 'Alarms');
    await page.getByRole('heading', { level: 1, name: 'Alarms' }).waitFor();
    await expect.poll(() => page.getByRole('row').filter({ hasText: WIZARD_AP }).filter({ hasText: 'Disk usage' }).count(), { timeout: 15_000 }).toBe(0);
  });

  it('lists the run and every command in the audit log, and exports it', async () => {
    // The Wizards view still shows the run last opened; its list is one click away.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Wizards' }).click();
    await page.getByRole('button', { name: 'All runs' }).click();
    await page.getByRole('heading', { level: 1, name: 'Wizards' }).waitFor();
    const runs = page.getByRole('table', { name: 'Wizard runs' });
    await runs.getByRole('button', { name: `Open Recover a full disk on ${WIZARD_AP}` }).waitFor();
    expect(await runs.getByRole('row').filter({ hasText: WIZARD_AP }).filter({ hasText: 'Done' }).count()).toBe(1);
    await shoot('runs');
    await page.getByRole('tab', { name: 'Audit log' }).click();
    const grid = page.getByRole('grid', { name: 'Audit log' });
    await grid.getByText('/etc/init.d/S92manager stop', { exact: true }).waitFor({ timeout: 15_000 });
    await shoot('audit');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export' }).click();
    const file = await (await download).path();
    const lines = (await readFile(file, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { command: string; exitCode: number | null; confirmation: string | null });
    for (const command of ['/etc/init.d/S92manager stop', `echo '' > ${RESERVE}`, 'rm -f /var/log/apps/*/* 2>&1', `rm -f ${RESERVE}`]) {
      expect(lines.filter((l) => l.command === command).map((l) => l.exitCode), command).toContain(0);
    }
    expect(lines.filter((l) => l.confirmation?.includes(`typed "${WIZARD_AP}"`)).length).toBe(3);
    const text = JSON.stringify(lines);
    for (const secret of ['ipapps', 'iplinux']) expect(text).not.toContain(secret);
  });

  it('has no serious accessibility violation on the wizards screens', () => {
    expect(axe).toEqual([]);
  });
});
