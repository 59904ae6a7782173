import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy } from '../electron/core/security/contentSecurityPolicy';

const rendererRoot = fileURLToPath(new URL('.', import.meta.url));

/** The built page carries its CSP too, so it holds wherever the files are served from. */
function cspMetaTag(): Plugin {
  return {
    name: 'ap-console-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy() }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react(), cspMetaTag()],
  build: {
    outDir: fileURLToPath(new URL('../.vite/renderer/main_window', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
});
