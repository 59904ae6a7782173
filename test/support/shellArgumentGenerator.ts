import { randomInt } from 'node:crypto';

/**
 * Seeded arguments for fuzzing shell quoting: instance names, domains and paths as platforms report them,
 * mixed with shell syntax, control characters, unicode and leading dashes. Every piece that would run
 * something if a shell ever parsed it writes a file starting with the marker prefix, so a check only has
 * to look for such files. The same seed gives the same arguments (the marker prefix aside).
 */

export const MAX_ARGUMENT_BYTES = 4096;

/** The seed from SHELL_FUZZ_SEED (decimal or 0x hex) to replay a run, else a fresh one. */
export function fuzzSeed(env: NodeJS.ProcessEnv = process.env): number {
  const given = env.SHELL_FUZZ_SEED?.trim();
  if (!given) return randomInt(0, 2 ** 32);
  const seed = Number(given);
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) throw new Error(`SHELL_FUZZ_SEED must be an integer from 0 to 2^32-1, not "${given}".`);
  return seed;
}

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  int(below: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

/** mulberry32: small, fast and good enough to spread test inputs. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const int = (below: number) => Math.floor(next() * below);
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => {
      const item = items[int(items.length)];
      if (item === undefined) throw new Error('cannot pick from an empty list');
      return item;
    },
    chance: (probability) => next() < probability,
  };
}

/** Shell syntax that runs a command if it is ever parsed; `marker` names the file it would leave. */
export function executingPieces(marker: (tag: string) => string): string[] {
  const m = marker;
  return [
    `$(touch ${m('subst')})`,
    `\`touch ${m('backtick')}\``,
    `; touch ${m('semicolon')}`,
    `| touch ${m('pipe')}`,
    `& touch ${m('background')}`,
    `&& touch ${m('and')}`,
    `|| touch ${m('or')}`,
    `\ntouch ${m('newline')}\n`,
    `\rtouch ${m('cr')}`,
    `> ${m('redirect')}`,
    `>> ${m('append')}`,
    `2>&1 > ${m('stderr-redirect')}`,
    `x; echo x >> ${m('echo')} #`,
    `'; touch ${m('single-break')}; '`,
    `"; touch ${m('double-break')}; "`,
    `'$(touch ${m('single-subst')})'`,
    `"$(touch ${m('double-subst')})"`,
    `'\\''; touch ${m('escaped-quote')}; '\\''`,
    `\\'; touch ${m('backslash-quote')}; \\'`,
    `$(touch\${IFS}${m('ifs')})`,
    `\${x:-$(touch ${m('default')})}`,
    `$((0))$(touch ${m('arith')})`,
    `<(touch ${m('procsub-in')})`,
    `>(touch ${m('procsub-out')})`,
    `{ touch ${m('group')}; }`,
    `(touch ${m('subshell')})`,
    `$'\\x27'; touch ${m('ansi-c')}; $'\\x27'`,
    `\\\ntouch ${m('continuation')}`,
    `x=$(touch ${m('assignment')})`,
    `*; touch ${m('glob')}`,
  ];
}

/** Shell syntax and characters that change an argument if it is parsed, without running anything. */
export const SYNTAX_PIECES: readonly string[] = [
  "'", '"', '\\', '`', '$()', '${IFS}', '$IFS', '$HOME', '$$', '$0', '$1', '$@', '$*', '$#', '$?', '$-', '$!', '${#}', '${x:-y}', '$((1+1))',
  '$', '$$$', ';', '|', '&', '&&', '||', '>', '<', '>>', '<<', '2>&1', '*', '?', '[', ']', '[a-z]', '[!a]', '{a,b}', '{1..3}', '~', '~root', '!', '!!',
  '!$', '#', ' #', '%s', '%n', '%%', '\\n', '\\0', '\\x41', '=', 'a=b', '(', ')', '{', '}', "''", '""', "'\\''", "\\'", '\\"', '\\\\', '\\$', '\\`',
  "$'x'", '$"x"', '\n', '\r', '\t', '\r\n', ' ', '  ', '\v', '\f', '\x1b[31m', '\x07', '\x7f', '\x01', '\x1f', '--', '-', '-n', '-e', '-E', '-c',
];

export const UNICODE_PIECES: readonly string[] = [
  'ä', 'ö', 'ü', 'Ä', 'ß', 'é', 'e\u0301', 'n\u0303\u0301', '€', '😀', '👨‍👩‍👧', '🇩🇪', '\u200f', '\u200e', '\u202e', '\u2066', '\u00a0', '\u2028',
  '\u2029', '\ufeff', '\u200b', '\u3000', 'Ω', 'שלום', 'مرحبا', '中文', '日本語', '한국어', '＇', '＂', '｀', '＄', '\u2018', '\u2019', '\u201c', '\u201d',
  '\u00ad', '\ufffd', '\u{10ffff}', '\u{1d11e}',
];

export const LEADING_DASHES: readonly string[] = ['-rf', '--help', '-', '--', '-n', '-e', '--version', '-%s', '-c', '--rsh=x', '-o ProxyCommand=x'];

const TLDS = ['com', 'de', 'at', 'ch', 'co.uk', 'org', 'net', 'local', 'lab', 'xn--p1ai', 'museum'];
const WORDS = ['example', 'acme', 'innovaphone', 'kunde', 'müller', 'partner', 'site', 'pbx', 'my app', 'ap', 'tel', 'über', 'o\'brien', 'zürich'];
const INSTANCES = ['users', 'devices', 'reporting', 'pbxmanager', 'myapps', 'contacts', 'calendar', 'queuemonitor', 'fax', 'voicemail', 'switchboard'];
const LOG_ROOTS = ['/var/log/apps', '/mnt/sda2/log/apps', '/mnt/sda2/apps', '/var/log', '/mnt/sda1/label', '/home/admin', '.', '..', '~'];

function label(random: Random): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789-';
  if (random.chance(0.5)) return random.pick(WORDS).replace(/ /g, random.chance(0.5) ? '-' : ' ');
  return Array.from({ length: 1 + random.int(12) }, () => random.pick([...alphabet])).join('');
}

