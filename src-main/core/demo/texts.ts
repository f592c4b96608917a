import type { Language } from '../../../src-shared/i18n/languages';

/**
 * What the demo shop's own records say (its name, services, notes, alerts, cancel reasons), one table
 * a language: a shop trying the demo in Spanish sees a Spanish salon's records. They are records, typed
 * as a shop of that language would type them, not the desk's catalogue: once seeded they stay as
 * written whatever the language is changed to. Client and staff names are the same in every language.
 * Pure data, so the plan (./plan.ts) and the e2e specs (test/e2e/support/demoShop.ts) read the same table.
 */
export interface DemoTexts {
  shopName: string;
  /** In the order the plan creates them (its seeded picks go by position). */
  services: { haircut: string; beardTrim: string; colour: string; blowDry: string; kidsCut: string; cutAndFinish: string };
  /** Isla Brown's alert: her allergy, also a note on some visits. */
  allergy: string;
  preferences: string;
  /** Visit notes besides the allergy. */
  notes: { quietChair: string; runningLate: string; firstVisit: string };
  cancelReasons: { unwell: string; rescheduling: string; staffIllness: string };
  /** The note on every seventh client. */
  regularClient: string;
}

const english: DemoTexts = {
  shopName: 'Northside Hair & Beauty',
  services: { haircut: 'Haircut', beardTrim: 'Beard trim', colour: 'Colour', blowDry: 'Blow-dry', kidsCut: 'Kids cut', cutAndFinish: 'Cut and finish' },
  allergy: 'Allergic to ammonia dyes',
  preferences: 'Prefers a quiet chair, no small talk',
  notes: { quietChair: 'Prefers a quiet chair', runningLate: 'Running 5 min late, called ahead', firstVisit: 'First visit' },
  cancelReasons: { unwell: 'Client called: unwell', rescheduling: 'Client rescheduling next week', staffIllness: 'Staff illness' },
  regularClient: 'Regular — likes the window seat',
};

const spanish: DemoTexts = {
  shopName: 'Peluquería Northside',
  services: { haircut: 'Corte de pelo', beardTrim: 'Arreglo de barba', colour: 'Color', blowDry: 'Secado', kidsCut: 'Corte infantil', cutAndFinish: 'Corte y peinado' },
  allergy: 'Alergia a los tintes con amoniaco',
  preferences: 'Prefiere un sillón tranquilo, sin conversación',
  notes: { quietChair: 'Prefiere un sillón tranquilo', runningLate: 'Llega 5 min tarde, ha avisado', firstVisit: 'Primera visita' },
  cancelReasons: { unwell: 'Ha llamado: se encuentra mal', rescheduling: 'Cambia la cita a la semana que viene', staffIllness: 'Baja por enfermedad del personal' },
  regularClient: 'Habitual — le gusta el sitio junto a la ventana',
};

const byLanguage: Record<Language, DemoTexts> = { en: english, es: spanish };

/** The demo's texts in a shop's language. */
export function demoTextsIn(language: Language): DemoTexts {
  return byLanguage[language];
}

/**
 * Every text of the demo's records in a language, for the e2e readers and the language check
 * (test/e2e/language.spec.ts), which tell the shop's data from the desk's words.
 */
export function demoRecordTexts(language: Language): string[] {
  // Every string of the table, however it is grouped: a text added to it is a record text too.
  return Object.values(demoTextsIn(language)).flatMap((value: string | Record<string, string>) =>
    typeof value === 'string' ? [value] : Object.values(value),
  );
}
