import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statfsSync } from 'node:fs';
import { z } from 'zod';
import { startManager } from './managerServer';

const LabManagerConfig = z.object({ password: z.string(), defaultCert: z.string(), defaultKey: z.string(), ramdiskLogUrl: z.boolean(), reserveBytes: z.number().nullable().optional() });

/** A PEM chain with its key, as uploaded to the AP Manager: certificates first, the private key last. */
function splitPem(pem: string): { cert: string; key: string } | null {
  const key = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(pem)?.[0];
  const certs = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  return key && certs ? { cert: certs.join('\n'), key } : null;
}

function uploadedCertificate(): { cert: string; key: string } | null {
  const value = execFileSync('psql', ['-X', '-At', '-d', 'manager', '-c', "SELECT value FROM config WHERE name = 'webserverCertificate'"], { encoding: 'utf8' }).trim();
  return value ? splitPem(value) : null;
}

/** With the lab's core-dump fault on, stale dumps stop the manager from starting, as after some updates. */
function blockingCoreDumps(): string[] {
  if (!existsSync('/apps/manager/lab-block-on-core-dumps')) return [];
  const root = '/var/log/core_dumps';
  return existsSync(root) ? readdirSync(root).flatMap((service) => readdirSync(`${root}/${service}`).map((file) => `${root}/${service}/${file}`)) : [];
}

const stale = blockingCoreDumps();
if (stale.length > 0) {
  console.error(`manager: stale core dumps block the start: ${stale.join(', ')}`);
  process.exit(1);
}

const config = LabManagerConfig.parse(JSON.parse(readFileSync('/apps/manager/lab-manager.json', 'utf8')));
/** A 13r1 SR9+ manager creates its reserve file when it starts and there is room for it; an emptied one stays as it is. */
function restoreReserve(bytes: number): void {
  const reserve = '/mnt/sda2/empty_if_no_space';
  if (existsSync(reserve)) return;
  const { bavail, bsize } = statfsSync('/mnt/sda2');
  if (bavail * bsize < bytes) return console.log(`manager: not enough free space for ${reserve}`);
  execFileSync('fallocate', ['-l', String(bytes), reserve]);
  console.log(`manager: created ${reserve}`);
}

if (config.reserveBytes) restoreReserve(config.reserveBytes);
const tls = uploadedCertificate() ?? { cert: readFileSync(config.defaultCert, 'utf8'), key: readFileSync(config.defaultKey, 'utf8') };
/** The manager app's own version: the image's build, unless the app was updated on its own (App Store), which the lab writes to version. */
const version = (existsSync('/apps/manager/version') ? readFileSync('/apps/manager/version', 'utf8') : readFileSync('/mnt/sda1/label', 'utf8')).trim();

startManager({ host: '0.0.0.0', httpsPort: 443, httpPort: 80, ...tls, password: config.password, version, ramdiskLog: config.ramdiskLogUrl ? '/apps/install_step1.log' : null }).then(
  (manager) => {
    console.log(`manager ${version} listening on 443`);
    const stop = () => void manager.close().then(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  },
  (error: unknown) => {
    console.error('manager failed to start:', error);
    process.exit(1);
  },
);
