/** Quotes one argument for a POSIX shell: the shell sees exactly this string, whatever it holds. */
export function quoteArg(value: string): string {
  if (value.includes('\0')) throw new Error('A shell argument cannot contain a NUL byte.');
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Builds one shell command from a program and its arguments, every part quoted. */
export function shellCommand(argv: readonly string[]): string {
  if (argv.length === 0) throw new Error('A shell command needs a program.');
  return argv.map(quoteArg).join(' ');
}
