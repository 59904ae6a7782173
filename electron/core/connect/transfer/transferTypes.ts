import type { Client } from 'ssh2';
import type { RootSession } from '../root/rootSession';

/** How bytes leave the platform: SFTP reads, or `cat`/`tail` over a raw (non-PTY) exec channel. */
export type TransferMethod = 'sftp' | 'cat';
export type MethodChoice = 'auto' | TransferMethod;

/** What a transfer needs of a root session (su root on the platform). */
export type RootAccess = Pick<RootSession, 'run' | 'readStream'>;

/** Whose rights read the file: the SSH user (admin), or root through a root session on the same connection. */
export type TransferAs = 'admin' | { root: RootAccess };

/** A connection to transfer over, and whose rights to use on it. */
export interface TransferLink {
  client: Client;
  as?: TransferAs;
}

export interface TransferProgress {
  /** Bytes held locally, resumed ones included. */
  bytes: number;
  /** The whole size, or null while unknown (folders). */
  total: number | null;
  /** Bytes per second over the last seconds of this run. */
  rate: number;
  etaSeconds: number | null;
}

/** What the transfer is doing now; awaited, so a caller can pause between stages. */
export type TransferStage = 'transfer' | 'verify' | 'rename';

export interface DownloadResult {
  localPath: string;
  /** The file's (or the folder archive's) size in bytes. */
  bytes: number;
  /** Bytes received in this call, over all its attempts. */
  transferred: number;
  /** Where this call started: bytes already in the partial file. */
  resumedFrom: number;
  sha256: string;
  method: TransferMethod;
  reconnects: number;
  seconds: number;
}
