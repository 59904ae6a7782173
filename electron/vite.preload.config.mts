import { defineConfig } from 'vite';
import { electronProcessConfig } from './vite.shared';

export default defineConfig(electronProcessConfig('electron/preload.ts', 'preload.js'));
