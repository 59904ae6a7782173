import type { ApiClient } from '../../../api/apiClient';
import { describeError } from '../../../store/describeError';

export interface TerminalSize {
  cols: number;
  rows: number;
}

export interface TerminalCallbacks {
  opened(): void;
  output(data: string): void;
  /** The shell or its connection ended: the engine's sentence. */
  exit(message: string): void;
  /** Opening or typing failed: a sentence for the user. */
  problem(message: string): void;
}

export interface TerminalConnection {
  write(data: string): void;
  resize(size: TerminalSize): void;
  becomeRoot(): Promise<void>;
  /** Ends the session (also one still opening) and stops all callbacks. */
  close(): void;
}

/** The contract's largest terminal.write. */
const MAX_WRITE = 65_536;
/** Events kept for a terminal whose id is not known yet (they may be its first output). */
const MAX_EARLY_EVENTS = 512;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, Math.floor(value)));
export const contractSize = ({ cols, rows }: TerminalSize): TerminalSize => ({ cols: clamp(cols, 10, 1000), rows: clamp(rows, 2, 500) });

/** The first piece of `text` that fits one write, not cutting a surrogate pair. */
function firstPiece(text: string): string {
  if (text.length <= MAX_WRITE) return text;
  const last = text.charCodeAt(MAX_WRITE - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? MAX_WRITE - 1 : MAX_WRITE);
}

interface TerminalEvent {
  terminalId: string;
  /** Output, or the exit sentence. */
  data: string;
  exit: boolean;
}

/**
 * One terminal session through the contract: opens it, passes its events (those that arrive before the
 * open answer are kept and replayed), sends typing in order, one write at a time, and closes it.
 */
export function connectTerminal(api: Pick<ApiClient, 'call' | 'on'>, platformId: string, size: TerminalSize, callbacks: TerminalCallbacks): TerminalConnection {
  let terminalId: string | null = null;
  let closed = false;
  let ended = false;
  let queued = '';
  let sending = false;
  let wantedSize = contractSize(size);
  let sentSize = wantedSize;
  const early: TerminalEvent[] = [];

  const deliver = (event: TerminalEvent) => {
    if (closed || event.terminalId !== terminalId) return;
    if (event.exit) {
      ended = true;
      callbacks.exit(event.data);
    } else callbacks.output(event.data);
  };
  const take = (event: TerminalEvent) => {
    if (terminalId === null) {
      if (!closed && early.length < MAX_EARLY_EVENTS) early.push(event);
    } else deliver(event);
  };
  const offOutput = api.on('terminal.output', ({ terminalId: id, data }) => take({ terminalId: id, data, exit: false }));
  const offExit = api.on('terminal.exit', ({ terminalId: id, message }) => take({ terminalId: id, data: message, exit: true }));

  const live = () => terminalId !== null && !closed && !ended;

  const pump = async () => {
    if (sending || !live()) return;
    sending = true;
    try {
      while (live() && (queued || wantedSize !== sentSize)) {
        const id = terminalId as string;
        if (wantedSize !== sentSize) {
          const next = wantedSize;
          await api.call('terminal.resize', { terminalId: id, ...next });
          sentSize = next;
          continue;
        }
        const piece = firstPiece(queued);
        queued = queued.slice(piece.length);
        await api.call('terminal.write', { terminalId: id, data: piece });
      }
    } catch (error) {
      queued = '';
      // An ended terminal says so through its exit event.
      if (live()) callbacks.problem(describeError(error, 'send your typing to the terminal'));
    } finally {
      sending = false;
    }
  };

  api.call('terminal.open', { platformId, ...wantedSize }).then(
    (result) => {
      if (closed) {
        void api.call('terminal.close', { terminalId: result.terminalId }).catch(() => undefined);
        return;
      }
      terminalId = result.terminalId;
      callbacks.opened();
      for (const event of early.splice(0)) deliver(event);
      void pump();
    },
    (error: unknown) => {
      early.length = 0;
      if (!closed) callbacks.problem(describeError(error, 'open the terminal'));
    },
  );

  return {
    write(data) {
      if (closed || ended) return;
      queued += data;
      void pump();
    },
    resize(next) {
      wantedSize = contractSize(next);
      if (wantedSize.cols === sentSize.cols && wantedSize.rows === sentSize.rows) wantedSize = sentSize;
      else void pump();
    },
    async becomeRoot() {
      if (!live()) throw new Error('The terminal is not open.');
      await api.call('terminal.becomeRoot', { terminalId: terminalId as string });
    },
    close() {
      if (closed) return;
      closed = true;
      offOutput();
      offExit();
      early.length = 0;
      if (terminalId !== null && !ended) void api.call('terminal.close', { terminalId }).catch(() => undefined);
    },
  };
}
