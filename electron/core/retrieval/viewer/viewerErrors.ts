import { basename } from 'node:path';
import { ContractError } from '../../rpc/contractError';
import { UnreadableArchiveError } from './bundleUnpack';
import { DiskFullError, isNoSpace } from './diskGuard';
import { sizeWords } from './viewerWords';

/** An error while opening a bundle, as a sentence for the user; undefined when it is unexpected (logged, then told in general words). */
export function openErrorSentence(error: unknown, localPath: string, cacheRoot: string): ContractError | undefined {
  const name = basename(localPath);
  if (error instanceof ContractError) return error;
  if (error instanceof UnreadableArchiveError) return new ContractError('failed', error.message, 'localPath');
  if (error instanceof DiskFullError) {
    const message =
      error.neededBytes === null
        ? `The local disk filled up while unpacking ${name} (${sizeWords(error.freeBytes)} left in ${cacheRoot}). Nothing is lost: the partial copy was removed and the bundle is unchanged. Free some space and open it again.`
        : `The local disk is too full to unpack ${name}: it needs about ${sizeWords(error.neededBytes)} and ${sizeWords(error.freeBytes)} are free in ${cacheRoot}. Nothing is lost: free some space and open it again.`;
    return new ContractError('failed', message, 'localPath');
  }
  if (isNoSpace(error)) return new ContractError('failed', `The local disk filled up while unpacking ${name}. Nothing is lost: the partial copy was removed and the bundle is unchanged. Free some space in ${cacheRoot} and open it again.`, 'localPath');
  const code = (error as { code?: string } | null)?.code;
  if (code === 'ENOENT') return new ContractError('failed', `There is no file at ${localPath}; check the path or pick the bundle again.`, 'localPath');
  if (code === 'EISDIR') return new ContractError('failed', `${localPath} is a folder; pick a bundle or log archive file in it.`, 'localPath');
  if (code === 'EACCES' || code === 'EPERM') return new ContractError('failed', `This computer does not let the console read ${localPath} (or write its cache in ${cacheRoot}); check the permissions.`, 'localPath');
  return undefined;
}

export const notOpen = () => new ContractError('failed', 'This bundle is no longer open in the viewer (it was closed, or others were opened since); open it again.', 'bundleId');
