import type { ClientChannel } from 'ssh2';

/**
 * Ends a shell's channel: `farewell` asks the shell to go, then end of input, and the server closes the channel.
 * Closing it from this side is the last resort after `graceMs`, and only paused: window updates after a close
 * make dropbear drop the whole (shared) connection.
 */
export function endChannel(channel: ClientChannel, farewell: () => void, graceMs: number): void {
  try {
    farewell();
    channel.end();
  } catch {
    // already closing
  }
  channel.resume();
  const lastResort = setTimeout(() => {
    channel.pause();
    channel.close();
  }, graceMs);
  lastResort.unref();
  channel.once('close', () => clearTimeout(lastResort));
}
