import { randomBytes } from 'node:crypto';
import { quoteArg } from '../shellQuote';

/** Where root makes the FIFO folder: memory-backed places first, so a full data partition does not matter. */
export const FIFO_BASES = ['/tmp', '/dev/shm'] as const;
const PREFIX = 'apc-root-read';

export const isFifoFolder = (path: string) => new RegExp(`^(${FIFO_BASES.join('|')})/${PREFIX}\\.\\d+\\.[0-9a-f]{32}$`).test(path);

/**
 * Root's script that (1) removes root's FIFO folders whose root shell is gone (a cut connection leaves them),
 * (2) makes a new folder `<base>/apc-root-read.<shell pid>.<random>` (root-owned, 711: admin can pass
 * but neither list nor replace anything) holding a FIFO `f` that only admin may open, and prints its path,
 * or an empty line when no base would take it.
 */
export function makeFifoScript(adminUid: number): string {
  if (!Number.isInteger(adminUid) || adminUid < 0) throw new Error('admin uid must be a non-negative integer');
  const random = randomBytes(16).toString('hex');
  const globs = FIFO_BASES.map((b) => `${b}/${PREFIX}.*`).join(' ');
  return [
    `for d in ${globs}; do [ -d "$d" ] && [ ! -L "$d" ] && [ -O "$d" ] || continue; p=\${d##*/${PREFIX}.}; p=\${p%%.*}; case $p in ''|*[!0-9]*) continue ;; esac; kill -0 "$p" 2>/dev/null || rm -rf -- "$d"; done`,
    `d=''; for b in ${FIFO_BASES.join(' ')}; do d=$b/${PREFIX}.$$.${random}; if mkdir -m 711 -- "$d" 2>/dev/null; then if mkfifo -m 600 -- "$d/f" 2>/dev/null && chown -- ${adminUid} "$d/f" 2>/dev/null; then break; fi; rm -rf -- "$d"; fi; d=''; done`,
    `printf '%s\\n' "$d"`,
  ].join('; ');
}

export const fifoPath = (folder: string) => `${folder}/f`;

/** Root writes the command's stdout into the FIFO, then removes the folder whatever happened; the exit code is the command's. */
export function writeIntoFifoScript(command: string, folder: string): string {
  return `${command} >${quoteArg(fifoPath(folder))}; __apc_r=$?; rm -rf -- ${quoteArg(folder)}; (exit $__apc_r)`;
}

export const removeFolderScript = (folder: string) => `rm -rf -- ${quoteArg(folder)}`;
