import { commandFor } from '../commands/commandFor';

export const createService = commandFor('service', 'create');
export const updateService = commandFor('service', 'update');
export const archiveService = commandFor('service', 'archive');
export const unarchiveService = commandFor('service', 'unarchive');
export const undoServiceChange = commandFor('service', 'undo');
