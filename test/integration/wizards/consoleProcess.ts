import { WebSocket } from 'ws';
import type { RawData } from 'ws';
import { startWebMode } from '../../e2e/support/webMode';
import type { Answer } from '../monitor/labEngine';

/** The console's engine in a process of its own (`npm run web` on a data folder), called over its WebSocket as the page does. */
export interface ConsoleProcess {
  call<T>(method: string, params?: unknown): Promise<Answer<T>>;
  /** SIGKILL: the console dies at once, mid-write if it happens to be writing. */
  kill(): Promise<void>;
}

export async function startConsoleProcess(dataDir: string): Promise<ConsoleProcess> {
  const web = await startWebMode({ dataDir, args: ['--no-poll'] });
  const socket = new WebSocket(`ws://127.0.0.1:${new URL(web.url).port}/api?token=${web.token}`);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const waiting = new Map<number, (answer: Answer<unknown>) => void>();
  socket.on('message', (data: RawData) => {
    const message = JSON.parse(data.toString()) as { id?: unknown };
    if (typeof message.id === 'number') waiting.get(message.id)?.(message as Answer<unknown>);
  });
  let next = 1;
  return {
    call<T>(method: string, params: unknown = {}) {
      const id = next++;
      return new Promise<Answer<T>>((resolve, reject) => {
        waiting.set(id, (answer) => resolve(answer as Answer<T>));
        socket.once('close', () => reject(new Error(`the console process ended before it answered ${method}`)));
        socket.send(JSON.stringify({ id, method, params }));
      });
    },
    async kill() {
      await web.kill();
      socket.terminate();
    },
  };
}
