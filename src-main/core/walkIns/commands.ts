import { businessCommands } from '../commands/businessCommands';

/** The walk-in commands by name (declared in src-shared/registry/walkIn.ts). */
export const {
  create: createWalkIn,
  seat: markWalkInSeated,
  leave: markWalkInLeft,
  undo: undoWalkInChange,
} = businessCommands.walkIn;
