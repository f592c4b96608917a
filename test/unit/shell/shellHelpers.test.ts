import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RotatingLog } from '../../../src-main/launch/electron/crashLog';
import { defaultWindowState, loadWindowState, saveWindowState } from '../../../src-main/launch/electron/windowState';

const dir = () => mkdtempSync(join(tmpdir(), 'caredesk-unit-'));
const display = { x: 0, y: 0, width: 1920, height: 1080 };

describe('window state', () => {
  it('round-trips and falls back when missing, corrupt or off-screen', async () => {
    const file = join(dir(), 'window-state.json');
    expect(loadWindowState(file, [display])).toEqual(defaultWindowState);
    await saveWindowState(file, { x: 100, y: 80, width: 1000, height: 700 }, true);
    expect(loadWindowState(file, [display])).toEqual({ x: 100, y: 80, width: 1000, height: 700, maximized: true });
    expect(loadWindowState(file, [{ x: 3000, y: 0, width: 800, height: 600 }])).toEqual({ width: 1000, height: 700, maximized: true });
    writeFileSync(file, '{nope');
    expect(loadWindowState(file, [display])).toEqual(defaultWindowState);
    writeFileSync(file, JSON.stringify({ width: 10, height: 10 }));
    expect(loadWindowState(file, [display])).toMatchObject({ width: 800, height: 560 });
  });
});

describe('rotating crash log', () => {
  it('writes JSON lines and rotates, keeping N files', () => {
    const file = join(dir(), 'logs', 'main.log');
    const log = new RotatingLog(file, 300, 2, () => Date.UTC(2026, 0, 1));
    for (let i = 0; i < 20; i += 1) log.error('test', new Error(`boom ${i}`));
    expect(existsSync(file)).toBe(true);
    expect(existsSync(`${file}.1`)).toBe(true);
    expect(existsSync(`${file}.2`)).toBe(true);
    expect(existsSync(`${file}.3`)).toBe(false);
    const last = readFileSync(file, 'utf8').trim().split('\n').at(-1)!;
    expect(JSON.parse(last)).toMatchObject({ level: 'error', event: 'test', message: 'boom 19', at: '2026-01-01T00:00:00.000Z' });
  });
});
