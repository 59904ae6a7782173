import { quoteArg, shellCommand } from '../shellQuote';

/** Size, modification time (s) and raw mode (hex) of a file, following symlinks; GNU and busybox stat both know these. */
export function statArgv(path: string): string[] {
  return ['stat', '-L', '-c', '%s %Y %f', '--', path];
}

/** The stat line, then the platform's clock (to tell a file still being written from a settled one). */
export function statWithClockShell(path: string): string {
  return `${shellCommand(statArgv(path))} && date +%s`;
}

export interface RemoteStat {
  size: number;
  mtime: number;
  isFile: boolean;
  isDirectory: boolean;
  /** The platform's clock when it was taken, where known. */
  now?: number;
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

export function parseStat(output: string): RemoteStat | undefined {
  const text = output.replace(/\r/g, '');
  const match = /(\d+) (\d+) ([0-9a-fA-F]+)\n(?:\s*(\d+)\s*$)?/.exec(`${text}\n`);
  if (!match) return undefined;
  const mode = parseInt(match[3] ?? '0', 16);
  const stat: RemoteStat = { size: Number(match[1]), mtime: Number(match[2]), isFile: (mode & S_IFMT) === S_IFREG, isDirectory: (mode & S_IFMT) === S_IFDIR };
  if (match[4] !== undefined) stat.now = Number(match[4]);
  return stat;
}

/**
 * Runs `hash` with the platform's fastest SHA-256 tool: openssl where present (it uses the CPU's SHA
 * instructions, several times faster), otherwise sha256sum (busybox has it). `hash` gets the tool's argv.
 */
function withSha256Tool(hash: (tool: readonly string[]) => string): string {
  return `if command -v openssl >/dev/null 2>&1; then ${hash(['openssl', 'dgst', '-sha256', '-r'])}; else ${hash(['sha256sum'])}; fi`;
}

/** The file's SHA-256 by the platform's own tools. */
export function sha256Shell(path: string): string {
  return withSha256Tool((tool) => `${shellCommand(tool)} < ${quoteArg(path)}`);
}

/** The SHA-256 of the folder's archive, made the same way as the one downloaded. */
export function tarSha256Shell(dir: string): string {
  return withSha256Tool((tool) => `${shellCommand(tarArgv(dir))} | ${shellCommand(tool)}`);
}

/** The SHA-256 of the file's first `length` bytes. */
export function prefixSha256Shell(path: string, length: number): string {
  return withSha256Tool((tool) => `${shellCommand(['head', '-c', String(length), '--', path])} | ${shellCommand(tool)}`);
}

/** The first SHA-256 in the output of sha256sum or `openssl dgst -r` (GNU prefixes a `\` for escaped names). */
export function parseSha256(output: string): string | undefined {
  return /(?:^|\n)\\?([0-9a-f]{64})[ \t]/.exec(output.replace(/\r/g, ''))?.[1];
}

/**
 * The file's bytes from `offset` on, then one line with the SHA-256 of the whole file, which the platform
 * computes while the bytes are sent. The exit code is that of the read.
 */
export function readWithHashArgv(path: string, offset: number): string[] {
  if (!Number.isSafeInteger(offset) || offset < 0) throw new Error(`invalid offset ${offset}`);
  const script = [
    'f=$1; n=$2',
    'if command -v openssl >/dev/null 2>&1; then h() { openssl dgst -sha256 -r; }; else h() { sha256sum; }; fi',
    'h < "$f" | { if [ "$n" -eq 0 ]; then cat -- "$f"; else tail -c "+$((n + 1))" -- "$f"; fi || exit $?; cat; }',
  ].join('\n');
  return ['sh', '-c', script, 'sh', path, String(offset)];
}

/** The SHA-256 line that follows the file's bytes, if the trailer ends with one. */
export function parseHashTrailer(trailer: Buffer): string | undefined {
  return /(?:^|\n)([0-9a-f]{64}) [ *]?(?:-|stdin)\n$/.exec(trailer.toString('latin1'))?.[1];
}

/** The folder's contents as a tar stream on stdout, entries relative to the folder. */
export function tarArgv(dir: string): string[] {
  return ['tar', '-cf', '-', '-C', dir, '.'];
}

