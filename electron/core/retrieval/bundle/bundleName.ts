/** A name part of a bundle file: only [A-Za-z0-9._-], runs of anything else as one `-`, never empty, dot-only or leading with a dot. */
export function sanitiseNamePart(text: string, fallback = 'unnamed'): string {
  const cleaned = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 64)
    .replace(/[-.]+$/g, '');
  return cleaned === '' ? fallback : cleaned;
}

const two = (n: number) => String(n).padStart(2, '0');

/** `YYYYMMDD-HHMMSS` in UTC. */
export function bundleTimestamp(at: Date): string {
  return `${at.getUTCFullYear()}${two(at.getUTCMonth() + 1)}${two(at.getUTCDate())}-${two(at.getUTCHours())}${two(at.getUTCMinutes())}${two(at.getUTCSeconds())}`;
}

/** `<site>_<platform>_<YYYYMMDD-HHMMSS>.tar.xz` (bundle-format.md). */
export function bundleFileName(siteName: string, platformName: string, at: Date): string {
  return `${sanitiseNamePart(siteName, 'site')}_${sanitiseNamePart(platformName, 'platform')}_${bundleTimestamp(at)}.tar.xz`;
}
