import { Duplex } from 'node:stream';
import type { ClientChannel } from 'ssh2';

/**
 * An open SSH channel dressed as the socket pg expects: pg calls connect() and waits for 'connect',
 * then reads and writes. Nothing listens locally; the bytes go straight into the channel.
 */
export class ChannelSocket extends Duplex {
  private readonly channel: ClientChannel;

  constructor(channel: ClientChannel) {
    super({ allowHalfOpen: false });
    this.channel = channel;
    channel.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) channel.pause();
    });
    channel.on('end', () => this.push(null));
    channel.on('error', (error: Error) => this.destroy(error));
    channel.on('close', () => {
      this.push(null);
      if (!this.destroyed) this.destroy();
    });
  }

  /** The channel is open already; report the connection as pg's net.Socket would. */
  connect(): this {
    process.nextTick(() => this.emit('connect'));
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  override _read(): void {
    this.channel.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.channel.write(chunk, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.channel.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    try {
      this.channel.close();
    } catch {
      // closed already
    }
    callback(error);
  }
}
