import { businessCommands } from '../commands/businessCommands';

/** The stock commands by name (declared in src-shared/registry/product.ts and stockMovement.ts). */
export const { create: createProduct, update: updateProduct, remove: removeProduct, undo: undoProductChange } = businessCommands.product;
export const { create: recordStockMovement, undo: undoStockMovement } = businessCommands.stockMovement;
