import type { Client } from 'ssh2';

export interface ConnectionWatch {
  readonly closed: boolean;
  /** The connection's first error, if it had one. */
  readonly reason: string | undefined;
}

const watches = new WeakMap<Client, ConnectionWatch>();

/** Whether a (shared) connection has gone and why; one set of listeners per connection, however many terminals use it. */
export function watchConnection(client: Client): ConnectionWatch {
  const known = watches.get(client);
  if (known) return known;
  const watch = { closed: false, reason: undefined as string | undefined };
  client.on('error', (error: Error) => {
    watch.reason ??= error.message;
  });
  client.once('end', () => (watch.closed = true));
  client.once('close', () => (watch.closed = true));
  watches.set(client, watch);
  return watch;
}
