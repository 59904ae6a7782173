import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { startWebMode } from './support/webMode';
import type { RunningWebMode } from './support/webMode';

let web: RunningWebMode;
let browser: Browser;

beforeAll(async () => {
  web = await startWebMode();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
});

/** Sends raw frames over the page's own authenticated WebSocket and returns the answers. */
function exchange(page: Page, frames: string[]): Promise<unknown[]> {
  return page.evaluate(
    (sent) =>
      new Promise<unknown[]>((resolve, reject) => {
        const socket = new WebSocket(`ws://${location.host}/api`);
        const answers: unknown[] = [];
        socket.onerror = () => reject(new Error('WebSocket refused'));
        socket.onopen = () => sent.forEach((frame) => socket.send(frame));
        socket.onmessage = (event) => {
          answers.push(JSON.parse(String(event.data)));
          if (answers.length === sent.length) {
            socket.close();
            resolve(answers);
          }
        };
      }),
    frames,
  );
}

describe('web mode access control', () => {
  it('refuses the page without the token', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${web.origin}/`);
    expect(response?.status()).toBe(401);
    expect(await page.textContent('body')).toContain('Missing or wrong access token');
    const wrong = await page.goto(`${web.origin}/?token=not-the-token`);
    expect(wrong?.status()).toBe(401);
    await page.close();
  });

  it('refuses a WebSocket from a page that does not have the token', async () => {
    const page = await browser.newPage();
    await page.goto(`${web.origin}/`);
    const outcome = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const socket = new WebSocket(`ws://${location.host}/api`);
          socket.onopen = () => resolve('open');
          socket.onerror = () => resolve('refused');
        }),
    );
    expect(outcome).toBe('refused');
    await page.close();
  });

  it('answers invalid contract messages with typed errors', async () => {
    const page = await browser.newPage();
    await page.goto(web.url);
    await page.getByText('No App Platforms yet').waitFor();
    const answers = await exchange(page, [
      JSON.stringify({ id: 1, method: 'app.info', params: { verbose: true } }),
      JSON.stringify({ id: 2, method: 'fleet.destroy', params: {} }),
      JSON.stringify({ id: 3, method: 'settings.update', params: { theme: 'purple' } }),
      JSON.stringify({ id: 4, params: {} }),
      'not json at all',
      JSON.stringify({ id: 5, method: 'app.info', params: {} }),
    ]);
    const byId = new Map(answers.map((answer) => [(answer as { id: unknown }).id, answer]));
    expect(byId.get(1)).toMatchObject({ ok: false, error: { code: 'invalid_params', field: 'params' } });
    expect(byId.get(2)).toMatchObject({ ok: false, error: { code: 'unknown_method', field: 'method' } });
    expect(byId.get(3)).toMatchObject({ ok: false, error: { code: 'invalid_params', field: 'params.theme' } });
    expect(byId.get(4)).toMatchObject({ ok: false, error: { code: 'bad_message', field: 'message.method' } });
    expect(answers).toContainEqual({ id: null, ok: false, error: { code: 'bad_message', message: 'The frame is not valid JSON.' } });
    expect(byId.get(5)).toMatchObject({ ok: true, result: { mode: 'web', dataDir: web.dataDir } });
    await page.close();
  });
});
