import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { notOpen } from './viewerErrors';

interface Slot {
  handle: Promise<FileHandle>;
  users: number;
  lastUse: number;
}

/** Read-only file handles shared by an open bundle, at most `max` idle ones kept (a bundle can hold thousands of files). */
export class HandlePool {
  private readonly slots = new Map<string, Slot>();
  private clock = 0;
  private closed = false;

  constructor(private readonly max = 64) {}

  async use<T>(path: string, work: (handle: FileHandle) => Promise<T>): Promise<T> {
    if (this.closed) throw notOpen();
    let slot = this.slots.get(path);
    if (!slot) {
      slot = { handle: open(path, 'r'), users: 0, lastUse: 0 };
      this.slots.set(path, slot);
      slot.handle.catch(() => this.slots.delete(path));
    }
    slot.users++;
    slot.lastUse = ++this.clock;
    try {
      return await work(await slot.handle);
    } finally {
      slot.users--;
      this.trim();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = [...this.slots.values()];
    this.slots.clear();
    await Promise.all(slots.map((s) => s.handle.then((h) => h.close()).catch(() => undefined)));
  }

  private trim(): void {
    if (this.slots.size <= this.max) return;
    const idle = [...this.slots.entries()].filter(([, s]) => s.users === 0).sort((a, b) => a[1].lastUse - b[1].lastUse);
    for (const [path, slot] of idle.slice(0, this.slots.size - this.max)) {
      this.slots.delete(path);
      void slot.handle.then((h) => h.close()).catch(() => undefined);
    }
  }
}
