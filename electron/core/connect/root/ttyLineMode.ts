import { quoteArg, shellCommand } from '../shellQuote';

/** A terminal device path as `tty` prints it; anything else (e.g. "not a tty") is no terminal. */
export const isTtyPath = (path: string): boolean => /^\/dev\/[A-Za-z0-9/_.-]+$/.test(path);

/** Prints the tty's settings (`stty -g`, read with lineModeFromSttyG) from a second channel, without touching the terminal's input. */
export function sttyReadCommand(tty: string): string {
  if (!isTtyPath(tty)) throw new Error(`Not a terminal device: ${tty}`);
  return `${shellCommand(['stty', '-g'])} <${quoteArg(tty)}`;
}
