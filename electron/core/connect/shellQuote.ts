/** Quotes one argument for a POSIX shell: the shell sees exactly this string, whatever it holds. */
export function quoteArg(value: string): string {
  if (value.includes('\0')) throw new Error('A shell argument cannot contain a NUL byte.');
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The same, but leaves a word bare when it holds only characters no shell treats specially: easier to read where people see the command. */
export function quoteWord(value: string): string {
  return /^[A-Za-z0-9_@%+:,./-]+$/.test(value) ? value : quoteArg(value);
}

/** Builds one shell command from a program and its arguments, every part quoted. */
export function shellCommand(argv: readonly string[]): string {
  if (argv.length === 0) throw new Error('A shell command needs a program.');
  return argv.map(quoteArg).join(' ');
}

/** A path pattern the shell expands, such as the app log folders' files: only letters, digits, `_ . - / *` pass, so nothing else can be injected. */
export function shellGlob(pattern: string): string {
  if (!/^\/[A-Za-z0-9_./*-]*$/.test(pattern) || pattern.includes('..')) throw new Error(`"${pattern}" is not a safe path pattern.`);
  return pattern;
}
