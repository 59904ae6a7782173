import { ConnectError } from '../../electron/core/connect/connectError';

/** The ConnectError that `work` rejects with; anything else, or no error at all, fails the test. */
export async function caught(work: Promise<unknown>): Promise<ConnectError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof ConnectError) return error;
    throw error;
  }
  throw new Error('expected a ConnectError');
}
