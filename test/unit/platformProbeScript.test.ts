import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { arch, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AP_PATHS } from '../../electron/core/platform/platformPaths';
import { parseProbeOutput } from '../../electron/core/platform/probeParse';
import { PROBE_SECTIONS, buildProbeScript, newProbeNonce } from '../../electron/core/platform/probeScript';

const run = promisify(execFile);

/** The shells an AP or a lab may give the script: busybox ash (the AP), dash and bash. */
const CANDIDATE_SHELLS: Array<[string, string[]]> = [
  ['dash', ['/usr/bin/dash']],
  ['bash --posix', ['/usr/bin/bash', '--posix']],
  ['busybox ash', ['/usr/bin/busybox', 'sh']],
];
const SHELLS = CANDIDATE_SHELLS.filter(([, argv]) => existsSync(argv[0] ?? ''));

describe('buildProbeScript', () => {
  it('takes only a nonce of letters and digits, and makes a new one each time', () => {
    expect(() => buildProbeScript("x'; rm -rf /; '")).toThrow();
    expect(() => buildProbeScript('short')).toThrow();
    expect(newProbeNonce()).not.toBe(newProbeNonce());
    expect(buildProbeScript().nonce).toMatch(/^apc[0-9a-f]{20}$/);
  });

  it('is one line without control characters, so a root terminal takes it as plain typed text', () => {
    const { text } = buildProbeScript();
    const controls = [...text].filter((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
    expect(controls).toEqual([]);
  });

  it('names every platform path quoted, and never prints a marker literally', () => {
    const { text, nonce } = buildProbeScript();
    for (const path of [AP_PATHS.label, AP_PATHS.dataMount, AP_PATHS.reserveFile, AP_PATHS.logs, AP_PATHS.pgsql, AP_PATHS.standbyConfig, ...AP_PATHS.coreDumpRoots]) {
      expect(text).toContain(`'${path}'`);
    }
    // The script's own text shows up in ps; a marker in it would be taken for output.
    expect(text).not.toContain(`@${nonce}`);
  });
});

describe.skipIf(process.platform !== 'linux')('the probe script on this machine', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'apc-probe-script-'));
  });
  afterAll(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  it.each(SHELLS)('is valid POSIX sh for %s', async (_name, argv) => {
    const [shell = '', ...args] = argv;
    const { text } = buildProbeScript();
    await expect(run(shell, [...args, '-n', '-c', text])).resolves.toBeDefined();
  });

  it.each(SHELLS)('runs under %s, every section in order, and writes nothing', async (_name, argv) => {
    const [shell = '', ...args] = argv;
    const script = buildProbeScript();
    const { stdout } = await run(shell, [...args, '-c', script.text], { cwd, env: { PATH: '/usr/bin:/bin', HOME: cwd } });
    const facts = parseProbeOutput(stdout, script.nonce);
    const order = [...stdout.matchAll(new RegExp(`@${script.nonce}:s:(\\w+)`, 'g'))].map((m) => m[1]);
    expect(order).toEqual([...PROBE_SECTIONS]);
    expect(facts.uid.value).toBe(process.getuid?.());
    expect(facts.memory.totalBytes.value).toBe(totalmem());
    expect(facts.cpuCount.value).toBe(cpus().length);
    const machine: Record<string, string> = { x64: 'x86_64', arm64: 'aarch64' };
    if (machine[arch()]) expect(facts.arch.value).toBe(machine[arch()]);
    expect(Math.abs((facts.clockEpochSeconds.value ?? 0) - Date.now() / 1000)).toBeLessThan(60);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('keeps probes, its own and any other running meanwhile, out of the process list it reports', async () => {
    const other = buildProbeScript();
    const sleeper = execFile('/bin/sh', ['-c', `sleep 5; ${other.text}`]);
    try {
      const script = buildProbeScript();
      const { stdout } = await run('/bin/sh', ['-c', script.text], { cwd, env: { PATH: '/usr/bin:/bin', HOME: cwd } });
      const ps = stdout.split(`@${script.nonce}:s:ps\n`)[1]?.split(`\n@${script.nonce}:x:ps`)[0] ?? '';
      expect(ps).toMatch(/PID/);
      // The other probe's child is no probe: it stays.
      expect(ps).toContain('sleep 5');
      expect(ps).not.toContain(script.nonce);
      expect(ps).not.toContain(other.nonce);
    } finally {
      sleeper.kill();
    }
  });
});
