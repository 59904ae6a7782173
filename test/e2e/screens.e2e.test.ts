import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { REPO_ROOT, startWebMode } from './support/webMode';
import type { RunningWebMode } from './support/webMode';

const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');
const VIEWS = [
  ['fleet', 'Fleet'],
  ['alarms', 'Alarms'],
  ['wizards', 'Wizards'],
  ['logs', 'Logs'],
  ['settings', 'Settings'],
] as const;

let web: RunningWebMode;
let browser: Browser;

beforeAll(async () => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  web = await startWebMode();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
});

/** Layout faults a partner would see: sideways scrolling, text cut off by its box, error banners. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth) problems.push('page scrolls sideways');
    for (const element of document.querySelectorAll<HTMLElement>('h1, h2, p, button, li, td, th')) {
      if (element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX === 'hidden') {
        problems.push(`cut off: ${element.tagName} "${element.textContent?.slice(0, 40) ?? ''}"`);
      }
    }
    for (const alert of document.querySelectorAll('.MuiAlert-standardError')) problems.push(`error shown: ${alert.textContent ?? ''}`);
    return problems;
  });
}

describe.each(['light', 'dark'] as const)('every screen in the %s theme', (colorScheme) => {
  it('renders each view at 1440x900 without layout faults', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme });
    await page.goto(web.url);
    for (const [view, title] of VIEWS) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: title }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      if (view === 'settings') await page.getByTestId('health-checks').waitFor();
      expect(await layoutProblems(page)).toEqual([]);
      await page.mouse.move(1400, 880);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${view}-${colorScheme}.png`), animations: 'disabled' });
    }
    await page.getByRole('button', { name: 'About AP Console' }).click();
    await page.getByTestId('about-node-js').waitFor();
    expect(await layoutProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `about-${colorScheme}.png`), animations: 'disabled' });
    await page.close();
  });
});
