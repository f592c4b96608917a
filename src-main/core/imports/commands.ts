import { businessCommands } from '../commands/businessCommands';

/** The client-import commands by name (declared in src-shared/registry/importBatch.ts). */
export const { create: createImportBatch, undo: undoImportBatchChange } = businessCommands.importBatch;
