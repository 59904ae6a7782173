import { quoteArg } from '../shellQuote';

/** Characters per typed line; even fully escaped they stay far below the tty's 4095-byte line limit. */
const CHUNK = 600;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Characters a tty in canonical mode would act on (signals, erase, EOF, CR→NL, flow control) instead of passing them. */
const isControl = (code: number) => code < 0x20 || code === 0x7f;

/**
 * A printf format that prints exactly `text`: control characters, quote, backslash and percent as octal
 * escapes, and a leading dash too, which printf would take for an option.
 */
function printfFormat(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const escape = isControl(code) || code === 0x25 || code === 0x27 || code === 0x5c || (i === 0 && code === 0x2d);
    out += escape ? `\\${code.toString(8).padStart(3, '0')}` : text[i];
  }
  return out;
}

/** Splits without cutting a surrogate pair. */
function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}

/**
 * Shell lines that, typed into an interactive shell on a tty, set `variable` to exactly `text`.
 * Each line is short (a tty line holds at most 4095 bytes) and holds no control character:
 * those would be taken by the line discipline (^C interrupts, ^U erases, ^D ends input, CR turns
 * into NL), so a piece holding any is produced by printf from octal escapes instead.
 */
export function ttyAssignLines(variable: string, text: string): string[] {
  if (!NAME.test(variable)) throw new Error(`Not a shell variable name: ${variable}`);
  const scratch = `${variable}_t`;
  const lines = [`${variable}=''`];
  for (const part of chunks(text, CHUNK)) {
    let control = false;
    for (let i = 0; i < part.length && !control; i++) control = isControl(part.charCodeAt(i));
    // The trailing "_" keeps a final newline from being dropped by the command substitution.
    if (control) lines.push(`${scratch}=$(printf '${printfFormat(part)}_'); ${variable}=$${variable}\${${scratch}%_}`);
    else lines.push(`${variable}=$${variable}${quoteArg(part)}`);
  }
  return lines;
}
