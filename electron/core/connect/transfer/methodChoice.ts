import type { Client, SFTPWrapper } from 'ssh2';
import { ConnectError } from '../connectError';
import type { RemoteShell } from './remoteShell';
import { sftpSession } from './sftpSession';
import type { MethodChoice, TransferMethod } from './transferTypes';

/** Fastest first, as measured by test/bench/transferThroughput.ts. */
export const AUTO_ORDER: readonly TransferMethod[] = ['cat', 'sftp'];

export interface ChosenMethod {
  method: TransferMethod;
  /** The connection's SFTP session when the method is SFTP. */
  sftp: SFTPWrapper | undefined;
}

/**
 * Picks how to read: root files always through the root shell; admin files by the fastest path the server
 * offers (SFTP is probed, once per connection, only when it would be used).
 */
export async function chooseMethod(client: Client, shell: RemoteShell, choice: MethodChoice): Promise<ChosenMethod> {
  if (shell.who === 'root') {
    if (choice === 'sftp') throw new ConnectError('protocol', 'SFTP reads only with admin rights; root-owned files come through the root shell. Use the automatic method.');
    return { method: 'cat', sftp: undefined };
  }
  for (const method of choice === 'auto' ? AUTO_ORDER : [choice]) {
    if (method === 'cat') return { method, sftp: undefined };
    const sftp = await sftpSession(client);
    if (sftp) return { method, sftp };
  }
  if (choice === 'sftp') throw new ConnectError('protocol', 'The platform has no SFTP server (dropbear has none). Use the automatic method, which reads with cat there.');
  return { method: 'cat', sftp: undefined };
}
