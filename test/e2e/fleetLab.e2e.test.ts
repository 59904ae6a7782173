import { execFileSync } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { fillDisk, healDisk, healPartition, partition, rotateHostKey } from '../lab/faults';
import { netnsName, platformDir } from '../lab/labPaths';
import { namespacePids } from '../lab/labNetwork';
import { inPlatform } from '../lab/platformNamespace';
import { psqlAsPostgres } from '../lab/postgres';
import { launchChromium } from './support/browser';
import { fleetRow, openPlatform, openTab, openView, pollAllFromFleet, pollOpenPlatform, pollUntil, setUpVaultAndImport, terminalText } from './support/consoleUi';
import { isRoot, startLabConsole } from './support/labConsole';
import type { LabConsole } from './support/labConsole';
import { PRIMARY, SITE_A, SITE_B, SOLO, STANDBY, labFleetSpec } from './support/labFleetSpec';
import { REPO_ROOT } from './support/webMode';

const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');

/** The platform's own ed25519 host key fingerprint, as OpenSSH computes it. */
function labFingerprint(name: string): string {
  const out = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(platformDir(name), 'ssh', 'ssh_host_ed25519_key.pub')], { encoding: 'utf8' });
  return out.split(' ')[1] ?? '';
}

/** Ends the platform's SSH sessions but not its listener, as the reboot that comes with a new host key would. */
async function endSshSessions(name: string): Promise<void> {
  const pidFile = join(platformDir(name), 'run', 'sshd.pid');
  // The restarted server writes its pid file a moment after it starts.
  let listener = 0;
  for (let i = 0; i < 100 && !listener; i++) {
    listener = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
    if (!listener) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (!listener) throw new Error(`${pidFile} did not appear`);
  for (const pid of await namespacePids(netnsName(name))) {
    const command = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '');
    if (pid !== listener && command.startsWith('sshd')) process.kill(pid, 'SIGTERM');
  }
}

/** df of the data partition, read inside the platform. */
async function platformDf(name: string) {
  const { stdout } = await inPlatform(name, ['df', '-B1', '--output=size,used,avail,pcent', '/mnt/sda2']);
  const [size, used, avail, pcent] = (stdout.trim().split('\n')[1] ?? '').trim().split(/\s+/);
  return {
    size: Number(size),
    used: Number(used),
    avail: Number(avail),
    percent: Number(pcent?.replace('%', '')),
  };
}

/** "30.3 MiB" back to bytes. */
function bytesOf(text: string): number {
  const match = /([\d.]+)\s*(B|KiB|MiB|GiB)/.exec(text);
  if (!match) throw new Error(`no size in "${text}"`);
  return Number(match[1]) * 1024 ** ['B', 'KiB', 'MiB', 'GiB'].indexOf(match[2] ?? 'B');
}

