import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { viewerHandlers } from '../../electron/core/retrieval/viewer/viewerHandlers';
import { LARGE_NEEDLE, sh, writeLargeTree } from '../unit/retrieval/viewer/viewerFixtures';

/**
 * The offline viewer against the command line, in the same run: opening a log.tar.xz (xz + untar + index) against
 * `xz -dc | tar -x`, and its text and regex search against `grep -rn` / `grep -rniE`. Prints seconds, MB/s (of
 * unpacked logs), ratios and peak RSS of each side (every side runs as its own process under /usr/bin/time).
 * VIEWER_BENCH_MB=200,1000 picks the sizes (default 200).
 */
const SIZES = (process.env.VIEWER_BENCH_MB ?? '200').split(',').map(Number).filter((n) => n > 0);
const REGEX = 'license check failed for instance acme-[0-9]{4}$';

interface Timed {
  seconds: number;
  rssMiB: number;
  stdout: string;
}

/** Runs a command under /usr/bin/time and returns its wall seconds, peak RSS and output. */
function timed(args: string[], cwd?: string): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-f', 'RSS_KB=%M', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const rss = Number(/RSS_KB=(\d+)/.exec(stderr)?.[1] ?? 0) / 1024;
      if (code !== 0 && code !== 1) reject(new Error(`${args.join(' ')} failed (${code}): ${stderr}`));
      else resolve({ seconds, rssMiB: rss, stdout });
    });
  });
}

/** The viewer's side, in a process of its own: prints one JSON line with the seconds of each step. */
async function viewerChild(archive: string, dataDir: string): Promise<void> {
  const v = viewerHandlers({ dataDir, log: { info: () => undefined, error: (m, e) => console.error(m, e) } });
  const clock = () => Number(process.hrtime.bigint()) / 1e9;
  let t = clock();
  const opened = await v.handlers['viewer.open']({ localPath: archive });
  const open = clock() - t;
  t = clock();
  const text = await v.handlers['viewer.search']({ bundleId: opened.bundleId, pattern: LARGE_NEEDLE, regex: false, caseSensitive: true });
  const textSearch = clock() - t;
  t = clock();
  let regexHits = 0;
  let cursor: string | undefined;
  for (;;) {
    const page = await v.handlers['viewer.search']({ bundleId: opened.bundleId, pattern: REGEX, regex: true, caseSensitive: false, ...(cursor ? { cursor } : {}) });
    regexHits += page.hits.length;
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  const regexSearch = clock() - t;
  t = clock();
  const timeline = await v.handlers['viewer.timeline']({ bundleId: opened.bundleId, limit: 5000, from: new Date(Date.UTC(2026, 11, 1, 12)).toISOString() });
  const timelinePage = clock() - t;
  await v.close();
  console.log(JSON.stringify({ open, textSearch, regexSearch, timelinePage, textHits: text.hits.length, regexHits, timelineLines: timeline.lines.length }));
}

async function bench(mb: number, work: string): Promise<void> {
  const tree = join(work, `tree-${mb}`);
  console.log(`\n== ${mb} MB: generating logs and log.tar.xz (tar | xz -0 -T2), not timed…`);
  const { bytes } = await writeLargeTree(tree, mb * 1.06, 345_678);
  const archive = join(work, `log-${mb}.tar.xz`);
  await sh(`tar -cf - var/log | xz -z -0 -T2 - > '${archive}'`, tree);
  await rm(tree, { recursive: true, force: true });
  const unpacked = join(work, `unpacked-${mb}`);
  await sh(`mkdir -p '${unpacked}' && cat '${archive}' > /dev/null`);
  const peerUnpack = await timed(['sh', '-c', `xz -dc '${archive}' | tar -x -C '${unpacked}'`]);
  const peerGrep = await timed(['grep', '-rn', '-F', LARGE_NEEDLE, unpacked]);
  const peerGrepE = await timed(['grep', '-rniE', REGEX, unpacked]);
  const child = await timed(['npx', 'tsx', new URL(import.meta.url).pathname, '--viewer-child', archive, join(work, `data-${mb}`)]);
  const ours = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
  const mbs = (seconds: number) => (bytes / 1e6 / seconds).toFixed(0).padStart(6);
  const row = (label: string, seconds: number, peer?: number) => console.log(`${label.padEnd(44)} ${seconds.toFixed(2).padStart(7)} s ${mbs(seconds)} MB/s${peer ? `   ${(seconds / peer).toFixed(2)}x the peer's time` : ''}`);
  console.log(`${(bytes / 1e6).toFixed(0)} MB of logs in 5 files, archive ${((await stat(archive)).size / 1e6).toFixed(1)} MB`);
  row('peer: xz -dc | tar -x', peerUnpack.seconds);
  row('viewer.open (xz, untar, sha256, line index)', ours.open ?? 0, peerUnpack.seconds);
  row('peer: grep -rn -F (text)', peerGrep.seconds);
  row(`viewer.search text (${ours.textHits} hit)`, ours.textSearch ?? 0, peerGrep.seconds);
  row('peer: grep -rniE (regex, ignore case)', peerGrepE.seconds);
  row(`viewer.search regex, ignore case (${ours.regexHits} hit)`, ours.regexSearch ?? 0, peerGrepE.seconds);
  console.log(`${'viewer.timeline, 5000 lines from 12:00'.padEnd(44)} ${(ours.timelinePage ?? 0).toFixed(3).padStart(7)} s`);
  console.log(`peak RSS: viewer process ${child.rssMiB.toFixed(0)} MiB (node + tsx included), xz|tar ${peerUnpack.rssMiB.toFixed(0)} MiB, grep ${peerGrep.rssMiB.toFixed(0)} MiB, grep -E ${peerGrepE.rssMiB.toFixed(0)} MiB`);
  await rm(unpacked, { recursive: true, force: true });
  await rm(join(work, `data-${mb}`), { recursive: true, force: true });
  await rm(archive, { force: true });
}

async function main(): Promise<void> {
  if (process.argv[2] === '--viewer-child') return viewerChild(process.argv[3] ?? '', process.argv[4] ?? '');
  const work = await mkdtemp(join(tmpdir(), 'apc-bench-viewer-'));
  try {
    for (const mb of SIZES) await bench(mb, work);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
