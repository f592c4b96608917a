import type { OpeningHours } from '../../../src-shared/entities';
import { addDays, addMonths, localTimeToInstant, todayIn, weekdayOf } from '../../../src-shared/time';
import { seededRandom } from '../../../src-shared/seededRandom';
import type { Language } from '../../../src-shared/i18n/languages';
import { localeForCountry, type LocaleSettings } from '../../../src-shared/locale/settings';
import { shopCountry } from '../../../src-shared/peopleSearch';
import { demoTextsIn, type DemoTexts } from './texts';

/**
 * The demo shop as a list of ordinary commands, so the same plan can be applied by the browser-
 * mode command line (straight to the command functions) and by the first-run screen (through the
 * tRPC router). Pure: no Node or DOM imports, deterministic for a given seed.
 */

export const DEMO_OWNER_PIN = '1234';

export type DemoStep =
  | {
      kind: 'settings';
      input: { shopName: string; timeZone: string; openingHours: OpeningHours; patchTestMaxAgeMonths: number; locale?: LocaleSettings };
    }
  | { kind: 'service'; input: { id: string; name: string; durationMin: number; bufferAfterMin: number; priceCents: number; needsPatchTest?: boolean } }
  | { kind: 'staff'; input: { id: string; name: string; colour: string; role: 'owner' | 'staff'; pin?: string } }
  | { kind: 'signIn'; input: { staffId: string; pin: string } }
  | {
      kind: 'client';
      input: { id: string; name: string; phone: string; email?: string; notes?: string; allergies?: string; patchTestOn?: string; preferences?: string };
    }
  | {
      kind: 'appointment';
      input: { id: string; clientId: string; staffId: string; serviceId: string; startsAt: number; notes?: string; allowPast: true };
    }
  | { kind: 'cancel'; input: { id: string; expectedVersion: number; reason: string } }
  | { kind: 'noShow'; input: { id: string; expectedVersion: number } };

export interface DemoOptions {
  timeZone: string;
  /**
   * The shop's language, which its records are written in too (./texts.ts); its formats stay those of
   * the zone's country (a demo in Spanish for a London shop). Without it, the zone country's language,
   * as for any shop set up without one (src-shared/registry/settings.ts).
   */
  language?: Language;
  now: number;
  /** Days before and after today to fill. */
  daysBefore?: number;
  daysAfter?: number;
  seed?: number;
  /** Optional id factory (tests); defaults to crypto.randomUUID. */
  newId?: () => string;
  /** Extra staff and bookings for the UI benchmark. */
  staffCount?: number;
  appointmentsPerStaffPerDay?: number;
}

const weekday = [{ open: '09:00', close: '18:00' }];
export const demoOpeningHours: OpeningHours = {
  mon: weekday,
  tue: weekday,
  wed: weekday,
  thu: [{ open: '09:00', close: '20:00' }],
  fri: weekday,
  sat: [{ open: '09:00', close: '17:00' }],
  sun: [{ open: '10:00', close: '16:00' }],
};

const staffNames = [
  ['Maya Okafor', '#2f6f8f'],
  ['Luca Romano', '#8a5a2b'],
  ['Priya Shah', '#7a4e9c'],
  ['Sam Taylor', '#2e7d5b'],
  ['Ines Duarte', '#a23b4c'],
  ['Tomasz Nowak', '#4a5d23'],
  ['Aiko Tanaka', '#b0632a'],
  ['Kwame Mensah', '#365f9c'],
] as const;

const firstNames = [
  'Zoë', 'Oliver', 'Amelia', 'Noah', 'Isla', 'Leo', 'Ava', 'Arthur', 'Freya', 'Muhammad', 'Grace', 'Jack', 'Sofia', 'Theo',
  'Ivy', 'Oscar', 'Mila', 'Harry', 'Aisha', 'George', 'Lily', 'Finn', 'Rosa', 'Elijah', 'Chloé', 'Dev', 'Hannah', 'Mateo',
  'Nadia', 'Samir', 'Eva', 'Kofi',
];
const lastNames = [
  'Smith', 'Jones', 'Patel', 'Williams', 'Brown', 'Nguyen', 'Garcia', 'Müller', 'Kowalski', "O'Brien", 'Haddad', 'Silva',
  'Johansson', 'Rossi', 'Dubois', 'Kim',
];

/** The services' lengths and prices; their names come from the shop's language (./texts.ts), in this order. */
const serviceShapes = {
  haircut: { durationMin: 45, bufferAfterMin: 10, priceCents: 3800 },
  beardTrim: { durationMin: 20, bufferAfterMin: 5, priceCents: 1500 },
  colour: { durationMin: 90, bufferAfterMin: 15, priceCents: 8500, needsPatchTest: true },
  blowDry: { durationMin: 30, bufferAfterMin: 5, priceCents: 2500 },
  kidsCut: { durationMin: 30, bufferAfterMin: 5, priceCents: 2000 },
  cutAndFinish: { durationMin: 60, bufferAfterMin: 10, priceCents: 5200 },
} satisfies Record<keyof DemoTexts['services'], object>;

