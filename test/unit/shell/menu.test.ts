import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate } from '../../../src-main/launch/electron/menu';
import { menuCommands, type MenuCommand } from '../../../src-main/launch/electron/securityPolicy';

/** Every label of a menu template, top to bottom. */
function labels(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.label === undefined ? [] : [item.label]),
    ...(Array.isArray(item.submenu) ? labels(item.submenu as MenuItemConstructorOptions[]) : []),
  ]);
}

describe("the desk's menu", () => {
  it("names every item in the shop's language, Electron's own role menus too", () => {
    const run: MenuCommand[] = [];
    const spanish = menuTemplate({ language: 'es', platform: 'linux', packaged: true, run: (command) => run.push(command) });
    expect(spanish.map((menu) => menu.label)).toEqual(['Archivo', 'Edición', 'Ver', 'Ventana', 'Ayuda']);
    const words = labels(spanish);
    expect(words).toEqual(expect.arrayContaining(['Nueva cita', 'Imprimir el día…', 'Deshacer', 'Pegar', 'Buscar actualizaciones…', 'Salir de CareDesk']));
    const english = new Set(labels(menuTemplate({ language: 'en', platform: 'linux', packaged: true, run: () => undefined })));
    expect(words.filter((word) => english.has(word) && word !== 'CareDesk')).toEqual([]);
    // Every command of the menu is in it and does its own work.
    const clickable = spanish.flatMap((menu) => (menu.submenu as MenuItemConstructorOptions[]).filter((item) => item.click !== undefined));
    for (const item of clickable) (item.click as () => void)();
    expect(new Set(run)).toEqual(new Set(menuCommands));
  });

  it('quits on Windows and Linux, closes the window on a Mac; developer tools only unpackaged', () => {
    const linux = labels(menuTemplate({ language: 'en', platform: 'linux', packaged: true, run: () => undefined }));
    expect(linux).toContain('Quit CareDesk');
    expect(linux).not.toContain('Toggle Developer Tools');
    const mac = labels(menuTemplate({ language: 'en', platform: 'darwin', packaged: false, run: () => undefined }));
    expect(mac).not.toContain('Quit CareDesk');
    expect(mac).toContain('Toggle Developer Tools');
  });
});
