/**
 * The one Content-Security-Policy of the desk's screens, for both launchers. Scripts and styles
 * only from the app itself (no inline, no eval — React's style props write element.style through
 * the CSSOM, which CSP does not block); no objects, base-URI changes, form posts or framing by
 * others. The launchers differ only in how the screens reach the core: Electron over IPC (no
 * network at all), browser mode over HTTP to its own origin, which also frames the printable day.
 */
export function contentSecurityPolicyFor(transport: 'ipc' | 'http'): string {
  const own = transport === 'http' ? "'self'" : "'none'";
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${own}`,
    `frame-src ${own}`,
    ...(transport === 'http' ? ["manifest-src 'self'"] : ["media-src 'none'", "worker-src 'none'"]),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
