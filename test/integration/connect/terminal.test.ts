import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../../electron/core/contract';
import type { SshPool } from '../../../electron/core/connect/sshPool';
import { terminalHandlers } from '../../../electron/core/terminal/terminalHandlers';
import type { TerminalHandlers } from '../../../electron/core/terminal/terminalHandlers';
import { createTerminalSessions } from '../../../electron/core/terminal/terminalSessions';
import type { TerminalSessions } from '../../../electron/core/terminal/terminalSessions';
import { caught } from '../../support/caughtConnectError';
import { isRoot, rootPasswordRef, startConnectLab } from './connectLab';
import type { ConnectLab } from './connectLab';

const DROP_ROOT_PASSWORD = `Wurzel 'x' "$1" ä`;
const WRONG_PASSWORD = 'wrong-root-secret-7391';
const WRONG_REF = 'lab:wrong-root';
const SERVERS = [
  ['term-open', 'openssh'],
  ['term-drop', 'dropbear'],
] as const;
/** Prints the uid, then a line that the typed command itself does not contain. */
const WHO = 'id -u; echo "=$((6*7))"\r';
/** Its output, after the echoed command line (or a prompt, when typed ahead). */
const AS_ADMIN = /(?:\r\n|[$#] )1000\r\n=42\r\n/;
const AS_ROOT = /(?:\r\n|[$#] )0\r\n=42\r\n/;

describe.skipIf(!isRoot)('the terminal on lab platforms', () => {
  let lab: ConnectLab;
  let pool: SshPool;
  let sessions: TerminalSessions;
  let handlers: TerminalHandlers;
  const events: EventMessage[] = [];
  const refs = new Map<string, string | null>();

  const outputOf = (id: string) =>
    events
      .filter((e) => e.event === 'terminal.output' && (e.payload as { terminalId: string }).terminalId === id)
      .map((e) => (e.payload as { data: string }).data)
      .join('');
  const exitOf = (id: string) => (events.find((e) => e.event === 'terminal.exit' && (e.payload as { terminalId: string }).terminalId === id)?.payload as { message: string } | undefined)?.message;

  async function waitFor(check: () => boolean, what: () => string, ms = 15_000): Promise<void> {
    const until = Date.now() + ms;
    while (!check()) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Waits until the output after `from` characters matches; a failure shows how the terminal ends. */
  const waitForOutput = (id: string, pattern: RegExp, from = 0) =>
    waitFor(
      () => pattern.test(outputOf(id).slice(from)),
      () => `${pattern}; the terminal ends with ${JSON.stringify(outputOf(id).slice(from).slice(-300))}`,
    );

  async function open(name: string): Promise<string> {
    const { terminalId } = await handlers['terminal.open']({ platformId: name, cols: 120, rows: 40 });
    await waitForOutput(terminalId, /\$ $/);
    return terminalId;
  }

  async function type(id: string, data: string): Promise<number> {
    const from = outputOf(id).length;
    await handlers['terminal.write']({ terminalId: id, data });
    return from;
  }

  beforeAll(async () => {
    lab = await startConnectLab({
      platforms: [
        { name: 'term-open', kind: 'light', diskMiB: 32 },
        { name: 'term-drop', kind: 'light', diskMiB: 32, sshServer: 'dropbear', rootPassword: DROP_ROOT_PASSWORD },
      ],
    });
    lab.secrets.set(WRONG_REF, WRONG_PASSWORD);
    pool = lab.newPool();
    for (const [name] of SERVERS) {
      await lab.trust(lab.target(name));
      refs.set(name, rootPasswordRef(name));
    }
    sessions = createTerminalSessions({
      acquire: async (platformId, signal) => ({ client: (await pool.acquire(lab.target(platformId), { signal })).client, rootPasswordRef: refs.get(platformId) ?? null, label: platformId }),
      secrets: async (ref) => lab.secrets.get(ref),
      emit: (event, payload) => events.push({ event, payload }),
    });
    handlers = terminalHandlers(sessions);
  });

  afterAll(async () => {
    sessions?.closeAll();
    await lab?.stop();
  });

  for (const [name, server] of SERVERS) {
    describe(server, () => {
      it('opens a shell as admin: df shows the data partition, UTF-8 arrives whole, a resize reaches the tty', async () => {
        const id = await open(name);
        let from = await type(id, 'df -h\r');
        await waitForOutput(id, /Filesystem\s+Size\s+Used\s+Avail\s+Use%\s+Mounted on[\s\S]*\/mnt\/sda2/, from);
        from = await type(id, WHO);
        await waitForOutput(id, AS_ADMIN, from);
        from = await type(id, "printf '\\303\\244\\342\\202\\254\\360\\237\\230\\200\\n'\r");
        await waitForOutput(id, /\r\nä€😀\r\n/, from);
        await handlers['terminal.resize']({ terminalId: id, cols: 100, rows: 30 });
        from = await type(id, 'stty size\r');
        await waitForOutput(id, /\r\n30 100\r\n/, from);
        expect(outputOf(id)).not.toMatch(/apc[0-9a-f]{24}:tty/);
        from = await type(id, 'exit\r');
        await waitFor(() => exitOf(id) !== undefined, () => 'the exit event');
        expect(exitOf(id)).toBe('The shell ended.');
      });

      it('becomes root with the stored password, typed only into su', async () => {
        const id = await open(name);
        await handlers['terminal.becomeRoot']({ terminalId: id });
        let from = await type(id, WHO);
        await waitForOutput(id, AS_ROOT, from);
        // Back to admin, as after su by hand.
        from = await type(id, 'exit\r');
        await waitForOutput(id, /\$ $/, from);
        from = await type(id, WHO);
        await waitForOutput(id, AS_ADMIN, from);
        await handlers['terminal.close']({ terminalId: id });
      });

      it('says a wrong stored root password is wrong, and the terminal stays as admin', async () => {
        refs.set(name, WRONG_REF);
        try {
          const id = await open(name);
          const error = await caught(handlers['terminal.becomeRoot']({ terminalId: id }));
          expect(error.code).toBe('root_auth_failed');
          expect(error.message).toBe(`su root was refused: the root password stored for ${name} is wrong. Store the platform's current root password (it may have been changed by Devices) and try again.`);
          const from = await type(id, WHO);
          await waitForOutput(id, AS_ADMIN, from);
          await handlers['terminal.close']({ terminalId: id });
        } finally {
          refs.set(name, rootPasswordRef(name));
        }
      });

      it('types nothing without a stored root password or while another program has the terminal', async () => {
        const id = await open(name);
        refs.set(name, null);
        try {
          expect((await caught(handlers['terminal.becomeRoot']({ terminalId: id }))).message).toBe(
            `No root password is stored for ${name}, so nothing was typed. Store it with the platform's credentials, then choose Become root again.`,
          );
        } finally {
          refs.set(name, rootPasswordRef(name));
        }
        let from = await type(id, 'cat\r');
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect((await caught(handlers['terminal.becomeRoot']({ terminalId: id }))).message).toContain(`cat is running in the terminal on ${name}, so nothing was typed.`);
        expect(outputOf(id).slice(from)).not.toContain('su root');
        from = await type(id, '\x03');
        await waitForOutput(id, /\$ $/, from);
        from = await type(id, WHO);
        await waitForOutput(id, AS_ADMIN, from);
      });

      it('never types the password into a program that reads with echo off but is not su', async () => {
        const id = await open(name);
        const from = await type(id, `sh -c 'stty -echo; read x; stty echo; echo "got:$x"'\r`);
        await new Promise((resolve) => setTimeout(resolve, 500));
        const error = await caught(handlers['terminal.becomeRoot']({ terminalId: id }));
        expect(error.code).toBe('timeout');
        expect(error.message).toContain('so the root password was not typed');
        await waitForOutput(id, /got:su root\r\n/, from);
        await handlers['terminal.close']({ terminalId: id });
      });

      it('tells the user when the connection is lost, and opens again afterwards', async () => {
        const id = await open(name);
        pool.reset(name);
        await waitFor(() => exitOf(id) !== undefined, () => 'the exit event');
        expect(exitOf(id)).toMatch(new RegExp(`^The connection to ${name} was lost: .+\\. Choose Reconnect to open a new terminal\\.$`));
        const again = await open(name);
        const from = await type(again, WHO);
        await waitForOutput(again, AS_ADMIN, from);
        await handlers['terminal.close']({ terminalId: again });
      });
    });
  }

  it('no event ever held a root password', () => {
    expect(events.length).toBeGreaterThan(0);
    const all = JSON.stringify(events);
    for (const secret of ['iplinux', DROP_ROOT_PASSWORD, JSON.stringify(DROP_ROOT_PASSWORD).slice(1, -1), WRONG_PASSWORD]) expect(all).not.toContain(secret);
  });
});
