import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { startWebMode } from './support/webMode';
import type { RunningWebMode } from './support/webMode';

let web: RunningWebMode;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  web = await startWebMode();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
});

async function backgroundOf(selector: string): Promise<string> {
  return page.locator(selector).first().evaluate((element) => getComputedStyle(element).backgroundColor);
}

describe('console shell in web mode', () => {
  it('renders the shell with navigation and the empty fleet', async () => {
    await page.goto(web.url);
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    await expect(page.getByRole('heading', { level: 1, name: 'Fleet' }).isVisible()).resolves.toBe(true);
    await page.getByText('No App Platforms yet').waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const label of ['Fleet', 'Alarms', 'Wizards', 'Logs', 'Settings']) {
      await expect(nav.getByRole('button', { name: label }).isVisible()).resolves.toBe(true);
    }
  });

  it('asks for the fleet overview before the screens are drawn and for the rest after, with the screens\' code loaded alongside the page', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const fresh = await context.newPage();
      await fresh.addInitScript(() => {
        const record = (window as unknown as { startOrder: string[] }).startOrder = [] as string[];
        const send = WebSocket.prototype.send;
        WebSocket.prototype.send = function (this: WebSocket, data: string) {
          record.push(String((JSON.parse(data) as { method: string }).method));
          send.call(this, data);
        };
        new MutationObserver((_, observer) => {
          if (document.getElementById('root')?.firstChild) {
            record.push('first render');
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      });
      await fresh.goto(web.url);
      await fresh.getByText('No App Platforms yet').waitFor();
      // The whole inventory and the summaries follow once the overview's rows are drawn.
      await fresh.waitForFunction(() => (window as unknown as { startOrder: string[] }).startOrder.includes('monitor.summaries'));
      const order = await fresh.evaluate(() => (window as unknown as { startOrder: string[] }).startOrder);
      const rendered = order.indexOf('first render');
      expect(rendered).toBeGreaterThan(0);
      for (const method of ['settings.get', 'fleet.overview']) {
        expect(order.indexOf(method), `${method} in ${order.join(', ')}`).toBeGreaterThanOrEqual(0);
        expect(order.indexOf(method), `${method} in ${order.join(', ')}`).toBeLessThan(rendered);
      }
      for (const method of ['fleet.list', 'monitor.summaries', 'alarms.list']) {
        expect(order.indexOf(method), `${method} in ${order.join(', ')}`).toBeGreaterThan(order.indexOf('fleet.overview'));
      }
      const preloaded = await fresh.locator('head link[rel="modulepreload"]').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
      expect(preloaded.some((href) => /\/assets\/App-[\w-]+\.js$/.test(href)), preloaded.join(', ')).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('navigates between views and keeps the view in the address', async () => {
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const [label, heading] of [['Alarms', 'Alarms'], ['Wizards', 'Wizards'], ['Logs', 'Logs'], ['Settings', 'Settings']] as const) {
      await nav.getByRole('button', { name: label }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      expect(new URL(page.url()).hash).toBe(`#/${label.toLowerCase()}`);
    }
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  });

  it('switches the theme, persists it in the engine, and follows the system when asked', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Fleet' }).click();
    const lightBackground = await backgroundOf('body');
    await page.getByRole('button', { name: 'Theme' }).click();
    await page.getByRole('menuitem', { name: 'Dark' }).click();
    await expect.poll(() => backgroundOf('body')).not.toBe(lightBackground);
    const saved = JSON.parse(await readFile(join(web.dataDir, 'settings.json'), 'utf8')) as { theme: string };
    expect(saved.theme).toBe('dark');

    await page.reload();
    await page.getByText('No App Platforms yet').waitFor();
    expect(await backgroundOf('body')).not.toBe(lightBackground);

    await page.getByRole('button', { name: 'Theme' }).click();
    await page.getByRole('menuitem', { name: 'Follow the system' }).click();
    await expect.poll(() => backgroundOf('body')).toBe(lightBackground);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => backgroundOf('body')).not.toBe(lightBackground);
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('shows app.info in the About dialog', async () => {
    await page.getByRole('button', { name: 'About AP Console' }).click();
    const dialog = page.getByRole('dialog', { name: 'About AP Console' });
    await dialog.waitFor();
    await page.getByTestId('about-node-js').waitFor();
    const packageJson = JSON.parse(await readFile(join(__dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(await page.getByTestId('about-version').textContent()).toBe(packageJson.version);
    expect(await page.getByTestId('about-node-js').textContent()).toBe(process.versions.node);
    expect(await page.getByTestId('about-data-folder').textContent()).toBe(web.dataDir);
    expect(await page.getByTestId('about-running-as').textContent()).toBe('Web mode (browser)');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('shows the engine health checks in Settings', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    const checks = page.getByTestId('health-checks');
    await checks.waitFor();
    expect(await checks.textContent()).toContain(`${web.dataDir} is writable.`);
    expect(await page.getByTestId('data-dir').textContent()).toBe(web.dataDir);
  });
});
