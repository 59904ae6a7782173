import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import type { Configuration } from 'app-builder-lib';

async function builderConfig(): Promise<Configuration> {
  const packageJson = JSON.parse(await readFile(join(__dirname, '../../package.json'), 'utf8')) as { build: Configuration };
  return packageJson.build;
}

describe('electron-builder configuration (package.json "build")', () => {
  it('passes electron-builder\'s own schema', async () => {
    await expect(validateConfiguration(await builderConfig(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('makes the installers the console ships', async () => {
    const config = await builderConfig();
    expect(config.win?.target).toEqual(['nsis', 'portable']);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
  });

  it('packs the built app only, with the hardening fuses set', async () => {
    const config = await builderConfig();
    expect(config.files).toEqual(expect.arrayContaining(['.vite/build/**', '.vite/renderer/**']));
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeCliInspectArguments: false, onlyLoadAppFromAsar: true });
  });

  it('is refused by the schema when it is wrong, so the check above can fail', async () => {
    const broken = { ...(await builderConfig()), linux: { target: ['AppImage'], notAnOption: true } } as unknown as Configuration;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/Invalid configuration object/);
  });
});
