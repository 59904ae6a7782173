import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { CHROMIUM, CHROMIUM_ARGS } from '../../e2e/support/browser';
import { stopChild } from '../../e2e/support/webMode';
import { PROBE_SCRIPT } from './pageProbes';

type Cdp = (method: string, params?: object) => Promise<Record<string, unknown>>;

async function connect(url: string): Promise<{ send: Cdp; close(): void }> {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let nextId = 0;
  const waiting = new Map<number, (result: Record<string, unknown>) => void>();
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as { id?: number; result?: Record<string, unknown> };
    if (message.id !== undefined) waiting.get(message.id)?.(message.result ?? {});
  });
  const send: Cdp = (method, params = {}) =>
    new Promise((resolve) => {
      const id = ++nextId;
      waiting.set(id, resolve);
      socket.send(JSON.stringify({ id, method, params }));
    });
  return { send, close: () => socket.close() };
}

/**
 * Time from navigation to the first platform row with its status, as a partner's browser sees it: Chromium is driven over
 * a bare DevTools connection with only the Page and Runtime domains, so no tool copies the WebSocket's frames (Playwright's
 * network capture does, and adds about a second with 5 MB of answers). One fresh browser profile per load.
 */
export async function undisturbedInitialRender(url: string, timeoutMs = 60_000): Promise<number> {
  const profile = await mkdtemp(join(tmpdir(), 'apc-bench-chromium-'));
  const child = spawn(CHROMIUM, [...CHROMIUM_ARGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, '--window-size=1440,900', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let devtools: { send: Cdp; close(): void } | undefined;
  try {
    const browserUrl = await new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`Chromium did not open its DevTools port:\n${text}`)), 30_000);
      child.stderr.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const match = /DevTools listening on (ws:\/\/\S+)/.exec(text);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    const port = new URL(browserUrl).port;
    let page: { type: string; webSocketDebuggerUrl: string } | undefined;
    for (let i = 0; i < 50 && !page; i++) {
      const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{ type: string; webSocketDebuggerUrl: string }>;
      page = targets.find((t) => t.type === 'page');
      if (!page) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (!page) throw new Error('Chromium opened no page.');
    devtools = await connect(page.webSocketDebuggerUrl);
    await devtools.send('Emulation.setDeviceMetricsOverride', { width: 1440, height: 900, deviceScaleFactor: 1, mobile: false });
    await devtools.send('Page.enable');
    await devtools.send('Page.addScriptToEvaluateOnNewDocument', { source: PROBE_SCRIPT });
    await devtools.send('Page.navigate', { url });
    const until = Date.now() + timeoutMs;
    for (;;) {
      const answer = (await devtools.send('Runtime.evaluate', { expression: 'window.fleetBench ? window.fleetBench.firstRowAt : null', returnByValue: true })) as { result?: { value?: number | null } };
      const at = answer.result?.value;
      if (typeof at === 'number') return at;
      if (Date.now() > until) throw new Error('The first platform row did not show in time.');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    devtools?.close();
    await stopChild(child);
    // Chromium's helper processes may still write its cache for a moment after it exits.
    await rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}
