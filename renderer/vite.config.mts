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

/** The screens' code is imported once the first reads have left; preloading it with the page means that wait costs no download. */
function preloadScreens(): Plugin {
  return {
    name: 'ap-console-preload-screens',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle, chunk: entry }) {
        const chunks = Object.values(bundle ?? {}).filter((output) => output.type === 'chunk');
        const app = chunks.find((c) => c.facadeModuleId?.endsWith('/renderer/App.tsx'));
        const files = new Set<string>();
        const visit = (fileName: string) => {
          if (files.has(fileName) || fileName === entry?.fileName) return;
          files.add(fileName);
          chunks.find((c) => c.fileName === fileName)?.imports.forEach(visit);
        };
        if (app) visit(app.fileName);
        return [...files].map((fileName) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${fileName}` }, injectTo: 'head' as const }));
      },
    },
  };
}

export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react(), cspMetaTag(), preloadScreens()],
  build: {
    outDir: fileURLToPath(new URL('../.vite/renderer/main_window', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    // Electron's Chromium and every browser the web mode serves know modulepreload.
    modulePreload: { polyfill: false },
  },
});
