import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlatformSpec } from './labSpec';
import { run } from './run';

const REPO_ROOT = join(__dirname, '..', '..');
const TSX_LOADER = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');
const MANAGER_MAIN = join(__dirname, 'manager', 'managerMain.ts');

/** /apps/manager/manager (the lab's manager program), /apps/webserver/webserver, the default certificate and the ramdisk log. */
export async function writeManagerFiles(dir: string, spec: PlatformSpec, address: string, reserveBytes: number | null = null): Promise<void> {
  const apps = join(dir, 'apps');
  await run('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '825', '-subj', `/CN=${address}`,
    '-addext', `subjectAltName=IP:${address},DNS:${spec.name}`,
    '-keyout', join(apps, 'webserver', 'default-key.pem'), '-out', join(apps, 'webserver', 'default-cert.pem'),
  ]);
  await writeFile(
    join(apps, 'manager', 'lab-manager.json'),
    JSON.stringify({ password: spec.managerPassword, defaultCert: '/apps/webserver/default-cert.pem', defaultKey: '/apps/webserver/default-key.pem', ramdiskLogUrl: spec.era !== '13r1', reserveBytes }),
    { mode: 0o600 },
  );
  const programs: Array<[string, string]> = [
    // Both run under their AP paths, as on an AP, so the process list shows what a real platform shows.
    [join(apps, 'manager', 'manager'), `#!/bin/bash\nexec -a /apps/manager/manager ${process.execPath} --import ${TSX_LOADER} ${MANAGER_MAIN} "$@"\n`],
    // The lab's manager serves HTTPS itself; its webserver is a process that holds no port.
    [join(apps, 'webserver', 'webserver'), '#!/bin/bash\nexec -a /apps/webserver/webserver sleep "${1:-infinity}"\n'],
  ];
  for (const [path, text] of programs) {
    await writeFile(path, text);
    await chmod(path, 0o755);
  }
  await writeFile(join(apps, 'install_step1.log'), `install step 1: image ${spec.build}\npartition /dev/sda2 ok\ninstall step 1 done\n`);
}
