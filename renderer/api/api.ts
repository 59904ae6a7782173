import { events } from '../../electron/core/contract';
import type { EventName } from '../../electron/core/contract';
import { createApiClient } from './apiClient';
import type { ApiClient } from './apiClient';
import { createIpcTransport } from './ipcTransport';
import { createWebSocketTransport } from './webSocketTransport';

function pickTransport() {
  if (window.apConsole) return createIpcTransport(window.apConsole, Object.keys(events) as EventName[]);
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return createWebSocketTransport(`${scheme}://${window.location.host}/api`);
}

/** The page's one client, on Electron IPC inside the desktop app and on WebSocket in web mode. */
export const api: ApiClient = createApiClient(pickTransport());
