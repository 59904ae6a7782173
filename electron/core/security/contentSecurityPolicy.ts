export interface CspOptions {
  /** Extra connect-src entries, e.g. the dev server's HMR socket. */
  connect?: readonly string[];
  /** Only for the development server, whose React refresh preamble is an inline script. */
  inlineScripts?: boolean;
}

/** The renderer's CSP: own files only, no eval, no remote origins; MUI's emotion needs inline styles. */
export function contentSecurityPolicy(options: CspOptions = {}): string {
  const connect = options.connect ?? [];
  return [
    "default-src 'none'",
    `script-src 'self'${options.inlineScripts ? " 'unsafe-inline'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self'${connect.map((source) => ` ${source}`).join('')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
