import type { ForgeConfig } from '@electron-forge/shared-types';
import { VitePlugin } from '@electron-forge/plugin-vite';

// Forge runs and packages the app during development; installers are made by electron-builder (package.json "build").
const config: ForgeConfig = {
  packagerConfig: {
    name: 'AP Console',
    executableName: 'ap-console',
    asar: true,
    icon: 'resources/icon',
  },
  rebuildConfig: {},
  makers: [],
  plugins: [
    new VitePlugin({
      build: [
        { entry: 'electron/main.ts', config: 'electron/vite.main.config.mts', target: 'main' },
        { entry: 'electron/preload.ts', config: 'electron/vite.preload.config.mts', target: 'preload' },
      ],
      renderer: [{ name: 'main_window', config: 'renderer/vite.config.mts' }],
    }),
  ],
};

export default config;
