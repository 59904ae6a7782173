import { describe, expect, it } from 'vitest';
import type { EventMessage } from '../../electron/core/contract';
import { newRootMarkers } from '../../electron/core/connect/root/rootMarkers';
import { ContractError } from '../../electron/core/rpc/contractError';
import { createEventBus } from '../../electron/core/rpc/eventBus';
import { terminalHandlers } from '../../electron/core/terminal/terminalHandlers';
import { MAX_TERMINALS, createTerminalSessions } from '../../electron/core/terminal/terminalSessions';
import type { TerminalDeps } from '../../electron/core/terminal/terminalSessions';
import { caught } from '../support/caughtConnectError';
import { FakeClient, waitUntil } from './terminalFakeClient';

function setup(deps: Partial<TerminalDeps> = {}) {
  const client = new FakeClient();
  const events: EventMessage[] = [];
  const bus = createEventBus((error) => {
    throw error;
  });
  bus.subscribe((message) => events.push(message));
  const refs = new Map<string, string | null>([['ap-1', null]]);
  const sessions = createTerminalSessions({
    acquire: async (platformId) => ({ client: client.asClient(), rootPasswordRef: refs.get(platformId) ?? null, label: `Platform ${platformId}` }),
    secrets: async () => undefined,
    emit: bus.emit,
    ...deps,
  });
  const outputOf = (id: string) =>
    events
      .filter((e) => e.event === 'terminal.output' && (e.payload as { terminalId: string }).terminalId === id)
      .map((e) => (e.payload as { data: string }).data)
      .join('');
  const exitOf = (id: string) => events.find((e) => e.event === 'terminal.exit' && (e.payload as { terminalId: string }).terminalId === id)?.payload as { message: string } | undefined;
  return { client, events, sessions, refs, outputOf, exitOf, handlers: terminalHandlers(sessions) };
}

/** What the terminal's start command prints first, with its own nonce. */
function startLine(command: string): string {
  const nonce = /'(apc[0-9a-f]+)'/.exec(command)?.[1] ?? newRootMarkers().nonce;
  return `${nonce}:tty:321:/dev/pts/4\r\n`;
}

describe('terminal sessions', () => {
  it('opens a PTY shell and sends its output without the start line, as events of its id', async () => {
    const { client, handlers, outputOf } = setup();
    const { terminalId } = await handlers['terminal.open']({ platformId: 'ap-1', cols: 120, rows: 40 });
    expect(terminalId).toMatch(/^term-[a-f0-9]{16,64}$/);
    const channel = client.terminals[0];
    if (!channel) throw new Error('no terminal channel');
    expect(channel.command).toContain('exec "${SHELL:-/bin/sh}" -l');
    channel.emit('data', Buffer.from(`${startLine(channel.command)}$ `));
    channel.stderr.emit('data', Buffer.from('é'));
    await waitUntil(() => outputOf(terminalId) === '$ é');
    await handlers['terminal.write']({ terminalId, data: 'ls\r' });
    await handlers['terminal.resize']({ terminalId, cols: 100, rows: 30 });
    expect(channel.written).toEqual(['ls\r']);
    expect(channel.windows).toEqual([[30, 100]]);
  });

  it(`keeps at most ${MAX_TERMINALS} open, counting those still opening`, async () => {
    const { sessions } = setup();
    const ids = await Promise.all(Array.from({ length: MAX_TERMINALS }, () => sessions.open('ap-1', 80, 24)));
    expect(new Set(ids).size).toBe(MAX_TERMINALS);
    const refused = await sessions.open('ap-1', 80, 24).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ContractError);
    expect((refused as ContractError).code).toBe('unavailable');
    expect((refused as ContractError).message).toMatch(/16 terminals are open already.*Close one/);
    sessions.close(ids[0] ?? '');
    expect(sessions.size).toBe(MAX_TERMINALS - 1);
    await sessions.open('ap-1', 80, 24);

    const few = setup({ maxSessions: 2 }).sessions;
    const opening = [few.open('ap-1', 80, 24), few.open('ap-1', 80, 24)];
    await expect(few.open('ap-1', 80, 24)).rejects.toBeInstanceOf(ContractError);
    await Promise.all(opening);
  });

  it('tells a shell that ended from a connection that was lost', async () => {
    const { client, sessions, exitOf, outputOf } = setup();
    const ended = await sessions.open('ap-1', 80, 24);
    const lost = await sessions.open('ap-1', 80, 24);
    const [first, second] = client.terminals;
    first?.emit('data', Buffer.from(`${startLine(first.command)}bye\r\n`));
    first?.emit('exit', 0);
    first?.close();
    expect(exitOf(ended)?.message).toBe('The shell ended.');
    expect(outputOf(ended)).toBe('bye\r\n');
    second?.emit('data', Buffer.from(startLine(second.command)));
    client.drop('read ECONNRESET');
    expect(exitOf(lost)?.message).toBe('The connection to Platform ap-1 was lost: read ECONNRESET. Choose Reconnect to open a new terminal.');
    expect(sessions.size).toBe(0);
    expect(() => sessions.write(ended, 'x')).toThrow(ContractError);
  });

  it('closes on request without an exit event, and closes everything on closeAll', async () => {
    const { client, sessions, events } = setup();
    const one = await sessions.open('ap-1', 80, 24);
    sessions.close(one);
    sessions.close(one);
    expect(client.terminals[0]?.ended).toBe(true);
    client.terminals[0]?.close();
    await sessions.open('ap-1', 80, 24);
    await sessions.open('ap-1', 80, 24);
    sessions.closeAll();
    expect(sessions.size).toBe(0);
    expect(client.terminals.every((c) => c.ended)).toBe(true);
    expect(events.filter((e) => e.event === 'terminal.exit')).toEqual([]);
    expect(() => sessions.write(one, 'x')).toThrow(ContractError);
  });

  it('cancels a terminal still opening at closeAll', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const client = new FakeClient();
    const sessions = createTerminalSessions({
      acquire: async () => {
        await gate;
        return { client: client.asClient(), rootPasswordRef: null, label: 'ap' };
      },
      secrets: async () => undefined,
      emit: () => undefined,
    });
    const opening = sessions.open('ap-1', 80, 24);
    sessions.closeAll();
    release();
    expect((await caught(opening)).code).toBe('cancelled');
    expect(sessions.size).toBe(0);
  });

  it('reports a refused channel as a sentence', async () => {
    const { client, sessions } = setup();
    client.refuse = 'open failed';
    const error = await caught(sessions.open('ap-1', 80, 24));
    expect(error.message).toContain('Platform ap-1 refused a terminal (open failed)');
    expect(sessions.size).toBe(0);
  });

  it('types nothing for Become root without a stored root password, looking the reference up anew', async () => {
    const { client, sessions, refs } = setup();
    const id = await sessions.open('ap-1', 80, 24);
    const channel = client.terminals[0];
    channel?.emit('data', Buffer.from(startLine(channel.command)));
    const error = await caught(sessions.becomeRoot(id));
    expect(error.code).toBe('root_auth_failed');
    expect(error.message).toContain('No root password is stored for Platform ap-1');
    refs.set('ap-1', 'vault:ap-1:root');
    expect((await caught(sessions.becomeRoot(id))).message).toContain('No root password is stored');
    expect(channel?.written).toEqual([]);
    await expect(sessions.becomeRoot('term-0000000000000000')).rejects.toBeInstanceOf(ContractError);
  });
});