describe.skipIf(!isRoot)('the console on a lab fleet, driven in the browser', () => {
  let lab: LabConsole;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    lab = await startLabConsole(labFleetSpec);
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(lab.web.url);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await lab?.stop();
  });

  it('sets up the vault and imports the lab fleet with its passwords in Settings', async () => {
    const { summary } = await setUpVaultAndImport(page, lab.fleetFile);
    // Two sites and three platforms; an admin and a root password each.
    expect(summary).toContain('5 to add');
    expect(summary).toContain('6 passwords for the vault');
    await openView(page, 'Fleet');
    await expect.poll(() => page.getByText('3 platforms in 2 sites').count()).toBe(1);
  });

  it('polls a selection in one confirmed action and asks to confirm each unknown host key with its fingerprint', async () => {
    const lines = await pollAllFromFleet(page, 3);
    expect(lines).toHaveLength(3);
    const primaryLine = lines.find((line) => line.startsWith(`${PRIMARY} (${SITE_A})`)) ?? '';
    expect(primaryLine).toContain(`${SITE_A}/${PRIMARY} (${lab.platform(PRIMARY).address}:22) offers an unknown ssh-ed25519 host key ${labFingerprint(PRIMARY)}`);
    for (const line of lines) expect(line).toContain('Confirm the fingerprint to pin it');
  });

  it('trusts the keys in Settings, after which Fleet shows each platform as the platform itself reports it', async () => {
    await openView(page, 'Settings');
    const pending = page.getByTestId('pending-host-keys');
    await expect.poll(() => pending.getByTestId('host-key-unknown').count()).toBe(3);
    await expect
      .poll(() =>
        pending
          .getByTestId('host-key-unknown')
          .filter({ hasText: labFingerprint(SOLO) })
          .count(),
      )
      .toBe(1);
    for (let i = 3; i > 0; i--) {
      await pending.getByRole('button', { name: 'Trust this key' }).first().click();
      await expect
        .poll(() => page.getByText(`Pinned keys (${4 - i})`).count(), {
          timeout: 30_000,
        })
        .toBe(1);
    }
    const lines = await pollAllFromFleet(page, 3);
    expect(
      lines.every((line) => !line.includes('Not reached')),
      lines.join('\n'),
    ).toBe(true);

    for (const name of [PRIMARY, STANDBY, SOLO]) {
      const row = fleetRow(page, name);
      const label = (await inPlatform(name, ['cat', '/mnt/sda1/label'])).stdout.trim();
      await expect.poll(() => row.textContent()).toContain(label);
      const df = await platformDf(name);
      const shown = Number(/(\d+) % used/.exec((await row.locator('[data-field="disk"]').textContent()) ?? '')?.[1]);
      // df's Use% rounds up; the console shows used / (used + available) rounded: they meet within a point.
      expect(Math.abs(shown - df.percent)).toBeLessThanOrEqual(1);
    }
    expect(await fleetRow(page, PRIMARY).textContent()).toContain('primary');
    expect(await fleetRow(page, STANDBY).textContent()).toContain('standby');
  });

  it('filters as you type, by field and by words', async () => {
    const filter = page.getByRole('textbox', { name: 'Filter platforms' });
    await filter.fill(`site:"${SITE_B}"`);
    await expect.poll(() => page.getByText('1 of 3 platforms match').count()).toBe(1);
    expect(await fleetRow(page, SOLO).count()).toBe(1);
    expect(await fleetRow(page, PRIMARY).count()).toBe(0);
    await filter.fill('role:standby');
    await expect.poll(() => fleetRow(page, STANDBY).count()).toBe(1);
    expect(await fleetRow(page, SOLO).count()).toBe(0);
    await filter.fill('');
    await expect.poll(() => fleetRow(page, SOLO).count()).toBe(1);
  });

  it('lists the instance databases with the sizes PostgreSQL reports, largest first', async () => {
    await openPlatform(page, PRIMARY, 'Instances');
    const table = page.getByRole('grid', { name: 'Instance databases' });
    await table.getByText('kunde.de_devices').first().waitFor();
    const { stdout } = await psqlAsPostgres(PRIMARY, 'postgres', "SELECT datname || '|' || pg_database_size(datname) FROM pg_database WHERE datname LIKE 'kunde.de_%' ORDER BY 1;\n");
    const sizes = new Map(
      stdout
        .split('\n')
        .map((line) => /^\s*(kunde\.de_\w+)\|(\d+)\s*$/.exec(line))
        .filter((m) => m !== null)
        .map((m) => [m[1] ?? '', Number(m[2])]),
    );
    expect([...sizes.keys()]).toEqual(['kunde.de_devices', 'kunde.de_reporting']);
    const rows = await table.getByRole('row').filter({ hasText: 'kunde.de_' }).all();
    expect(rows).toHaveLength(2);
    expect(await rows[0]?.textContent()).toContain('kunde.de_devices');
    for (const row of rows) {
      const name = (await row.locator('[data-field="database"]').textContent()) ?? '';
      const shown = bytesOf((await row.locator('[data-field="bytes"]').textContent()) ?? '');
      expect(Math.abs(shown - (sizes.get(name) ?? 0)) / (sizes.get(name) ?? 1)).toBeLessThan(0.05);
    }
  });

  it('shows a disk fill as an alarm on Fleet and on Alarms within one poll', async () => {
    await fillDisk(SOLO, 96);
    const df = await platformDf(SOLO);
    await openPlatform(page, SOLO, 'Disk');
    expect(await pollOpenPlatform(page)).toContain(`Polled ${SOLO}`);
    await openView(page, 'Fleet');
    const row = fleetRow(page, SOLO);
    await expect.poll(() => row.textContent()).toMatch(/Critical/);
    expect(await row.locator('[data-field="disk"]').textContent()).toContain(`${df.percent} % used`);
    await openView(page, 'Alarms');
    const active = page.getByRole('grid', { name: 'Active alarms' });
    const alarm = active.getByRole('row').filter({ hasText: SOLO }).filter({ hasText: 'Disk usage' });
    await expect.poll(() => alarm.count()).toBe(1);
    expect(await alarm.textContent()).toMatch(/Critical/);
    await healDisk(SOLO);
  });

  it('shows a standby cut off from its primary in the Replication tab', async () => {
    await openPlatform(page, PRIMARY, 'Replication');
    const standbys = page.getByRole('table', {
      name: 'Standbys of the replication group',
    });
    const state = standbys.getByRole('row').filter({ hasText: STANDBY }).getByRole('cell').nth(1);
    await expect.poll(() => state.textContent()).toBe('streaming');
    await partition(STANDBY, lab.platform(PRIMARY).address);
    try {
      await pollUntil(page, async () => (await state.textContent()) !== 'streaming', 'the cut standby');
      expect(await standbys.getByRole('row').filter({ hasText: STANDBY }).textContent()).toMatch(/not connected|missing|not streaming/i);
    } finally {
      await healPartition(STANDBY, lab.platform(PRIMARY).address);
    }
  });

  it('runs df -h in the terminal and becomes root with the stored password without showing it', async () => {
    await openPlatform(page, PRIMARY, 'Terminal');
    const terminal = page.getByRole('group', {
      name: `Terminal on ${PRIMARY}`,
    });
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/\$\s*$/m);
    await terminal.click();
    await page.keyboard.type('df -h /mnt/sda2\n');
    const { stdout } = await inPlatform(PRIMARY, ['df', '-h', '/mnt/sda2']);
    const size = (stdout.trim().split('\n')[1] ?? '').trim().split(/\s+/)[1] ?? '?';
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(new RegExp(`/dev/sda2\\s+${size.replace('.', '\\.')}`));
    await page.getByRole('button', { name: 'Become root' }).click();
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/#\s*$/m);
    await terminal.click();
    await page.keyboard.type('id -u\n');
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/^0\s*$/m);
    expect(await terminalText(page)).not.toContain('iplinux');
  });

  it('blocks a platform whose host key changed, with old and new fingerprints, until the key is replaced', async () => {
    const old = labFingerprint(SOLO);
    await rotateHostKey(SOLO, 'openssh');
    await endSshSessions(SOLO);
    const fresh = labFingerprint(SOLO);
    expect(fresh).not.toBe(old);
    await openPlatform(page, SOLO);
    await pollOpenPlatform(page);
    const warning = page.getByTestId('host-key-changed');
    await warning.waitFor();
    expect(await warning.textContent()).toContain(old);
    expect(await warning.textContent()).toContain(fresh);
    await warning.getByRole('checkbox').check();
    await warning.getByRole('button', { name: /replace/i }).click();
    await expect.poll(async () => (await pollOpenPlatform(page)).startsWith(`Polled ${SOLO}.`), { timeout: 60_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('host-key-changed').count()).toBe(0);
  });

  describe('with a platform whose disk is nearly full', () => {
    beforeAll(async () => {
      await fillDisk(SOLO, 96);
      await pollAllFromFleet(page, 3);
    });
    afterAll(() => healDisk(SOLO));

    describe.each(['light', 'dark'] as const)('in the %s theme', (theme) => {
      const screens: Array<[string, (p: Page) => Promise<void>]> = [
        ['fleet', (p) => openView(p, 'Fleet')],
        ['platform-overview', (p) => openPlatform(p, PRIMARY)],
        ['platform-instances', (p) => openTab(p, 'Instances')],
        ['platform-disk', (p) => openTab(p, 'Disk')],
        ['platform-replication', (p) => openTab(p, 'Replication')],
        ['platform-logs', (p) => openTab(p, 'Logs')],
        ['platform-terminal', (p) => openTab(p, 'Terminal')],
        ['alarms', (p) => openView(p, 'Alarms')],
        ['settings', (p) => openView(p, 'Settings')],
      ];
      it('every screen has no serious accessibility violation, and is photographed at 1440x900', async () => {
        await page.emulateMedia({ colorScheme: theme });
        const found: string[] = [];
        for (const [name, open] of screens) {
          await open(page);
          await page.waitForTimeout(800);
          const result = await new AxeBuilder({ page }).analyze();
          for (const v of result.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
            found.push(
              `${name}: ${v.id} (${v.impact}) ${v.nodes
                .slice(0, 3)
                .map((n) => n.target.join(' '))
                .join(', ')}`,
            );
          }
          await page.mouse.move(1400, 880);
          await page.screenshot({
            path: join(SCREENSHOT_DIR, `lab-${name}-${theme}.png`),
            animations: 'disabled',
          });
        }
        expect(found).toEqual([]);
      });
    });
  });
});
