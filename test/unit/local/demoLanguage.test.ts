import { describe, expect, it } from 'vitest';
import { demoPlan } from '../../../src-main/core/demo/plan';
import { demoRecordTexts } from '../../../src-main/core/demo/texts';
import type { Language } from '../../../src-shared/i18n/languages';

const now = Date.UTC(2026, 11, 1, 9, 0);
const planIn = (language?: Language) => {
  let n = 0;
  return demoPlan({ timeZone: 'Europe/London', now, newId: () => `id-${(n += 1)}`, ...(language === undefined ? {} : { language }) });
};
const recordsOf = (plan: ReturnType<typeof planIn>) =>
  plan.flatMap((step) => {
    switch (step.kind) {
      case 'settings':
        return [step.input.shopName];
      case 'service':
        return [step.input.name];
      case 'client':
        return [step.input.notes, step.input.allergies, step.input.preferences].filter((text) => text !== undefined);
      case 'appointment':
        return step.input.notes === undefined ? [] : [step.input.notes];
      case 'cancel':
        return [step.input.reason];
      default:
        return [];
    }
  });

describe("the demo shop in the shop's language", () => {
  it('a Spanish shop is seeded with Spanish records, and the same seed makes the same shop in either language', () => {
    const spanish = planIn('es');
    const records = recordsOf(spanish);
    expect(records).toContain('Peluquería Northside');
    expect(records).toContain('Corte de pelo');
    for (const english of demoRecordTexts('en')) expect(records, english).not.toContain(english);
    // Text for text, the English shop: the same services, clients, bookings, notes and cancellations.
    const toEnglish = new Map(demoRecordTexts('es').map((text, index) => [text, demoRecordTexts('en')[index]]));
    expect(records.map((text) => toEnglish.get(text))).toEqual(recordsOf(planIn('en')));
    const texts = new Set([...demoRecordTexts('en'), ...demoRecordTexts('es')]);
    const withoutTexts = (plan: ReturnType<typeof planIn>) =>
      JSON.stringify(plan, (key, value: unknown) => (typeof value === 'string' && (texts.has(value) || key === 'language') ? '' : value));
    expect(withoutTexts(spanish)).toBe(withoutTexts(planIn('en')));
  });

  it("a shop set up without a language speaks its zone country's, records and all", () => {
    expect(recordsOf(planIn())).toEqual(recordsOf(planIn('en')));
    expect(recordsOf(planIn())).toContain('Haircut');
    const madrid = demoPlan({ timeZone: 'Europe/Madrid', now });
    expect(madrid[0]?.kind === 'settings' && madrid[0].input.shopName).toBe('Peluquería Northside');
  });
});
