import type { Client, ClientChannel } from 'ssh2';

/** Why the SSH server did not open the forwarded channel. */
export type ChannelRefusal =
  /** The server tried, but nothing accepted the connection (no listener, no socket file). */
  | 'nothing_listens'
  /** The server does not allow or know this kind of forwarding (e.g. dropbear and Unix sockets). */
  | 'not_supported'
  | 'timeout'
  | 'disconnected';

export type ChannelOpen = { channel: ClientChannel } | { refusal: ChannelRefusal; message: string };

const CONNECT_FAILED = 2;

function refusalOf(error: Error & { reason?: unknown }): ChannelOpen {
  if (error.reason === CONNECT_FAILED) return { refusal: 'nothing_listens', message: error.message };
  if (typeof error.reason === 'number' || /strictVendor|not OpenSSH/.test(error.message)) return { refusal: 'not_supported', message: error.message };
  return { refusal: 'disconnected', message: error.message };
}

function opened(timeoutMs: number, start: (done: (error: Error | undefined, channel: ClientChannel) => void) => void): Promise<ChannelOpen> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: ChannelOpen) => {
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => settle({ refusal: 'timeout', message: `no answer within ${timeoutMs} ms` }), timeoutMs);
    try {
      start((error, channel) => {
        if (!settled) settle(error ? refusalOf(error) : { channel });
        else if (!error) channel.close(); // opened after the timeout: nobody wants it any more
      });
    } catch (error) {
      settle({ refusal: 'disconnected', message: error instanceof Error ? error.message : String(error) });
    }
  });
}

/** A channel to host:port as seen from the platform (direct-tcpip); no local port is opened. */
export function openTcpChannel(client: Client, host: string, port: number, timeoutMs: number): Promise<ChannelOpen> {
  return opened(timeoutMs, (done) => client.forwardOut('127.0.0.1', 0, host, port, done));
}

/** A channel to a Unix socket on the platform (OpenSSH's direct-streamlocal). */
export function openSocketChannel(client: Client, socketPath: string, timeoutMs: number): Promise<ChannelOpen> {
  return opened(timeoutMs, (done) => client.openssh_forwardOutStreamLocal(socketPath, done));
}
