import { businessCommands } from '../commands/businessCommands';

/** The shop settings commands by name (declared in src-shared/registry/settings.ts). */
export const { create: setUpShop, update: updateShopSettings, undo: undoSettingsChange } = businessCommands.settings;
