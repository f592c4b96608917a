import { describe, expect, it } from 'vitest';
import { formatterOf } from '../../../src-shared/locale/format';
import { DEFAULT_LOCALE } from '../../../src-shared/locale/settings';
import { checkPatchTest, patchTestWarning, wholeMonthsBetween, type PatchTestQuestion } from '../../../src-shared/patchTest';
import { addMonths, localTimeToInstant } from '../../../src-shared/time';

const colour = { needsPatchTest: true };
const sixMonths = { patchTestMaxAgeMonths: 6, timeZone: 'Europe/London' };

function ask(patchTestOn: string | null, visit: number | string, overrides: Partial<PatchTestQuestion> = {}) {
  return checkPatchTest({ service: colour, client: { patchTestOn }, settings: sixMonths, visit, ...overrides });
}

describe('addMonths: the same day months later, held to the end of a shorter month', () => {
  it.each([
    ['2026-01-15', 6, '2026-07-15'],
    ['2025-08-31', 6, '2026-02-28'],
    ['2023-08-31', 6, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-12-31', 2, '2027-02-28'],
    ['2026-05-31', -3, '2026-02-28'],
    ['2026-01-10', -1, '2025-12-10'],
    ['not-a-date', 3, 'not-a-date'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('wholeMonthsBetween', () => {
  it.each([
    ['2026-01-31', '2026-02-28', 1],
    ['2026-01-31', '2026-02-27', 0],
    ['2024-01-31', '2024-02-29', 1],
    ['2025-08-31', '2026-03-30', 6],
    ['2025-08-31', '2026-03-31', 7],
    ['2026-06-02', '2026-06-02', 0],
  ])('%s to %s is %i months', (from, to, months) => {
    expect(wholeMonthsBetween(from, to)).toBe(months);
  });
});

describe('checkPatchTest: is the patch test missing or too old for this service on this date?', () => {
  it('says nothing for a service that needs none, or when the shop has no rule', () => {
    expect(ask(null, '2026-06-02', { service: { needsPatchTest: false } })).toEqual({ kind: 'fine' });
    expect(ask('2020-01-01', '2026-06-02', { settings: { patchTestMaxAgeMonths: null, timeZone: 'Europe/London' } })).toEqual({ kind: 'fine' });
  });

  it('a client with no patch test on record is missing one', () => {
    expect(ask(null, '2026-06-02')).toEqual({ kind: 'missing', maxAgeMonths: 6 });
  });

  it('a test is good up to and including the same day six months later', () => {
    expect(ask('2026-01-15', '2026-07-15')).toEqual({ kind: 'fine' });
    expect(ask('2026-01-15', '2026-07-16')).toEqual({ kind: 'tooOld', testedOn: '2026-01-15', ageMonths: 6, maxAgeMonths: 6 });
    expect(ask('2026-01-15', '2026-08-20')).toMatchObject({ kind: 'tooOld', ageMonths: 7 });
  });

  it('month ends: a test on 31 August is good until the last day of February', () => {
    expect(ask('2025-08-31', '2026-02-28')).toEqual({ kind: 'fine' });
    expect(ask('2025-08-31', '2026-03-01')).toMatchObject({ kind: 'tooOld', ageMonths: 6 });
    // 31 March + 6 months is 30 September (September has no 31st).
    expect(ask('2026-03-31', '2026-09-30')).toEqual({ kind: 'fine' });
    expect(ask('2026-03-31', '2026-10-01')).toMatchObject({ kind: 'tooOld' });
  });

  it('leap day: the 29th of February exists only in a leap year', () => {
    // Six months before 29 Feb 2024 is 31 Aug 2023: good on the leap day itself, too old the next day.
    expect(ask('2023-08-31', '2024-02-29')).toEqual({ kind: 'fine' });
    expect(ask('2023-08-31', '2024-03-01')).toMatchObject({ kind: 'tooOld' });
    // A test on the leap day with a 12-month rule is good until 28 February of the next year.
    const yearly = { patchTestMaxAgeMonths: 12, timeZone: 'Europe/London' };
    expect(ask('2024-02-29', '2025-02-28', { settings: yearly })).toEqual({ kind: 'fine' });
    expect(ask('2024-02-29', '2025-03-01', { settings: yearly })).toEqual({ kind: 'tooOld', testedOn: '2024-02-29', ageMonths: 12, maxAgeMonths: 12 });
  });

  it('a test recorded after the visit cannot count for it', () => {
    expect(ask('2026-06-10', '2026-06-02')).toEqual({ kind: 'afterVisit', testedOn: '2026-06-10', maxAgeMonths: 6 });
    expect(ask('2026-06-02', '2026-06-02')).toEqual({ kind: 'fine' });
  });

  it("reads the visit's start on the shop's calendar, not in UTC", () => {
    // 28 Feb 2026 12:00 UTC is already 1 March in Auckland (UTC+13 in summer).
    const start = Date.UTC(2026, 1, 28, 12, 0);
    const auckland = { patchTestMaxAgeMonths: 6, timeZone: 'Pacific/Auckland' };
    const london = { patchTestMaxAgeMonths: 6, timeZone: 'Europe/London' };
    expect(ask('2025-08-31', start, { settings: london })).toEqual({ kind: 'fine' });
    expect(ask('2025-08-31', start, { settings: auckland })).toMatchObject({ kind: 'tooOld' });
    // A late-evening visit in New York on 28 February is 1 March in UTC: still good there.
    const evening = localTimeToInstant('2026-02-28', '21:00', 'America/New_York');
    expect(ask('2025-08-31', evening, { settings: { patchTestMaxAgeMonths: 6, timeZone: 'America/New_York' } })).toEqual({ kind: 'fine' });
  });
});

describe('patchTestWarning: the receptionist reads months, never a code', () => {
  it('words each case', () => {
    expect(patchTestWarning({ kind: 'fine' })).toBeNull();
    expect(patchTestWarning(ask('2025-10-20', '2026-06-02'))).toBe('Patch test is 7 months old — the shop asks for one within 6 months');
    // Past the limit by days only: not "6 months old", which would read as within the rule.
    expect(patchTestWarning(ask('2026-01-15', '2026-07-16'))).toBe('Patch test is more than 6 months old — the shop asks for one within 6 months');
    expect(patchTestWarning(ask(null, '2026-06-02'))).toBe('No patch test on record — the shop asks for one within 6 months');
    expect(patchTestWarning(ask(null, '2026-06-02', { settings: { patchTestMaxAgeMonths: 1, timeZone: 'UTC' } }))).toBe(
      'No patch test on record — the shop asks for one within 1 month',
    );
    expect(patchTestWarning(ask('2026-06-10', '2026-06-02'))).toMatch(/^The patch test is recorded for Wednesday 10 June 2026, after this visit/);
  });

  it("words each case in the shop's language and its dates", () => {
    const spanish = formatterOf({ ...DEFAULT_LOCALE, language: 'es', dateFormat: 'dd/MM/yyyy' });
    expect(patchTestWarning(ask(null, '2026-06-02'), 'es', spanish)).toBe('No consta ninguna prueba de alergia — el salón pide una de hace menos de 6 meses');
    expect(patchTestWarning(ask('2026-01-15', '2026-07-16'), 'es', spanish)).toBe('La prueba de alergia tiene más de 6 meses — el salón pide una de hace menos de 6 meses');
    expect(patchTestWarning(ask('2026-06-10', '2026-06-02'), 'es', spanish)).toMatch(/^La prueba de alergia consta del miércoles 10\/06\/2026, después de esta visita/);
  });
});
