import { businessCommands } from '../commands/businessCommands';

/** The staff commands by name (declared in src-shared/registry/staff.ts; a PIN is hashed before the command). */
export const {
  create: createStaffMember,
  update: updateStaffMember,
  setWorkingHours: setWorkingHours,
  changeOwnPin: changeOwnPin,
  deactivate: deactivateStaffMember,
  reactivate: reactivateStaffMember,
  undo: undoStaffChange,
} = businessCommands.staff;

/** Time off and blocked time, by name (src-shared/registry/timeOff.ts and block.ts). */
export const { create: createTimeOff, update: updateTimeOff, delete: removeTimeOff, undo: undoTimeOffChange } =
  businessCommands.timeOff;
export const { create: createBlock, move: moveBlock, delete: removeBlock, undo: undoBlockChange } = businessCommands.block;
