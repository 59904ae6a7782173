import { randomBytes } from 'node:crypto';
import { quoteArg } from '../shellQuote';
import { ttyAssignLines } from './ttyAssign';

/**
 * The lines a root session types and the markers it looks for. Every marker carries a random nonce
 * of the session and is printed by printf from two separate arguments, so the typed text (should a
 * shell ever echo it) never contains the marker itself. Output is matched on markers only, never on
 * the wording of su or the shell, which depends on the platform's locale.
 */
export interface RootMarkers {
  readonly nonce: string;
}

const COMMAND_VAR = '__apc_c';

export function newRootMarkers(): RootMarkers {
  return { nonce: `apc${randomBytes(12).toString('hex')}` };
}

/** printf of the marker from two arguments, then `:value` for each extra (shell words, already quoted). */
const printMarker = (m: RootMarkers, tag: string, extras: readonly string[] = []) =>
  [`printf '%s%s${':%s'.repeat(extras.length)}\\n'`, quoteArg(m.nonce), quoteArg(`:${tag}`), ...extras].join(' ');

/**
 * The command of the admin channel: raw output (no NL→CR NL), then a marker with admin's uid and the
 * tty, then su. Whatever su prints after this marker is its password prompt, in any language.
 */
export function suCommand(m: RootMarkers, login: boolean): string {
  return `stty -opost 2>/dev/null; ${printMarker(m, 'su', ['"$(id -u)"', '"$(tty)"'])}; exec su ${login ? '- ' : ''}root`;
}

export function suMarkerPattern(m: RootMarkers): RegExp {
  return new RegExp(`${m.nonce}:su:(\\d+):([^\\r\\n]*)\\r?\\n`);
}

/**
 * Typed into the new root shell: echo off, raw output, empty prompts, no line editing or history file,
 * then the ready marker with the uid and the shell's pid. `set +o` stays last on its line: a shell that
 * has no line editing rejects it and drops the rest of that line.
 */
export function bootstrapInput(m: RootMarkers): string {
  return `stty -echo -opost 2>/dev/null; PS1=''; PS2=''; unset PROMPT_COMMAND HISTFILE; set +o emacs +o vi 2>/dev/null\n${printMarker(m, 'up', ['"$(id -u)"', '"$$"'])}\n`;
}

/** Groups: uid, shell pid, and "\r" when the terminal still turns NL into CR NL (raw output failed). */
export function readyPattern(m: RootMarkers): RegExp {
  return new RegExp(`${m.nonce}:up:(\\d+):(\\d+)(\\r?)\\n`);
}

export const beginMarker = (m: RootMarkers, id: number) => Buffer.from(`${m.nonce}:b:${id}\n`);
/** Followed by the exit code and a newline. The newline before it is printed by the session, not the command. */
export const endMarkerPrefix = (m: RootMarkers, id: number) => Buffer.from(`\n${m.nonce}:e:${id}:`);
export const syncMarker = (m: RootMarkers, id: number) => Buffer.from(`${m.nonce}:s:${id}\n`);

/**
 * One command typed into the root shell: the command text is assembled in a variable (see
 * ttyAssignLines), then run between a begin and an end marker; the end marker carries the exit code.
 * `command eval` keeps a syntax error from aborting the line (the end marker would never come);
 * stdin is /dev/null so a command cannot swallow what is typed next.
 */
export function commandInput(m: RootMarkers, id: number, command: string): string {
  const lines = ttyAssignLines(COMMAND_VAR, command);
  lines.push(`${printMarker(m, `b:${id}`)}; command eval "$${COMMAND_VAR}" </dev/null; printf '\\n%s%s:%s\\n' ${quoteArg(m.nonce)} ${quoteArg(`:e:${id}`)} "$?"`);
  return `${lines.join('\n')}\n`;
}

export function syncInput(m: RootMarkers, id: number): string {
  return `${printMarker(m, `s:${id}`)}\n`;
}
