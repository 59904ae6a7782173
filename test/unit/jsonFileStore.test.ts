import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createJsonFileStore } from '../../electron/core/storage/jsonFileStore';

const Tally = z.strictObject({ count: z.number().int().nonnegative(), items: z.array(z.string()) });
type Tally = z.infer<typeof Tally>;
const defaults = (): Tally => ({ count: 0, items: [] });

let dir: string;
let path: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apc-store-'));
  path = join(dir, 'tally.json');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function expectMovedAside(original: string): Promise<void> {
  const store = createJsonFileStore(path, Tally, defaults);
  expect(await store.read()).toEqual(defaults());
  const names = await readdir(dir);
  expect(names).not.toContain('tally.json');
  const aside = names.filter((name) => name.startsWith('tally.json.unreadable-'));
  expect(aside).toHaveLength(1);
  const asidePath = join(dir, aside[0] ?? '');
  expect(await readFile(asidePath, 'utf8')).toBe(original);
  const problem = store.problem();
  expect(problem).not.toBeNull();
  expect(problem).toContain(path);
  expect(problem).toContain(asidePath);
  expect(problem).toMatch(/\.$/);
}

describe('createJsonFileStore', () => {
  it('returns the defaults when the file is missing and does not create it', async () => {
    const store = createJsonFileStore(path, Tally, defaults);
    expect(await store.read()).toEqual({ count: 0, items: [] });
    expect(store.problem()).toBeNull();
    expect(await readdir(dir)).toEqual([]);
  });

  it('reads a valid file', async () => {
    await writeFile(path, JSON.stringify({ count: 3, items: ['x'] }));
    const store = createJsonFileStore(path, Tally, defaults);
    expect(await store.read()).toEqual({ count: 3, items: ['x'] });
    expect(store.problem()).toBeNull();
  });

  it('moves a file with broken JSON aside and uses the defaults', async () => {
    const original = '{"count": 3, "items": [';
    await writeFile(path, original);
    await expectMovedAside(original);
  });

  it('moves a file that breaks the schema aside and uses the defaults', async () => {
    const original = JSON.stringify({ count: 'three', items: [] });
    await writeFile(path, original);
    await expectMovedAside(original);
  });

  it('persists an update and returns the new value', async () => {
    const store = createJsonFileStore(path, Tally, defaults);
    const next = await store.update((current) => ({ count: current.count + 1, items: [...current.items, 'first'] }));
    expect(next).toEqual({ count: 1, items: ['first'] });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(next);
    expect(await createJsonFileStore(path, Tally, defaults).read()).toEqual(next);
  });

  it('refuses an update that breaks the schema and keeps the file', async () => {
    const store = createJsonFileStore(path, Tally, defaults);
    await store.update(() => ({ count: 1, items: [] }));
    await expect(store.update(() => ({ count: -5, items: [] }))).rejects.toThrow();
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ count: 1, items: [] });
    expect(await store.read()).toEqual({ count: 1, items: [] });
  });

  it('keeps working after an update whose change function throws', async () => {
    const store = createJsonFileStore(path, Tally, defaults);
    await expect(
      store.update(() => {
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    expect(await store.update((current) => ({ ...current, count: current.count + 1 }))).toEqual({ count: 1, items: [] });
  });

  it('serializes concurrent updates so none is lost', async () => {
    const store = createJsonFileStore(path, Tally, defaults);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) => store.update((current) => ({ count: current.count + 1, items: [...current.items, `item-${index}`] }))),
    );
    expect(results.map((result) => result.count)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    const expected = { count: 20, items: Array.from({ length: 20 }, (_, index) => `item-${index}`) };
    expect(await store.read()).toEqual(expected);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(expected);
    expect(await readdir(dir)).toEqual(['tally.json']);
  });
});