export function randomDomain(random: Random): string {
  const labels = Array.from({ length: 1 + random.int(3) }, () => label(random));
  return `${labels.join('.')}.${random.pick(TLDS)}`;
}

export function randomInstanceName(random: Random): string {
  const instance = random.chance(0.6) ? random.pick(INSTANCES) : label(random);
  return `${randomDomain(random)}_${instance}`;
}

export function randomPath(random: Random): string {
  const parts = [random.pick(LOG_ROOTS)];
  for (let i = random.int(4); i >= 0; i--) {
    parts.push(random.pick([randomInstanceName(random), randomDomain(random), '..', '.', 'core_dumps', 'My Logs', 'x y', '', label(random)]));
  }
  const file = random.pick(['', '/', `/${random.pick(INSTANCES)}.log`, `/${random.pick(INSTANCES)}.log.1`, '/core.12345', '/*.log', '/-rf']);
  return parts.join('/') + file;
}

function randomCodePoint(random: Random): string {
  const range = random.pick([
    [0x01, 0x1f],
    [0x20, 0x7e],
    [0x7f, 0x9f],
    [0xa0, 0x2ff],
    [0x300, 0x36f],
    [0x590, 0x6ff],
    [0x2000, 0x206f],
    [0x3000, 0x9fff],
    [0xe000, 0xfffd],
    [0x1f300, 0x1faff],
    [0x10000, 0x10ffff],
  ] as const);
  return String.fromCodePoint(range[0] + random.int(range[1] - range[0] + 1));
}

/** Cuts a string to at most `bytes` of UTF-8 without splitting a code point. */
export function truncateUtf8(value: string, bytes: number): string {
  if (Buffer.byteLength(value, 'utf8') <= bytes) return value;
  let size = 0;
  let out = '';
  for (const codePoint of value) {
    size += Buffer.byteLength(codePoint, 'utf8');
    if (size > bytes) break;
    out += codePoint;
  }
  return out;
}

export interface ShellArgumentOptions {
  seed: number;
  count: number;
  /** Start of every file a hostile piece would write, e.g. /tmp/fuzz-pwned-1a2b. */
  markerPrefix: string;
}

