import type { AppInfo, RunMode } from '../contract';
import packageJson from '../../../package.json';

export interface HostVersions {
  electron: string | null;
  chrome: string | null;
}

export function appInfo(mode: RunMode, dataDir: string, host: HostVersions): AppInfo {
  return {
    name: packageJson.productName,
    version: packageJson.version,
    mode,
    versions: { node: process.versions.node, v8: process.versions.v8, electron: host.electron, chrome: host.chrome },
    platform: process.platform,
    arch: process.arch,
    dataDir,
  };
}
