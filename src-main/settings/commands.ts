import { commandFor } from '../commands/commandFor';

export const setUpShop = commandFor('settings', 'create');
export const updateShopSettings = commandFor('settings', 'update');
export const undoSettingsChange = commandFor('settings', 'undo');
