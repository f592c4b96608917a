/**
 * The preload of the main window (sandboxed, context-isolated). It exposes the tRPC channel —
 * `window.electronTRPC` with sendMessage / onMessage — and nothing else (securityPolicy.preloadExposes).
 */
import { exposeElectronTRPC } from 'trpc-electron/main';

process.once('loaded', () => {
  exposeElectronTRPC();
});
