import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The renderer bundle: src-renderer → dist/renderer, served by Electron and by browser mode. */
export default defineConfig({
  root: `${here}src-renderer`,
  base: './',
  plugins: [react()],
  build: {
    outDir: `${here}dist/renderer`,
    emptyOutDir: true,
    // No inline scripts: the pages run under a strict Content-Security-Policy.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: true,
    target: 'es2022',
  },
  server: { port: 5173, strictPort: false },
});
