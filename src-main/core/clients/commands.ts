import { businessCommands } from '../commands/businessCommands';

/** The client commands by name (declared in src-shared/registry/client.ts). */
export const {
  create: createClient,
  update: updateClient,
  delete: deleteClient,
  restore: restoreClient,
  recordConsent: recordClientConsent,
  undo: undoClientChange,
} = businessCommands.client;
