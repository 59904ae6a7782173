import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InventoryDocument, emptyInventory } from '../../electron/core/fleet/inventory';
import type { Inventory } from '../../electron/core/fleet/inventory';
import { addPlatform, addSite } from '../../electron/core/fleet/inventoryEdits';
import { FLEET_FILE } from '../../electron/core/fleet/inventoryStore';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const storeModule = pathToFileURL(join(repoRoot, 'electron', 'core', 'fleet', 'inventoryStore.ts')).href;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apc-fleet-crash-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

/** A large inventory: `sites` sites of 100 platforms each, every one tagged with the version. */
function largeInventory(tag: string, sites: number): Inventory {
  let inv = emptyInventory();
  for (let s = 0; s < sites; s++) {
    const site = addSite(inv, { name: `${tag} site ${s}`, notes: `${tag} `.repeat(40) });
    inv = site.inventory;
    const platforms = Array.from({ length: 100 }, (_, i) => addPlatform({ ...inv, platforms: [] }, { siteId: site.result.id, name: `ap${i}`, address: `10.${s}.${i}.1`, tags: [tag], notes: `${tag}-${s}-${i} `.repeat(10) }).result);
    inv = { ...inv, platforms: [...inv.platforms, ...platforms] };
  }
  return InventoryDocument.parse(inv);
}

const serialized = (inv: Inventory) => `${JSON.stringify(inv, null, 2)}\n`;

describe('fleet.json under a crashing writer', () => {
  it('is always the old or the new complete inventory when the writer is killed mid-write', { timeout: 60_000 }, async () => {
    const versions = [largeInventory('alpha', 20), largeInventory('beta', 20)];
    const texts = versions.map(serialized);
    expect(texts[0]?.length).toBeGreaterThan(1_500_000);
    await writeFile(join(dir, 'alpha.json'), texts[0] ?? '');
    await writeFile(join(dir, 'beta.json'), texts[1] ?? '');
    const dataDir = join(dir, 'data');
    const script = join(dir, 'writer.mjs');
    await writeFile(
      script,
      [
        `import { readFileSync } from 'node:fs';`,
        `import { createInventoryStore } from ${JSON.stringify(storeModule)};`,
        `const versions = ['alpha', 'beta'].map((n) => JSON.parse(readFileSync(${JSON.stringify(dir)} + '/' + n + '.json', 'utf8')));`,
        `const store = createInventoryStore(${JSON.stringify(dataDir)});`,
        `for (let round = 0; ; round++) {`,
        `  await store.change(() => ({ inventory: versions[round % 2], result: null, changedIds: ['x'] }));`,
        `  if (round === 0) process.stdout.write('started\\n');`,
        `}`,
      ].join('\n'),
    );

    for (let round = 0; round < 6; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      await new Promise<void>((resolve, reject) => {
        child.stdout.once('data', () => resolve());
        child.once('exit', () => reject(new Error(`writer stopped early: ${stderr}`)));
      });
      await new Promise((resolve) => setTimeout(resolve, 100 + round * 60));
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');

      const onDisk = await readFile(join(dataDir, FLEET_FILE), 'utf8');
      const which = texts.indexOf(onDisk);
      expect(which, 'fleet.json is neither the old nor the new inventory').toBeGreaterThanOrEqual(0);
      const parsed = InventoryDocument.parse(JSON.parse(onDisk));
      expect(parsed.platforms).toHaveLength(2000);
      expect(new Set(parsed.platforms.flatMap((p) => p.tags))).toEqual(new Set([which === 0 ? 'alpha' : 'beta']));
    }
  });
});
