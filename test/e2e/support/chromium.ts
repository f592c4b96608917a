/**
 * Debian's Chromium, as every Playwright run here launches it: never a downloaded browser, and
 * none of its background traffic (this machine's network is closed; the refused connections
 * would only slow it down).
 */
export const chromiumPath = '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
