import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Settings } from '../../electron/core/contract';
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import { contentSecurityPolicy } from '../../electron/core/security/contentSecurityPolicy';

type Listener = (...args: unknown[]) => void;
type InvokeHandler = (event: { senderFrame?: { url: string } | null }, message: unknown) => unknown;
type ProtocolHandler = (request: Request) => Promise<Response>;
type HeadersHook = (details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders?: Record<string, string[]> }) => void) => void;
type WindowOpenHandler = (details: { url: string }) => { action: string };

const fake = vi.hoisted(() => {
  const state = {
    userData: '',
    lock: true,
    quitCalls: 0,
    resolveReady: (() => undefined) as () => void,
    ready: Promise.resolve(),
    appListeners: new Map<string, Listener[]>(),
    windows: [] as FakeBrowserWindow[],
    ipcHandlers: new Map<string, InvokeHandler>(),
    schemes: [] as unknown[],
    protocolHandlers: new Map<string, ProtocolHandler>(),
    headerHooks: [] as HeadersHook[],
    templates: [] as MenuItemConstructorOptions[][],
    applicationMenus: [] as unknown[],
    fetched: [] as string[],
    opened: [] as string[],
  };

  const nativeTheme = { themeSource: 'system' as string, shouldUseDarkColors: false };

  class FakeBrowserWindow {
    static getAllWindows(): FakeBrowserWindow[] {
      return [...state.windows];
    }

    readonly sent: unknown[][] = [];
    readonly webContents = { send: (...args: unknown[]) => this.sent.push(args) };
    readonly loaded: string[] = [];
    readonly once = vi.fn((_event: string, _listener: () => void) => this);
    readonly show = vi.fn();
    readonly focus = vi.fn();
    readonly restore = vi.fn();
    minimized = false;

    constructor(readonly options: BrowserWindowConstructorOptions) {
      state.windows.push(this);
    }

    isMinimized(): boolean {
      return this.minimized;
    }

    loadURL(url: string): Promise<void> {
      this.loaded.push(url);
      return Promise.resolve();
    }
  }

  const electron = {
    app: {
      isPackaged: false,
      getPath: (name: string) => {
        if (name !== 'userData') throw new Error(`unexpected getPath(${name})`);
        return state.userData;
      },
      requestSingleInstanceLock: () => state.lock,
      quit: () => {
        state.quitCalls += 1;
      },
      on: (event: string, listener: Listener) => {
        state.appListeners.set(event, [...(state.appListeners.get(event) ?? []), listener]);
      },
      whenReady: () => state.ready,
    },
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle: (channel: string, handler: InvokeHandler) => {
        state.ipcHandlers.set(channel, handler);
      },
    },
    Menu: {
      buildFromTemplate: (template: MenuItemConstructorOptions[]) => {
        state.templates.push(template);
        return { template };
      },
      setApplicationMenu: (menu: unknown) => {
        state.applicationMenus.push(menu);
      },
    },
    nativeTheme,
    safeStorage: { isEncryptionAvailable: () => false, encryptString: () => Buffer.alloc(0), decryptString: () => '' },
    net: {
      fetch: async (url: string) => {
        state.fetched.push(url);
        return new Response('<!doctype html><title>AP Console</title>', { status: 200, headers: { 'Content-Type': 'text/html' } });
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        state.schemes.push(...schemes);
      },
      handle: (scheme: string, handler: ProtocolHandler) => {
        state.protocolHandlers.set(scheme, handler);
      },
    },
    session: {
      defaultSession: {
        webRequest: {
          onHeadersReceived: (hook: HeadersHook) => {
            state.headerHooks.push(hook);
          },
        },
      },
    },
    shell: {
      openExternal: async (url: string) => {
        state.opened.push(url);
      },
    },
  };

  return { state, nativeTheme, electron };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

const { state } = fake;
const rendererDir = fileURLToPath(new URL('../../renderer/main_window/', import.meta.url));
const devGlobal = globalThis as unknown as Record<string, unknown>;

class FakeContents {
  readonly listeners = new Map<string, Listener>();
  openHandler: WindowOpenHandler | undefined;

  on(event: string, listener: Listener): this {
    this.listeners.set(event, listener);
    return this;
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.openHandler = handler;
  }
}

function preventable() {
  return { preventDefault: vi.fn() };
}

function appListener(event: string): Listener {
  const listener = state.appListeners.get(event)?.[0];
  if (!listener) throw new Error(`no app listener for ${event}`);
  return listener;
}

function invokeHandler(): InvokeHandler {
  const handler = state.ipcHandlers.get('apc:invoke');
  if (!handler) throw new Error('no invoke handler');
  return handler;
}

function protocolHandler(): ProtocolHandler {
  const handler = state.protocolHandlers.get('app');
  if (!handler) throw new Error('no app protocol handler');
  return handler;
}

async function startMain(): Promise<void> {
  await import('../../electron/main');
  state.resolveReady();
  await vi.waitFor(() => expect(state.windows).toHaveLength(1));
}

beforeEach(async () => {
  vi.resetModules();
  state.userData = await mkdtemp(join(tmpdir(), 'apc-main-'));
  state.lock = true;
  state.quitCalls = 0;
  state.ready = new Promise<void>((resolve) => {
    state.resolveReady = resolve;
  });
  state.appListeners.clear();
  state.windows.length = 0;
  state.ipcHandlers.clear();
  state.schemes.length = 0;
  state.protocolHandlers.clear();
  state.headerHooks.length = 0;
  state.templates.length = 0;
  state.applicationMenus.length = 0;
  state.fetched.length = 0;
  state.opened.length = 0;
  fake.nativeTheme.themeSource = 'system';
});

afterEach(async () => {
  delete devGlobal.MAIN_WINDOW_VITE_DEV_SERVER_URL;
  await rm(state.userData, { recursive: true, force: true });
});

describe('electron main process', () => {
  it('registers app:// as a standard, secure scheme before the app is ready', async () => {
    await import('../../electron/main');
    expect(state.schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(state.windows).toHaveLength(0);
  });

  it('quits when another instance holds the lock', async () => {
    state.lock = false;
    await import('../../electron/main');
    expect(state.quitCalls).toBe(1);
  });

  it('opens a locked-down window on the packaged app origin', async () => {
    await startMain();
    const [window] = state.windows;
    const preferences = window?.options.webPreferences;
    expect(preferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, allowRunningInsecureContent: false });
    expect(isAbsolute(preferences?.preload ?? '')).toBe(true);
    expect(preferences?.preload?.endsWith(`${sep}preload.js`)).toBe(true);
    expect(window?.loaded).toEqual(['app://console/index.html']);
    expect(window?.options.show).toBe(false);
    expect(window?.once).toHaveBeenCalledWith('ready-to-show', expect.any(Function));
    expect(state.headerHooks).toEqual([]);
  });

  it('builds the application menu with developer tools while unpackaged', async () => {
    await startMain();
    expect(state.applicationMenus).toHaveLength(1);
    const view = state.templates[0]?.find((item) => item.label === 'View');
    expect(view?.submenu).toEqual(expect.arrayContaining([{ role: 'reload' }, { role: 'toggleDevTools' }]));
  });

  it('applies the saved theme at start', async () => {
    await writeFile(join(state.userData, 'settings.json'), JSON.stringify({ theme: 'dark' }));
    await startMain();
    expect(fake.nativeTheme.themeSource).toBe('dark');
  });

  it('answers requests from the console window', async () => {
    await startMain();
    const response = await invokeHandler()({ senderFrame: { url: 'app://console/index.html' } }, { id: 1, method: 'app.info' });
    expect(response).toMatchObject({ id: 1, ok: true, result: { mode: 'electron', dataDir: state.userData } });
  });

  it('refuses requests from any other frame', async () => {
    await startMain();
    for (const event of [{ senderFrame: { url: 'https://evil.example/' } }, { senderFrame: null }, {}]) {
      const response = await invokeHandler()(event, { id: 1, method: 'app.info' });
      expect(response).toMatchObject({ id: null, ok: false, error: { code: 'bad_message' } });
    }
    const update = await invokeHandler()({ senderFrame: { url: 'https://evil.example/' } }, { id: 2, method: 'settings.update', params: { theme: 'dark' } });
    expect(update).toMatchObject({ ok: false, error: { code: 'bad_message' } });
    await expect(readFile(join(state.userData, 'settings.json'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('denies new windows and opens only allowlisted https links externally', async () => {
    await startMain();
    const contents = new FakeContents();
    appListener('web-contents-created')({}, contents);
    const open = contents.openHandler;
    expect(open).toBeDefined();
    expect(open?.({ url: 'https://wiki.innovaphone.com/index.php' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'http://wiki.innovaphone.com/' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    // The engine decides asynchronously (the inventory's platforms may be opened too).
    await vi.waitFor(() => expect(state.opened).toEqual(['https://wiki.innovaphone.com/index.php']));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(state.opened).toEqual(['https://wiki.innovaphone.com/index.php']);
  });

  it('prevents navigation away from the console and webview attachment', async () => {
    await startMain();
    const contents = new FakeContents();
    appListener('web-contents-created')({}, contents);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'https://wiki.innovaphone.com/']) {
      const event = preventable();
      contents.listeners.get('will-navigate')?.(event, url);
      expect(event.preventDefault, url).toHaveBeenCalled();
    }
    const webview = preventable();
    contents.listeners.get('will-attach-webview')?.(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('lets the console navigate within its own origin', async () => {
    await startMain();
    const contents = new FakeContents();
    appListener('web-contents-created')({}, contents);
    const event = preventable();
    contents.listeners.get('will-navigate')?.(event, 'app://console/index.html');
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('serves renderer files with a Content-Security-Policy', async () => {
    await startMain();
    const response = await protocolHandler()(new Request('app://console/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy());
    expect(response.headers.get('Content-Security-Policy')).not.toContain('unsafe-eval');
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('Content-Type')).toBe('text/html');
    expect(await response.text()).toContain('AP Console');
    expect(state.fetched).toEqual([pathToFileURL(join(rendererDir, 'index.html')).href]);
  });

  it('answers 404 for path traversal and other hosts without reading a file', async () => {
    await startMain();
    for (const url of ['app://console/..%2f..%2fetc%2fpasswd', 'app://console/%2e%2e%2f%2e%2e%2fpackage.json', 'app://console/index.html%00', 'app://evil/index.html']) {
      const response = await protocolHandler()(new Request(url));
      expect(response.status, url).toBe(404);
    }
    expect(state.fetched).toEqual([]);
  });

  it('quits when the last window closes on Linux and refocuses on a second instance', async () => {
    await startMain();
    appListener('window-all-closed')();
    expect(state.quitCalls).toBe(process.platform === 'darwin' ? 0 : 1);
    const [window] = state.windows;
    if (!window) throw new Error('no window');
    window.minimized = true;
    appListener('second-instance')();
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });
});

describe('electron main process with the dev server', () => {
  const devServer = 'http://localhost:5173/';

  beforeEach(() => {
    devGlobal.MAIN_WINDOW_VITE_DEV_SERVER_URL = devServer;
  });

  it('loads the dev server and answers its frames', async () => {
    await startMain();
    expect(state.windows[0]?.loaded).toEqual([devServer]);
    const response = await invokeHandler()({ senderFrame: { url: `${devServer}index.html` } }, { id: 3, method: 'app.info' });
    expect(response).toMatchObject({ id: 3, ok: true, result: { mode: 'electron', dataDir: state.userData } });
    const foreign = await invokeHandler()({ senderFrame: { url: 'http://localhost:5174/' } }, { id: 4, method: 'app.info' });
    expect(foreign).toMatchObject({ id: null, ok: false, error: { code: 'bad_message' } });
  });

  it('applies and broadcasts a settings change', async () => {
    await startMain();
    const response = await invokeHandler()({ senderFrame: { url: devServer } }, { id: 5, method: 'settings.update', params: { theme: 'light' } });
    const light = Settings.parse({ theme: 'light' });
    expect(response).toEqual({ id: 5, ok: true, result: light });
    expect(fake.nativeTheme.themeSource).toBe('light');
    expect(state.windows[0]?.sent).toEqual([['apc:event', { event: 'settings.changed', payload: light }]]);
    expect(JSON.parse(await readFile(join(state.userData, 'settings.json'), 'utf8'))).toEqual(light);
  });

  it('replaces the dev server CSP with one that allows its HMR socket and inline scripts, never eval', async () => {
    await startMain();
    expect(state.headerHooks).toHaveLength(1);
    const hook = state.headerHooks[0];
    let answered: Record<string, string[]> | undefined;
    hook?.({ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': ['default-src *'] } }, (response) => {
      answered = response.responseHeaders;
    });
    expect(answered?.['Content-Type']).toEqual(['text/html']);
    const policy = answered?.['Content-Security-Policy'];
    expect(policy).toHaveLength(1);
    expect(policy?.[0]).toBe(contentSecurityPolicy({ connect: ['ws://localhost:5173'], inlineScripts: true }));
    expect(policy?.[0]).not.toContain('unsafe-eval');
  });
});
