import { readFileSync } from 'node:fs';
import { writeFileDurably } from '../../core/disk/files';

/** The main window's size and place, kept between launches (no Electron import: tested in Node). */
export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const defaultWindowState: WindowState = { width: 1280, height: 820, maximized: false };
const MIN = { width: 800, height: 560 };

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * Read the saved state; anything missing, corrupt, too small or off every display falls back to
 * the default, so the window never opens where nobody can see it.
 */
export function loadWindowState(file: string, displays: readonly Rect[]): WindowState {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { ...defaultWindowState };
  }
  const value = raw as Partial<WindowState>;
  if (!isNumber(value.width) || !isNumber(value.height)) return { ...defaultWindowState };
  const state: WindowState = {
    width: Math.max(MIN.width, Math.round(value.width)),
    height: Math.max(MIN.height, Math.round(value.height)),
    maximized: value.maximized === true,
  };
  if (isNumber(value.x) && isNumber(value.y)) {
    const x = Math.round(value.x);
    const y = Math.round(value.y);
    // At least 100×50 px of the title bar must be on some display.
    const visible = displays.some(
      (d) => x + state.width - 100 >= d.x && x + 100 <= d.x + d.width && y >= d.y && y + 50 <= d.y + d.height,
    );
    if (visible) {
      state.x = x;
      state.y = y;
    }
  }
  return state;
}

export async function saveWindowState(file: string, bounds: Rect, maximized: boolean): Promise<void> {
  const state: WindowState = { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height, maximized };
  await writeFileDurably(file, JSON.stringify(state), { createFolder: true, what: 'the window position' });
}
