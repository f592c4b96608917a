import type { MenuItemConstructorOptions } from 'electron';
import { tIn, type Language } from '../../../src-shared/i18n';
import type { MenuCommand } from './securityPolicy';

/**
 * The desk's application menu in the shop's language. Electron's ready-made role menus (Edit,
 * Window, Help) name themselves in English, so every item names itself here; the role still does
 * the work. No Electron import at run time: a plain Node test reads the template.
 */
export function menuTemplate(options: {
  language: Language;
  platform: NodeJS.Platform;
  packaged: boolean;
  run: (command: MenuCommand) => void;
}): MenuItemConstructorOptions[] {
  const t = tIn(options.language, 'menu');
  const item = (command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label: t(command),
    ...(accelerator ? { accelerator } : {}),
    click: () => options.run(command),
  });
  type Role = 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll' | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen' | 'toggleDevTools' | 'minimize' | 'close' | 'quit';
  const role = (name: Role): MenuItemConstructorOptions => ({ role: name, label: t(name) });
  const mac = options.platform === 'darwin';
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: t('file'),
      submenu: [
        item('new', 'CmdOrCtrl+N'),
        item('today', 'CmdOrCtrl+T'),
        { type: 'separator' },
        item('print-day', 'CmdOrCtrl+P'),
        item('save-day-pdf', 'CmdOrCtrl+Shift+S'),
        { type: 'separator' },
        item('backups'),
        item('support-report'),
        { type: 'separator' },
        mac ? role('close') : role('quit'),
      ],
    },
    {
      label: t('edit'),
      submenu: [role('undo'), role('redo'), { type: 'separator' }, role('cut'), role('copy'), role('paste'), role('selectAll')],
    },
    {
      label: t('view'),
      submenu: [
        role('resetZoom'),
        role('zoomIn'),
        role('zoomOut'),
        { type: 'separator' },
        role('togglefullscreen'),
        ...(options.packaged ? [] : [role('toggleDevTools')]),
      ],
    },
    { label: t('window'), role: 'windowMenu', submenu: [role('minimize'), role('close')] },
    { label: t('help'), role: 'help', submenu: [item('check-for-updates'), item('support-report')] },
  ];
}
