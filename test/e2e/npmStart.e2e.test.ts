import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/webMode';

const folders: string[] = [];

/** Waits until no process of the group is left, killing what remains after `ms`. */
async function groupGone(groupId: number, ms: number): Promise<void> {
  const alive = () => {
    try {
      process.kill(-groupId, 0);
      return true;
    } catch {
      return false;
    }
  };
  const until = Date.now() + ms;
  while (alive() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
  if (alive()) process.kill(-groupId, 'SIGKILL');
}

afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

describe('npm start without the Electron runtime', () => {
  it('explains why and serves web mode instead', async () => {
    const noElectron = await mkdtemp(join(tmpdir(), 'apc-no-electron-'));
    const dataDir = await mkdtemp(join(tmpdir(), 'apc-start-'));
    folders.push(noElectron, dataDir);
    const child = spawn('npm', ['start', '--', '--port', '0', '--data-dir', dataDir], {
      cwd: REPO_ROOT,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: noElectron },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 90_000);
      child.stdout.on('data', () => {
        const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
    });
    try {
      expect(output).toContain('Electron is not installed on this machine');
      expect(output.indexOf('Electron is not installed')).toBeLessThan(output.indexOf('Open: '));
      const page = await fetch(url, { redirect: 'manual' });
      expect(page.status).toBe(303);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
      await exited;
      // npm exits before the engine it started has saved its state and gone: the data folder is removed after that.
      if (child.pid) await groupGone(child.pid, 10_000);
    }
  }, 120_000);
});
