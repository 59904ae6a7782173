import { ConnectError } from '../connectError';

/** Linux termios c_lflag bits. */
const ECHO = 0o10;
const ICANON = 0o2;

export interface LineMode {
  echo: boolean;
  canonical: boolean;
}

/**
 * Reads the line mode from `stty -g` (GNU and BusyBox share the format: iflag:oflag:cflag:lflag:…, hex).
 * su reads the password with echo off in canonical mode; a shell has echo on or line editing (non-canonical).
 */
export function lineModeFromSttyG(text: string): LineMode | undefined {
  const fields = text.trim().split(':');
  if (fields.length < 4 || !/^[0-9a-f]+$/i.test(fields[3] ?? '')) return undefined;
  const lflag = parseInt(fields[3] ?? '', 16);
  return { echo: (lflag & ECHO) !== 0, canonical: (lflag & ICANON) !== 0 };
}

export const isPasswordPrompt = (mode: LineMode | undefined): boolean => mode !== undefined && !mode.echo && mode.canonical;

const isControl = (ch: string) => {
  const code = ch.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
};

/** A password su can read from a tty line: no line end and no character the line discipline acts on. */
export function typablePassword(password: string): boolean {
  return password.length > 0 && ![...password].some((ch) => isControl(ch));
}

const ESC = String.fromCharCode(0x1b);
const ANSI_SEQUENCE = new RegExp(`${ESC}\\[[0-9;?]*[A-Za-z]`, 'g');

/** Removes every occurrence of the secret, e.g. from su's words kept for an error's details. */
export function redact(text: string, secret: string): string {
  return secret ? text.split(secret).join('********') : text;
}

/** su's own last words, for details only: printable, short, secret-free, without the lines the session typed (a tty may echo them). */
export function suWords(transcript: string, secret: string, typed: string): string {
  const clean = [...redact(transcript, secret).replace(ANSI_SEQUENCE, '')]
    .filter((ch) => ch === '\n' || ch === '\t' || !isControl(ch))
    .join('');
  const lines = clean
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !typed.includes(line));
  return lines.join('\n').slice(-300);
}

/** Why su ended before a root shell answered, from its exit status (its wording depends on the locale). */
export function suEndedError(platform: string, code: number | null, words: string): ConnectError {
  const details = { platform, exitCode: code, su: words };
  if (code === 126 || code === 127) {
    return new ConnectError('remote_failed', `su is not available to admin on ${platform} (exit ${code}). Root work needs su root; check the platform's image.`, details);
  }
  if (code === 0) {
    return new ConnectError('remote_failed', `The root shell on ${platform} ended as soon as it started. Check root's shell and profile on the platform.`, details);
  }
  if (code === null) {
    return new ConnectError('disconnected', `The connection to ${platform} closed while switching to root. Check the connection and try again.`, details);
  }
  return new ConnectError(
    'root_auth_failed',
    `su root was refused: the root password stored for ${platform} is wrong. Store the platform's current root password (it may have been changed by Devices) and try again.`,
    details,
  );
}
