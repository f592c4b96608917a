import { businessCommands } from '../commands/businessCommands';

/** The waitlist commands by name (declared in src-shared/registry/waitlist.ts). */
export const {
  create: createWaitlistEntry,
  update: updateWaitlistEntry,
  markBooked: markWaitlistEntryBooked,
  delete: removeWaitlistEntry,
  undo: undoWaitlistChange,
} = businessCommands.waitlist;
