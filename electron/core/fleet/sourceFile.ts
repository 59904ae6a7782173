import { open } from 'node:fs/promises';
import { FleetError } from './fleetError';

export const MAX_SOURCE_BYTES = 32 * 1024 * 1024;

/** A text file an import reads; a missing, unreadable, odd or oversized file is a FleetError saying what to do. */
export async function readSourceText(path: string, what: string, hint: string): Promise<string> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' || code === 'EPERM' ? 'cannot be read (permission denied)' : code === 'EISDIR' ? 'is a folder' : `cannot be read (${code ?? 'error'})`;
    throw new FleetError('source_unreadable', `The ${what} ${path} ${why}. ${hint}`);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new FleetError('source_unreadable', `The ${what} ${path} is not a regular file. ${hint}`);
    if (info.size > MAX_SOURCE_BYTES) throw new FleetError('source_invalid', `The ${what} ${path} is larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MiB; that is not a ${what}. ${hint}`);
    return await handle.readFile('utf8');
  } catch (error) {
    if (error instanceof FleetError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new FleetError('source_unreadable', `The ${what} ${path} cannot be read (${code ?? 'error'}). ${hint}`);
  } finally {
    await handle.close();
  }
}
