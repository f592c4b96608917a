/**
 * `npm start`: build, then open the desk in Electron — or, where the Electron binary is not
 * installed (offline installs, servers, CI), say so in one line and run browser mode instead,
 * opening the printed address in the default browser when the machine has one.
 *
 *   tsx scripts/start.ts [--skip-build] [--no-open] [browser-mode options, e.g. --demo --data <dir>]
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const args = process.argv.slice(2);
const skipBuild = args.includes('--skip-build');
const openBrowser = !args.includes('--no-open');
const passOn = args.filter((arg) => arg !== '--skip-build' && arg !== '--no-open');

/**
 * The Electron executable, or null when it is not there. Read from the electron package's own
 * path.txt rather than require('electron'), which tries to download the binary when it is missing.
 */
function electronBinary(): string | null {
  let packageDir: string;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (relative === '') return null;
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  const binary = join(distDir, relative);
  return existsSync(binary) ? binary : null;
}

/** The command that opens an address in the default browser, if this machine has one. */
function browserOpener(url: string): { command: string; args: string[] } | null {
  if (process.platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  const command = process.platform === 'darwin' ? 'open' : 'xdg-open';
  const onPath = (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, command)));
  return onPath ? { command, args: [url] } : null;
}

function openInBrowser(url: string): void {
  const opener = browserOpener(url);
  if (opener === null) return;
  // Best effort: a machine without a desktop still has the address printed above.
  const child = spawn(opener.command, opener.args, { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

if (!skipBuild) {
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const electron = electronBinary();
const child =
  electron !== null
    ? spawn(electron, ['.'], { cwd: root, stdio: 'inherit' })
    : (() => {
        console.log('The Electron binary is not installed on this machine, so CareDesk starts in browser mode instead.');
        return spawn(process.execPath, ['--import', 'tsx', join(root, 'src-main/launch/web/cli.ts'), ...passOn], {
          cwd: root,
          stdio: ['inherit', 'pipe', 'inherit'],
        });
      })();

if (electron === null && child.stdout !== null) {
  // Pass browser mode's output through unchanged; open the first address it prints.
  let seen = '';
  let opened = !openBrowser;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    process.stdout.write(chunk);
    if (opened) return;
    seen += chunk;
    const url = /(https?:\/\/127\.0\.0\.1:\d+\/\S*)\r?\n/.exec(seen)?.[1];
    if (url !== undefined) {
      opened = true;
      openInBrowser(url);
    }
  });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
