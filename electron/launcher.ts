import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const NO_ELECTRON = `Electron is not installed on this machine, so AP Console starts in web mode instead.
The Electron runtime is not part of the npm package: it is downloaded from Electron's release
servers, which this machine cannot reach, so "npm ci" leaves it out on purpose. To run the desktop
app, run "node node_modules/electron/install.js" on a machine with internet access (or set
ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron release), or install a packaged build made
with "npm run dist". Web mode below serves the same console to a browser on this machine.`;

/** The Electron executable when it is really there, else null. */
export function installedElectron(): string | null {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
    const pathFile = join(dir, 'path.txt');
    const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : override ? 'electron' : null;
    if (relative === null) return null;
    const executable = override ? join(override, relative) : join(dir, 'dist', relative);
    return existsSync(executable) ? executable : null;
  } catch {
    return null;
  }
}

function run(command: string, args: string[]): void {
  const child = spawn(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
}

function npm(args: string[]): void {
  const npmCli = process.env.npm_execpath;
  if (npmCli) run(process.execPath, [npmCli, ...args]);
  else run('npm', args);
}

if (require.main === module) {
  const passThrough = process.argv.slice(2);
  if (installedElectron()) {
    npm(['run', 'dev:electron', '--', ...passThrough]);
  } else {
    console.log(`${NO_ELECTRON}\n`);
    npm(['run', 'web', '--', ...passThrough]);
  }
}
