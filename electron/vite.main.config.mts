import { defineConfig } from 'vite';
import { electronProcessConfig } from './vite.shared';

export default defineConfig(electronProcessConfig('electron/main.ts', 'main.js'));
