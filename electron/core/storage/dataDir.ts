import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER = 'AP Console';

/** Where the console keeps its data when Electron does not say (web mode, headless tools). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.AP_CONSOLE_DATA_DIR) return env.AP_CONSOLE_DATA_DIR;
  // Empty variables count as unset, as the XDG base directory spec says.
  const home = env.HOME || env.USERPROFILE || homedir();
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_FOLDER);
}
