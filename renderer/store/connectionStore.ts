import { create } from 'zustand';
import type { ConnectionState } from '../api/transport';
import { api } from '../api/api';

export const useConnection = create<{ state: ConnectionState }>((set) => {
  api.onConnection((state) => set({ state }));
  return { state: 'connecting' };
});
