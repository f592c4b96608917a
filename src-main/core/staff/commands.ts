import { businessCommands } from '../commands/businessCommands';

/** The staff commands by name (declared in src-shared/registry/staff.ts; a PIN is hashed before the command). */
export const {
  create: createStaffMember,
  update: updateStaffMember,
  deactivate: deactivateStaffMember,
  reactivate: reactivateStaffMember,
  undo: undoStaffChange,
} = businessCommands.staff;
