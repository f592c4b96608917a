import { businessCommands } from '../commands/businessCommands';

/** The service commands by name (declared in src-shared/registry/service.ts). */
export const {
  create: createService,
  update: updateService,
  setSkills: setServiceSkills,
  setProducts: setServiceProducts,
  archive: archiveService,
  unarchive: unarchiveService,
  undo: undoServiceChange,
} = businessCommands.service;
