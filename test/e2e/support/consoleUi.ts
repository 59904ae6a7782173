import type { Locator, Page } from 'playwright-core';

export const MASTER_PASSWORD = 'E2e-Master-4711';

export const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

export async function openView(page: Page, title: 'Fleet' | 'Alarms' | 'Wizards' | 'Logs' | 'Settings'): Promise<void> {
  await mainNav(page).getByRole('button', { name: title }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

export const fleetGrid = (page: Page) => page.getByRole('grid', { name: 'Fleet: App Platforms grouped by site' });

/** The Fleet table's row of a platform: found by its name, which the row shows first. */
export const fleetRow = (page: Page, name: string): Locator =>
  fleetGrid(page).getByRole('row').filter({ has: page.getByText(name, { exact: true }) });

/** Sets up the vault with a master password and imports the lab's fleet file with its passwords, as a partner would in Settings. */
export async function setUpVaultAndImport(page: Page, fleetFile: string): Promise<{ summary: string }> {
  await openView(page, 'Settings');
  const vaultForm = page.getByRole('form', { name: 'Set up the vault' });
  await vaultForm.getByLabel('Master password', { exact: true }).fill(MASTER_PASSWORD);
  await vaultForm.getByLabel('Repeat the master password').fill(MASTER_PASSWORD);
  await vaultForm.getByRole('button', { name: 'Set up the vault' }).click();
  await page.getByTestId('vault-status').filter({ hasText: /unlocked/i }).waitFor();
  await page.getByRole('group', { name: 'Import from' }).getByRole('button', { name: 'Lab fleet file' }).click();
  await page.getByLabel('Lab fleet file').fill(fleetFile);
  await page.getByLabel("Store the lab's passwords in the vault").check();
  await page.getByRole('button', { name: 'Preview import' }).click();
  const summary = (await page.getByLabel('Import summary').textContent({ timeout: 30_000 })) ?? '';
  await page.getByRole('button', { name: /^Apply: add/ }).click();
  await page.getByRole('button', { name: 'Preview import' }).waitFor();
  return { summary };
}

/** Selects every platform in the Fleet table, polls them in one confirmed action and returns each result line. */
export async function pollAllFromFleet(page: Page, count: number): Promise<string[]> {
  await openView(page, 'Fleet');
  await fleetGrid(page).getByRole('checkbox', { name: /select all/i }).check();
  await page.getByRole('region', { name: 'Selected platforms' }).getByRole('button', { name: 'Poll now' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('list', { name: 'Platforms to poll' }).waitFor();
  await dialog.getByRole('button', { name: `Poll ${count} platforms` }).click();
  await dialog.getByRole('heading', { name: `Poll of ${count} platforms finished` }).waitFor({ timeout: 120_000 });
  const results = dialog.getByRole('list', { name: 'Poll results' }).getByRole('listitem');
  // A platform not reached gets its reason with the status update that follows the poll's answer.
  for (let i = 0; i < 50 && (await results.allTextContents()).some((line) => line.endsWith('Not reached')); i++) await page.waitForTimeout(100);
  const lines = await results.allTextContents();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('region', { name: 'Selected platforms' }).getByRole('button', { name: 'Clear selection' }).click();
  return lines;
}

/** Opens a platform from the Fleet table, on one of its tabs. */
export async function openPlatform(page: Page, name: string, tab = 'Overview'): Promise<void> {
  await openView(page, 'Fleet');
  await fleetRow(page, name).getByText(name, { exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await openTab(page, tab);
}

export async function openTab(page: Page, tab: string): Promise<void> {
  await page.getByRole('tablist').getByRole('tab', { name: tab }).click();
}

/** "Poll now" on the open platform; waits for its outcome and returns it. */
export async function pollOpenPlatform(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Poll now' }).click();
  const outcome = page.getByRole('alert').filter({ hasText: /^Polled / });
  await outcome.waitFor({ timeout: 90_000 });
  const text = (await outcome.textContent()) ?? '';
  await outcome.getByRole('button', { name: 'Close' }).click();
  await outcome.waitFor({ state: 'hidden' });
  return text;
}

/** Polls the open platform until `check` holds (a platform takes a few seconds to notice some faults). */
export async function pollUntil(page: Page, check: () => Promise<boolean>, what: string, tries = 20): Promise<void> {
  for (let i = 0; i < tries; i++) {
    await pollOpenPlatform(page);
    if (await check()) return;
    await page.waitForTimeout(2_000);
  }
  throw new Error(`${what} did not show after ${tries} polls`);
}

/** What the terminal's screen shows, as text. */
export async function terminalText(page: Page): Promise<string> {
  return page.locator('.xterm-rows').innerText();
}