/** Every piece alone first, so each is checked whatever the seed; then seeded mixtures up to `count`. */
export function generateShellArguments({ seed, count, markerPrefix }: ShellArgumentOptions): string[] {
  const random = createRandom(seed);
  const executing = executingPieces((tag) => `${markerPrefix}-${tag}`);
  const hostile = [...executing, ...SYNTAX_PIECES];
  const anyPiece = (): string => {
    switch (random.int(6)) {
      case 0:
      case 1:
        return random.pick(hostile);
      case 2:
        return random.pick(UNICODE_PIECES);
      case 3:
        return Array.from({ length: 1 + random.int(6) }, () => randomCodePoint(random)).join('');
      case 4:
        return random.pick([randomInstanceName, randomDomain, randomPath])(random);
      default:
        return random.pick(LEADING_DASHES);
    }
  };
  const real = () => random.pick([randomInstanceName, randomDomain, randomPath])(random);
  const shapes: ReadonlyArray<readonly [number, () => string]> = [
    [15, real],
    [
      33,
      () => {
        const chars = [...real()];
        for (let i = 1 + random.int(3); i > 0; i--) chars.splice(random.int(chars.length + 1), 0, random.pick(hostile));
        return chars.join('');
      },
    ],
    [27, () => Array.from({ length: 1 + random.int(8) }, anyPiece).join('')],
    [8, () => random.pick(LEADING_DASHES) + anyPiece()],
    [
      5,
      () => {
        const target = 256 + random.int(MAX_ARGUMENT_BYTES - 255);
        let long = '';
        while (Buffer.byteLength(long, 'utf8') < target) long += anyPiece();
        return truncateUtf8(long, target);
      },
    ],
    [10, () => Array.from({ length: 1 + random.int(40) }, () => randomCodePoint(random)).join('')],
    [2, () => ''],
  ];
  const total = shapes.reduce((sum, [weight]) => sum + weight, 0);
  const shaped = (): string => {
    let roll = random.int(total);
    for (const [weight, make] of shapes) {
      if (roll < weight) return make();
      roll -= weight;
    }
    return real();
  };
  const fixed = [
    '',
    ...hostile,
    ...UNICODE_PIECES,
    ...LEADING_DASHES,
    '\'"\\`$(){}[]*?~!#;|&<> \n\r\t',
    '\u00a0'.repeat(8),
    "'".repeat(MAX_ARGUMENT_BYTES),
    truncateUtf8(executing.join('').repeat(64), MAX_ARGUMENT_BYTES),
  ];
  const args = fixed.slice(0, count);
  while (args.length < count) args.push(truncateUtf8(shaped(), MAX_ARGUMENT_BYTES));
  return args;
}

/** What `printf '%s\0' args...` prints when every argument arrives unchanged. */
export function nulJoined(args: readonly string[]): Buffer {
  return Buffer.concat(args.map((arg) => Buffer.from(`${arg}\0`, 'utf8')));
}

/** Where printed output departs from the arguments, for a failure message; undefined when it is exact. */
export function describeMismatch(args: readonly string[], output: Buffer, seed: number): string | undefined {
  if (output.equals(nulJoined(args))) return undefined;
  const printed = output.toString('utf8').split('\0');
  const index = args.findIndex((arg, i) => printed[i] !== arg);
  const at = index < 0 ? args.length : index;
  return [
    `replay with SHELL_FUZZ_SEED=${seed}:`,
    `argument ${at} of ${args.length} differs`,
    `given   ${JSON.stringify(args[at] ?? '(none)')}`,
    `printed ${JSON.stringify(printed[at] ?? '(none)')}`,
    `${printed.length - 1} arguments printed, ${args.length} given`,
  ].join('\n');
}

export interface Batches {
  batches: string[][];
  /** Arguments whose command alone is longer than the limit. */
  oversized: string[];
}

/** Splits arguments into runs whose command, as `build` makes it, stays within `maxBytes` of UTF-8. */
export function batchByCommandBytes(args: readonly string[], build: (batch: readonly string[]) => string, maxBytes: number): Batches {
  const size = (batch: readonly string[]) => Buffer.byteLength(build(batch), 'utf8');
  const base = size([]);
  const batches: string[][] = [];
  const oversized: string[] = [];
  let current: string[] = [];
  let estimate = base;
  const flush = () => {
    if (current.length > 0) batches.push(...split(current));
    current = [];
    estimate = base;
  };
  // The estimate adds each argument's own cost; a batch over the limit after all is halved until it fits.
  const split = (batch: string[]): string[][] => {
    if (batch.length <= 1 || size(batch) <= maxBytes) return [batch];
    const half = Math.ceil(batch.length / 2);
    return [...split(batch.slice(0, half)), ...split(batch.slice(half))];
  };
  for (const arg of args) {
    const alone = size([arg]);
    if (alone > maxBytes) {
      oversized.push(arg);
      continue;
    }
    const cost = alone - base;
    if (estimate + cost > maxBytes) flush();
    current.push(arg);
    estimate += cost;
  }
  flush();
  return { batches, oversized };
}
