import { ConnectError } from '../connect/connectError';
import type { RootAccess } from '../connect/transfer/transferTypes';

/** All stdout bytes of a root command (binary-safe, through the root session's read stream) and its exit code. */
export async function readAll(root: RootAccess, argv: readonly string[], signal: AbortSignal | undefined, maxBytes: number): Promise<{ bytes: Buffer; code: number }> {
  const read = await root.readStream(argv, { signal });
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of read.stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) {
        read.cancel();
        throw new ConnectError('remote_failed', `The platform answered with more than ${Math.round(maxBytes / 1024 / 1024)} MiB where a list was expected. Try again, or look at the folder in a terminal.`);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    read.cancel();
    throw error;
  }
  return { bytes: Buffer.concat(chunks), code: await read.done };
}
