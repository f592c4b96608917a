import { describe, expect, it } from 'vitest';
import { opSchemas } from '../../../src-shared/commands';
import { parseOrThrow } from '../../../src-shared/errors';
import { fieldError } from '../../../src-shared/registry/planning';
import { refusal } from '../../support/refusal';

/** Validation messages name the field in words, never by its path ("openingHours.mon.0.close"). */

const day = [{ open: '09:00', close: '17:00' }];
const week = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] };

describe('a validation message a receptionist reads', () => {
  it('says which day and which opening interval a wrong closing time is in', () => {
    const error = refusal(() =>
      parseOrThrow(opSchemas.settings.update, { openingHours: { ...week, mon: [{ open: '09:00', close: '12:00' }, { open: '18:00', close: '17:00' }] } }),
    );
    expect(error.message).toBe("Monday's opening hours, second interval: closing time must be after the opening time.");
    // The path stays in the details, for the form to put the message beside its field.
    expect(error.details).toMatchObject({ field: 'openingHours.mon.1.close' });
  });

  it('never quotes a path, even for a value it has no name for', () => {
    const error = refusal(() => parseOrThrow(opSchemas.settings.update, { openingHours: { ...week, tue: [{ open: '9 o’clock', close: '17:00' }] } }));
    expect(error.message).toMatch(/^Tuesday's opening hours, first interval: opening time /);
    for (const message of [error.message, refusal(() => fieldError('serviceId', 'planning.serviceArchived')).message]) {
      expect(message).not.toMatch(/"|\w\.\w|Id\b/);
    }
    expect(refusal(() => fieldError('serviceId', 'planning.serviceArchived')).message).toBe('Service: this service is archived.');
  });
});

describe('a value with no plain name', () => {
  it('is named by its key in words, never by its dotted path', async () => {
    const { validationError } = await import('../../../src-shared/errors');
    const { z } = await import('zod');
    const schema = z.strictObject({ extras: z.strictObject({ stepCount: z.int().min(1) }) });
    const error = validationError(schema.safeParse({ extras: { stepCount: 0 } }).error!);
    expect(error.message).toBe('Step count must be at least 1.');
    expect(error.details).toMatchObject({ field: 'extras.stepCount' });
  });
});
