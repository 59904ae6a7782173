import { quoteArg, quoteWord, shellGlob } from '../connect/shellQuote';

/** A secret inside a command: sent to the platform, shown and recorded as `********`. */
export interface SecretArg {
  secret: string;
}

/** A path pattern the platform's shell expands. */
export interface GlobArg {
  glob: string;
}

export type Arg = string | SecretArg | GlobArg;

/** One shell command line: what the platform runs, and what people and the audit see. */
export interface RemoteCommand {
  text: string;
  masked: string;
}

export const MASK = '********';

const part = (arg: Arg, reveal: boolean) => {
  if (typeof arg === 'string') return quoteWord(arg);
  if ('glob' in arg) return shellGlob(arg.glob);
  return reveal ? quoteArg(arg.secret) : MASK;
};

/** A program and its arguments, every part quoted (or a checked glob). */
export function command(...argv: Arg[]): RemoteCommand {
  if (argv.length === 0) throw new Error('A command needs a program.');
  return { text: argv.map((a) => part(a, true)).join(' '), masked: argv.map((a) => part(a, false)).join(' ') };
}

const joined = (separator: string, commands: readonly RemoteCommand[]): RemoteCommand => ({
  text: commands.map((c) => c.text).join(separator),
  masked: commands.map((c) => c.masked).join(separator),
});

/** `a | b | c` */
export const pipeline = (...commands: RemoteCommand[]) => joined(' | ', commands);

/** `a && b` */
export const andThen = (...commands: RemoteCommand[]) => joined(' && ', commands);

/** `a > path` (or `>>` when appending). */
export function writeTo(source: RemoteCommand, path: string, append = false): RemoteCommand {
  const target = ` ${append ? '>>' : '>'} ${quoteWord(path)}`;
  return { text: source.text + target, masked: source.masked + target };
}

/** `a 2>&1`: errors in the output the step shows. */
export function withErrors(source: RemoteCommand): RemoteCommand {
  return { text: `${source.text} 2>&1`, masked: `${source.masked} 2>&1` };
}

export const secret = (value: string): SecretArg => ({ secret: value });
export const glob = (pattern: string): GlobArg => ({ glob: pattern });
