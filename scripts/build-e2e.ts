/**
 * Bundles the browser-mode desk and the sync server for the e2e suite, which starts dozens of each:
 *   dist/e2e/web/cli.mjs   (src-main/launch/web/cli.ts)
 *   dist/e2e/server.mjs    (server/cli.ts)
 * Started by plain `node`, a desk is ready in about half the time tsx needs to compile it again, and
 * on a two-core machine those seconds are taken from the browser the tests drive. Packages stay
 * in node_modules (only the project's own TypeScript is bundled), so nothing is built twice.
 *
 * The depths are chosen, not incidental: the desk finds drizzle/local, package.json and
 * dist/renderer three folders above its module, the server finds drizzle/server two above its
 * (src-main/core/store/open.ts, src-main/launch/web/cli.ts, server/db/connect.ts), so each bundle
 * sits as deep as its entry file does in the source tree.
 */
import { build, type BuildOptions } from 'esbuild';

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  outExtension: { '.js': '.mjs' },
};

await Promise.all([
  build({ ...common, entryPoints: { cli: 'src-main/launch/web/cli.ts' }, outdir: 'dist/e2e/web' }),
  build({ ...common, entryPoints: { server: 'server/cli.ts' }, outdir: 'dist/e2e' }),
]);
