import { app, BrowserWindow, ipcMain, Menu, nativeTheme, net, protocol, safeStorage, session, shell } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Settings } from './core/contract';
import { createEngine } from './core/engine';
import { consoleLog } from './core/engineLog';
import { contentSecurityPolicy } from './core/security/contentSecurityPolicy';
import { isTrustedRendererUrl } from './core/security/trustedSender';
import { resolveStaticPath } from './core/server/staticFiles';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, EVENT_CHANNEL, INVOKE_CHANNEL } from './ipcChannels';

declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;
declare const MAIN_WINDOW_VITE_NAME: string;

const devServerUrl = typeof MAIN_WINDOW_VITE_DEV_SERVER_URL === 'string' ? MAIN_WINDOW_VITE_DEV_SERVER_URL : undefined;
const rendererDir = join(__dirname, '..', 'renderer', typeof MAIN_WINDOW_VITE_NAME === 'string' ? MAIN_WINDOW_VITE_NAME : 'main_window');

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) app.quit();

const engine = createEngine({
  mode: 'electron',
  dataDir: app.getPath('userData'),
  host: { electron: process.versions.electron ?? null, chrome: process.versions.chrome ?? null },
  log: consoleLog('main'),
  keychain: safeStorage,
  pollOnSchedule: true,
});

function applyTheme(payload: unknown): void {
  const settings = Settings.safeParse(payload);
  if (settings.success) nativeTheme.themeSource = settings.data.theme;
}

function serveRenderer(): void {
  const csp = contentSecurityPolicy();
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const path = url.host === APP_HOST ? resolveStaticPath(rendererDir, url.pathname) : null;
    if (!path) return new Response('Not found.', { status: 404 });
    const file = await net.fetch(pathToFileURL(path).toString());
    const headers = new Headers(file.headers);
    headers.set('Content-Security-Policy', csp);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(file.body, { status: file.status, headers });
  });
  if (devServerUrl) {
    const devCsp = contentSecurityPolicy({ connect: [new URL(devServerUrl).origin.replace(/^http/, 'ws')], inlineScripts: true });
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [devCsp] } });
    });
  }
}

function lockDownContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedRendererUrl(url, APP_ORIGIN, devServerUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      engine
        .linkAllowed(url)
        .then(async (allowed) => {
          if (allowed) await shell.openExternal(url);
        })
        .catch(() => undefined);
      return { action: 'deny' };
    });
  });
}

function wireContract(): void {
  ipcMain.handle(INVOKE_CHANNEL, (event, message: unknown) => {
    const frameUrl = event.senderFrame?.url ?? '';
    if (!isTrustedRendererUrl(frameUrl, APP_ORIGIN, devServerUrl)) {
      return { id: null, ok: false, error: { code: 'bad_message', message: 'Requests are accepted from the console window only.' } };
    }
    return engine.dispatch(message);
  });
  engine.subscribe((message) => {
    if (message.event === 'settings.changed') applyTheme(message.payload);
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(EVENT_CHANNEL, message);
  });
}

function buildMenu(): void {
  const view: MenuItemConstructorOptions[] = [{ role: 'reload' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }];
  if (!app.isPackaged) view.push({ role: 'toggleDevTools' });
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'AP Console',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#121212' : '#f5f7fa',
    webPreferences: {
      preload: join(__dirname, 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
}

app.on('second-instance', () => {
  const [window] = BrowserWindow.getAllWindows();
  if (window) {
    if (window.isMinimized()) window.restore();
    window.focus();
  }
});
let closing = false;
app.on('before-quit', (event) => {
  if (closing) return;
  closing = true;
  event.preventDefault();
  void engine.close().finally(() => app.quit());
});
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('activate', () => {
  if (BrowserWindow.getAllWindows().length === 0) createWindow();
});

void app.whenReady().then(async () => {
  lockDownContents();
  serveRenderer();
  wireContract();
  buildMenu();
  const settings = await engine.dispatch({ id: 0, method: 'settings.get' });
  if (settings.ok) applyTheme(settings.result);
  createWindow();
});
