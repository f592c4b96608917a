import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { commandInputs } from '../../../src-shared/commandInputs';
import { argsSchemaFor } from '../../../src-shared/commands';
import { inputChecksArgs } from '../../../src-main/core/commands/commandFor';

/**
 * The planner skips its own args parse only when the router's caller input has checked the args
 * exactly as the op's args schema would (src-main/core/commands/commandFor.ts).
 */
const checks = (entityType: 'appointment' | 'client' | 'staff' | 'settings', op: string) => {
  const input = (commandInputs[entityType] as unknown as Record<string, z.ZodType>)[op];
  if (input === undefined) throw new Error(`no ${entityType}.${op}`);
  return inputChecksArgs(input, argsSchemaFor(entityType, op));
};

describe('inputChecksArgs', () => {
  it('holds for an input that is the args beside the command fields (a booking, an undo)', () => {
    expect(checks('appointment', 'create')).toBe(true);
    expect(checks('appointment', 'cancel')).toBe(true);
    expect(checks('client', 'undo')).toBe(true);
  });

  it('does not hold when the input reshapes the args: a PIN in the clear stands for its hash', () => {
    expect(checks('staff', 'create')).toBe(false);
    expect(checks('staff', 'update')).toBe(false);
  });

  it('does not hold when the args schema has a check of its own ("change at least one field")', () => {
    expect(checks('client', 'update')).toBe(false);
    expect(checks('settings', 'update')).toBe(false);
  });
});
