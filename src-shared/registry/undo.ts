import { z } from 'zod';
import { idSchema } from '../entities';
import { changeInput } from './declare';
import { allowPast, allowShortage } from './fields';

/**
 * Undo, declared once for every kind of record: it names the event to undo, and it is an op of its
 * own so that sync carries it like any other. Its planning (put back the fields that event changed)
 * is the same for every kind and lives in operations.ts.
 */
export const undoArgsSchema = z.strictObject({ eventId: idSchema, allowPast, allowShortage });

export const undo = {
  args: undoArgsSchema,
  input: changeInput(undoArgsSchema),
  reasonRequired: false,
  wording: {
    /** "Appointment change undone". */
    label: (title: string) => `${title} change undone`,
    verb: 'undid',
    name: 'undo',
  },
} as const;
