import { commandFor } from '../commands/commandFor';

export const createClient = commandFor('client', 'create');
export const updateClient = commandFor('client', 'update');
export const deleteClient = commandFor('client', 'delete');
export const restoreClient = commandFor('client', 'restore');
export const undoClientChange = commandFor('client', 'undo');
