import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Acceptance 5 of issue 6: electron-builder.yml is loaded and validated by electron-builder's own
 * code (its YAML loader and JSON-schema validator), offline, without building anything.
 */
interface BuilderConfig {
  appId: string;
  productName: string;
  linux: { target: unknown[] };
  win: { target: unknown[] };
  mac: { target: unknown[] };
  publish: unknown;
  files: unknown;
  asarUnpack: unknown;
  npmRebuild: boolean;
  extraMetadata: { main: string };
  electronFuses?: Record<string, boolean>;
}
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  getConfig: (projectDir: string, configPath: string | null, fromOptions: unknown) => Promise<BuilderConfig>;
  validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const root = resolve(__dirname, '../../..');

describe('electron-builder.yml', () => {
  it('passes electron-builder’s schema validation', async () => {
    const config = await getConfig(root, resolve(root, 'electron-builder.yml'), null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('builds CareDesk for Linux, Windows and macOS with a generic update feed from configuration', async () => {
    const config = await getConfig(root, resolve(root, 'electron-builder.yml'), null);
    expect(config.appId).toMatch(/^[a-z0-9.]+$/);
    expect(config.productName).toBe('CareDesk');
    const targets = (list: unknown[]) => list.map((t) => (typeof t === 'string' ? t : (t as { target: string }).target));
    expect(targets(config.linux.target)).toEqual(['AppImage', 'deb']);
    expect(targets(config.win.target)).toEqual(['nsis']);
    expect(targets(config.mac.target)).toEqual(['dmg']);
    expect(config.publish).toEqual([{ provider: 'generic', url: '${env.CAREDESK_UPDATE_URL}', channel: 'latest' }]);
    const files = (config.files as (string | { filter: string[] })[]).flatMap((f) => (typeof f === 'string' ? [f] : f.filter));
    expect(files).toEqual(expect.arrayContaining(['dist/**', 'drizzle/local/**']));
    expect(config.asarUnpack).toEqual(expect.arrayContaining([expect.stringMatching(/better-sqlite3.*\.node/)]));
    expect(config.npmRebuild).toBe(false);
    expect(config.extraMetadata.main).toBe('dist/main/electron/main.cjs');
  });

  it('flips the Electron fuses that turn the packaged app into a Node runtime or let it load unchecked code', async () => {
    const config = await getConfig(root, resolve(root, 'electron-builder.yml'), null);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // The names are electron-builder 26's own (its schema rejects unknown keys; see the first test).
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as {
      definitions: { FuseOptionsV1: { properties: Record<string, unknown>; additionalProperties: boolean } };
    };
    for (const key of Object.keys(config.electronFuses ?? {})) expect(schema.definitions.FuseOptionsV1.properties).toHaveProperty(key);
  });

  it('points at files that exist: the icon (512×512 PNG) and package.json main', () => {
    const icon = readFileSync(resolve(root, 'build/icon.png'));
    expect(icon.subarray(1, 4).toString()).toBe('PNG');
    expect(icon.readUInt32BE(16)).toBe(512);
    expect(icon.readUInt32BE(20)).toBe(512);
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/main/electron/main.cjs');
    expect(existsSync(resolve(root, 'drizzle/local/meta/_journal.json'))).toBe(true);
  });
});
