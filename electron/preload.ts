import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipcChannels';

let nextId = 1;

contextBridge.exposeInMainWorld('apConsole', {
  invoke: (method: string, params: unknown): Promise<unknown> => ipcRenderer.invoke(INVOKE_CHANNEL, { id: nextId++, method, params }),
  subscribe: (event: string, callback: (payload: unknown) => void): (() => void) => {
    const listener = (_sender: IpcRendererEvent, message: { event: string; payload: unknown }) => {
      if (message.event === event) callback(message.payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, listener);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, listener);
  },
});
