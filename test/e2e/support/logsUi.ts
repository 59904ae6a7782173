import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

/** The sha256 of a file on this computer. */
export async function localSha256(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

/** The local path a job shows, read from its copy button's label. */
export async function jobLocalPath(item: Locator): Promise<string> {
  const label = (await item.getByRole('button', { name: /^Copy the path / }).first().getAttribute('aria-label')) ?? '';
  return label.replace(/^Copy the path /, '');
}

/** Waits until a job item is Done, and fails with its message when it failed or was cancelled. */
export async function waitForJobDone(item: Locator, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = (await item.getByTestId('job-state').textContent()) ?? '';
    const text = (await item.textContent()) ?? '';
    if (state === 'Done') return;
    if (state === 'Failed' || state === 'Cancelled') throw new Error(`the job ended: ${text}`);
    if (Date.now() > deadline) throw new Error(`the job did not finish in ${timeoutMs} ms: ${text}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Serious and critical axe findings on the page as it is, one line each. */
export async function seriousAxeFindings(page: Page, screen: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${screen}: ${v.id} (${v.impact}) ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
}