/** Isla Brown: her allergy shows on her cards, and booking her a colour warns of her 7-month-old patch test. */
const ALERT_CLIENT = 4;

export function demoPlan(options: DemoOptions): DemoStep[] {
  const random = seededRandom(options.seed ?? 7);
  const newId = options.newId ?? (() => crypto.randomUUID());
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const zone = options.timeZone;
  const steps: DemoStep[] = [];
  const locale = options.language === undefined ? undefined : { ...localeForCountry(shopCountry(zone)), language: options.language };
  const texts = demoTextsIn(options.language ?? localeForCountry(shopCountry(zone)).language);
  // Position by position the same lists in every language, so a seed makes the same shop in each.
  const notes = ['', '', '', texts.notes.quietChair, texts.allergy, texts.notes.runningLate, texts.notes.firstVisit, ''];
  const cancelReasons = [texts.cancelReasons.unwell, texts.cancelReasons.rescheduling, texts.cancelReasons.staffIllness];
  steps.push({
    kind: 'settings',
    input: { shopName: texts.shopName, timeZone: zone, openingHours: demoOpeningHours, patchTestMaxAgeMonths: 6, ...(locale ? { locale } : {}) },
  });

  const serviceRows = Object.entries(serviceShapes).map(([key, shape]) => ({
    id: newId(),
    name: texts.services[key as keyof typeof serviceShapes],
    ...shape,
  }));
  for (const service of serviceRows) steps.push({ kind: 'service', input: service });

  const staffCount = options.staffCount ?? 4;
  const staffRows = Array.from({ length: staffCount }, (_, index) => {
    const base = staffNames[index % staffNames.length] ?? staffNames[0];
    const round = Math.floor(index / staffNames.length);
    return {
      id: newId(),
      name: round === 0 ? base[0] : `${base[0]} ${round + 1}`,
      colour: base[1],
      role: index === 0 ? ('owner' as const) : ('staff' as const),
    };
  });
  // Staff before the owner: until the shop has an owner, set-up needs no signed-in actor.
  for (const member of staffRows.slice(1)) steps.push({ kind: 'staff', input: member });
  const owner = staffRows[0];
  if (owner === undefined) return steps;
  steps.push({ kind: 'staff', input: { ...owner, pin: DEMO_OWNER_PIN } });
  steps.push({ kind: 'signIn', input: { staffId: owner.id, pin: DEMO_OWNER_PIN } });

  const clientRows = firstNames.map((first, index) => ({
    id: newId(),
    name: `${first} ${lastNames[index % lastNames.length]}`,
    phone: `+44 7700 9${String(10000 + index * 137).slice(-5)}`,
    ...(index % 3 === 0 ? { email: `${first.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '')}@example.com` } : {}),
    ...(index % 7 === 0 ? { notes: texts.regularClient } : {}),
    // One client the desk must warn about: an allergy, and a patch test too old for a colour.
    ...(index === ALERT_CLIENT ? { allergies: texts.allergy, patchTestOn: addMonths(todayIn(zone, options.now), -7), preferences: texts.preferences } : {}),
  }));
  for (const client of clientRows) steps.push({ kind: 'client', input: client });

  const today = todayIn(zone, options.now);
  const perDay = options.appointmentsPerStaffPerDay;
  for (let offset = -(options.daysBefore ?? 3); offset <= (options.daysAfter ?? 4); offset += 1) {
    const date = addDays(today, offset);
    const hours = demoOpeningHours[weekdayOf(date)];
    for (const member of staffRows) {
      let booked = 0;
      for (const interval of hours) {
        let cursor = localTimeToInstant(date, interval.open, zone);
        const closes = localTimeToInstant(date, interval.close, zone);
        while (perDay === undefined || booked < perDay) {
          const gapMin = perDay === undefined ? pick([0, 0, 15, 15, 30, 45, 60, 90]) : pick([0, 0, 5, 10]);
          const service = perDay === undefined ? pick(serviceRows) : pick(serviceRows.filter((s) => s.durationMin <= 30));
          const startsAt = cursor + gapMin * 60_000;
          const blockEnds = startsAt + (service.durationMin + service.bufferAfterMin) * 60_000;
          if (startsAt + service.durationMin * 60_000 > closes) break;
          const id = newId();
          const note = pick(notes);
          steps.push({
            kind: 'appointment',
            input: {
              id,
              clientId: pick(clientRows).id,
              staffId: member.id,
              serviceId: service.id,
              startsAt,
              ...(note === '' ? {} : { notes: note }),
              // The demo's earlier days are visits that already happened, recorded as such.
              allowPast: true,
            },
          });
          booked += 1;
          const roll = random();
          if (perDay === undefined && roll < 0.05) {
            steps.push({ kind: 'cancel', input: { id, expectedVersion: 1, reason: pick(cancelReasons) } });
          } else if (perDay === undefined && offset < 0 && roll < 0.09) {
            steps.push({ kind: 'noShow', input: { id, expectedVersion: 1 } });
          }
          cursor = blockEnds;
        }
      }
    }
  }
  return steps;
}
