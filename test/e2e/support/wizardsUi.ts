import type { Page } from 'playwright-core';

/** The run page's state line: "Ready Step 3 of 9: …". */
export const runState = (page: Page) => page.getByRole('status', { name: 'Run state' });

/** Runs the current step from the run page: types the platform's name when a confirmation is asked; waits until the run moved on. */
export async function runCurrentStep(page: Page, platformName: string, onConfirm?: () => Promise<void>): Promise<string> {
  const before = (await runState(page).textContent()) ?? '';
  const button = page.getByRole('button', { name: /^(Run step|Done)$/ }).first();
  await button.click();
  const dialog = page.getByRole('dialog').filter({ has: page.getByLabel('Platform name') });
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (await dialog.isVisible()) {
      await dialog.getByLabel('Platform name').fill(platformName);
      if (onConfirm) await onConfirm();
      await dialog.getByRole('button', { name: 'Run step' }).click();
      await dialog.waitFor({ state: 'hidden' });
    }
    const now = (await runState(page).textContent()) ?? '';
    if (now !== before && !now.startsWith('Running')) return now;
    if (Date.now() > deadline) throw new Error(`the step did not end: ${now}`);
    await page.waitForTimeout(200);
  }
}

/** Polls the fleet's one platform from the Fleet table in one confirmed action and returns the result line. */
export async function pollTheOnePlatform(page: Page): Promise<string> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Fleet' }).click();
  await page.getByRole('heading', { level: 1, name: 'Fleet' }).waitFor();
  await page.getByRole('grid', { name: 'Fleet: App Platforms grouped by site' }).getByRole('checkbox', { name: /select all/i }).check();
  await page.getByRole('region', { name: 'Selected platforms' }).getByRole('button', { name: 'Poll now' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Poll 1 platform', exact: true }).click();
  await dialog.getByRole('heading', { name: 'Poll of 1 platform finished' }).waitFor({ timeout: 120_000 });
  const result = dialog.getByRole('list', { name: 'Poll results' }).getByRole('listitem');
  for (let i = 0; i < 50 && ((await result.textContent()) ?? '').endsWith('Not reached'); i++) await page.waitForTimeout(100);
  const line = (await result.textContent()) ?? '';
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('region', { name: 'Selected platforms' }).getByRole('button', { name: 'Clear selection' }).click();
  return line;
}
