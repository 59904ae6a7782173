import { builtinModules } from 'node:module';
import type { UserConfig } from 'vite';

/** Vite settings for code that runs in Electron's main or preload process (CommonJS, Node built-ins external). */
export function electronProcessConfig(entry: string, fileName: string): UserConfig {
  return {
    build: {
      outDir: '.vite/build',
      emptyOutDir: false,
      sourcemap: true,
      minify: false,
      target: 'node22',
      lib: { entry, formats: ['cjs'], fileName: () => fileName },
      rollupOptions: {
        external: ['electron', /^electron\//, 'bufferutil', 'utf-8-validate', ...builtinModules, ...builtinModules.map((name) => `node:${name}`)],
      },
    },
  };
}
