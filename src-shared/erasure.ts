import type { CountryCode } from 'libphonenumber-js';
import { smsAddress } from './contacts';
import type { EntityType } from './entities';
import { phoneForms } from './peopleSearch';

/**
 * Erasing a client (docs/architecture.md §28): what a client's personal details are, what they
 * become, and how any stored value is cleaned of them. Pure, so the desk (its own SQLite, and the
 * copies a pull brings) and the sync server (PostgreSQL) scrub exactly alike; each store only
 * finds its rows and writes them back.
 */

/** What the client's name reads everywhere once erased: the history keeps its shape with this. */
export const ERASED_NAME = 'Erased client';

/** The client's personal fields and what each becomes. */
export const erasedClientFields = {
  name: ERASED_NAME,
  phone: null,
  email: null,
  notes: '',
  allergies: '',
  patchTestOn: null,
  preferences: '',
} as const;

/** A message to the client carries their address and, rendered, their name: both go. */
const erasedMessageFields = { to: '', subject: null, body: null } as const;
/** A walk-in who became the client carries the name they gave, and the desk's note about them. */
const erasedWalkInFields = { name: ERASED_NAME, note: '' } as const;
/** A waitlist entry's note is about the client (when they can come, how to reach them). */
const erasedWaitlistFields = { note: '' } as const;

/** The kinds of record that belong to the client, with the fields of theirs that are personal. */
const erasedFieldsOf: Partial<Record<EntityType, Readonly<Record<string, unknown>>>> = {
  client: erasedClientFields,
  message: erasedMessageFields,
  walkIn: erasedWalkInFields,
  waitlist: erasedWaitlistFields,
};

/** A text shorter than this is never looked for inside other texts: it would match too much. */
const SHORTEST_SEARCHED = 4;

/**
 * The texts that identify the client, read from every version of their record a store holds (the
 * row, the shadow row, each event's before and after): name, e-mail, phone in every form it may be
 * stored in, and the free texts. Longest first, so a phone's longer form is replaced before a part.
 */
export function personalTexts(versions: readonly Record<string, unknown>[], country: CountryCode): string[] {
  const texts = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string' && value.trim().length >= SHORTEST_SEARCHED && value !== ERASED_NAME) texts.add(value.trim());
  };
  for (const version of versions) {
    for (const key of ['name', 'email', 'notes', 'allergies', 'preferences', 'phone'] as const) add(version[key]);
    const phone = typeof version.phone === 'string' ? version.phone : null;
    for (const form of phoneForms(phone, country)) add(form);
    add(smsAddress(phone, country));
  }
  return [...texts].sort((a, b) => b.length - a.length);
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One text with every personal text in it replaced, ignoring case (a name typed in lower case in a note). */
export function scrubText(text: string, texts: readonly string[]): string {
  if (texts.length === 0) return text;
  const pattern = new RegExp(texts.map(escaped).join('|'), 'giu');
  return text.replace(pattern, ERASED_NAME);
}

/** Does this text hold any personal text? (What a store's candidate read is checked against.) */
export function holdsPersonalText(text: string, texts: readonly string[]): boolean {
  const lower = text.toLowerCase();
  return texts.some((candidate) => lower.includes(candidate.toLowerCase()));
}

/**
 * A stored value (a JSON row, an event's before or after, a kept answer, an outbox payload) with
 * every string cleaned of the personal texts, and every object that is one of the client's records
 * (its `id` in `owned`) given that kind's erased fields. Keys are kept: the history keeps its shape.
 */
export function scrubValue(value: unknown, texts: readonly string[], owned: ReadonlyMap<string, EntityType> = new Map()): unknown {
  if (typeof value === 'string') return scrubText(value, texts);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, texts, owned));
  if (value === null || typeof value !== 'object') return value;
  const record = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubValue(item, texts, owned)]));
  // A change to one of the client's records (an outbox payload, a kept command) carries its fields in `args`.
  const changed = typeof record.entityId === 'string' ? owned.get(record.entityId) : undefined;
  const args: unknown = record.args;
  if (changed !== undefined && args !== null && typeof args === 'object' && !Array.isArray(args)) record.args = scrubFields(changed, args as Record<string, unknown>);
  const kind = typeof record.id === 'string' ? owned.get(record.id) : undefined;
  return kind === undefined ? record : scrubFields(kind, record);
}

/** A record's fields (or an event's before/after of it) with that kind's personal fields erased where present. */
export function scrubFields(entityType: EntityType, fields: Record<string, unknown>): Record<string, unknown> {
  const erased = erasedFieldsOf[entityType];
  if (erased === undefined) return fields;
  const result = { ...fields };
  for (const [key, value] of Object.entries(erased)) if (Object.hasOwn(result, key)) result[key] = value;
  return result;
}

/** The kinds of record that may belong to a client (found by their clientId). */
export const ownedKinds = ['message', 'walkIn', 'waitlist'] as const satisfies readonly EntityType[];

/** The JSON text of a value, scrubbed, or null when scrubbing changed nothing (nothing to write). */
export function scrubbedJson(json: string | null, texts: readonly string[], owned: ReadonlyMap<string, EntityType>, kind?: EntityType): string | null {
  if (json === null) return null;
  const value: unknown = JSON.parse(json);
  let next = scrubValue(value, texts, owned);
  if (kind !== undefined && next !== null && typeof next === 'object' && !Array.isArray(next)) next = scrubFields(kind, next as Record<string, unknown>);
  const text = JSON.stringify(next);
  return text === JSON.stringify(value) ? null : text;
}
