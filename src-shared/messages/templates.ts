import type { MessageChannel, MessageKind, MessageSettings, MessageTemplate } from '../entities';
import { localDateOf } from '../time';
import type { Say } from '../say';
import { resources, type Language } from '../i18n';
import { formatterOf } from '../locale/format';
import { DEFAULT_LOCALE, type LocaleSettings } from '../locale/settings';

/**
 * The texts of messages (docs/architecture.md §17): the defaults a shop starts with, its own
 * where it changed them, the placeholders they may use, rendering (a pure function: the sender
 * renders what it sends with it, the template editor its preview) and the checks a template
 * passes when it is saved.
 */

export const placeholders = ['firstName', 'service', 'staff', 'date', 'time', 'shopName', 'shopPhone', 'confirmLink'] as const;
export type Placeholder = (typeof placeholders)[number];
export type TemplateValues = Record<Placeholder, string>;

/**
 * What a shop sends until it writes its own, in each language (the `messages` catalogue: plain,
 * short, what a salon's front desk would say). A shop's own texts are its own words, in whatever
 * language it wrote them.
 */
export function defaultTemplatesIn(language: Language): Record<MessageKind, Record<MessageChannel, MessageTemplate>> {
  return resources[language].messages.defaults;
}
export const defaultTemplates = defaultTemplatesIn('en');

/** The text a shop sends for a kind of message by a channel: its own, else the default in its language. */
export function templateFor(settings: MessageSettings, kind: MessageKind, channel: MessageChannel, language: Language = 'en'): MessageTemplate {
  return settings.templates[kind]?.[channel] ?? defaultTemplatesIn(language)[kind][channel];
}

export interface AboutAppointment {
  clientName: string;
  serviceName: string;
  staffName: string;
  startsAt: number;
}

/** The values of the placeholders, with date and time on the shop's calendar and clock, in its language and formats. */
export function templateValues(
  about: AboutAppointment | { clientName: string },
  shop: { shopName: string; timeZone: string; shopPhone: string; locale?: LocaleSettings },
  confirmLink: string | null,
): TemplateValues {
  const appointment = 'startsAt' in about ? about : null;
  const format = formatterOf(shop.locale ?? DEFAULT_LOCALE);
  return {
    firstName: about.clientName.trim().split(/\s+/u)[0] ?? '',
    service: appointment?.serviceName ?? '',
    staff: appointment?.staffName ?? '',
    date: appointment === null ? '' : format.longDate(localDateOf(appointment.startsAt, shop.timeZone)),
    time: appointment === null ? '' : format.clock(appointment.startsAt, shop.timeZone),
    shopName: shop.shopName,
    shopPhone: shop.shopPhone,
    // Empty when the shop is not paired: only the sync server serves the link.
    confirmLink: confirmLink ?? '',
  };
}

const placeholderPattern = /\{([^{}\s]*)\}/gu;

function fill(text: string, values: TemplateValues): string {
  return text.replace(placeholderPattern, (whole, name: string) => (Object.hasOwn(values, name) ? values[name as Placeholder] : whole));
}

/** The message as it goes: subject (e-mail only) and body, placeholders filled; blank lines left by an empty one closed up. */
export function renderMessage(template: MessageTemplate, values: TemplateValues, channel: MessageChannel): { subject: string | null; body: string } {
  const body = fill(template.body, values)
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
  return { subject: channel === 'email' ? fill(template.subject ?? '', values).trim() : null, body };
}

/** The {names} in a text that are not placeholders. */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(placeholderPattern)].map((match) => match[1] ?? '').filter((name) => !(placeholders as readonly string[]).includes(name));
}

// GSM 03.38: the basic set (one unit each) and its extension (two units: an escape and the character).
const gsmBasic = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const gsmExtension = new Set('^{}\\[~]|€\f');

/** How a text travels as SMS: its encoding, its length in that encoding's units, and how many segments it takes. */
export function smsLength(body: string): { encoding: 'GSM-7' | 'UCS-2'; units: number; segments: number } {
  const characters = [...body];
  const gsm = characters.every((character) => gsmBasic.has(character) || gsmExtension.has(character));
  if (gsm) {
    const units = characters.reduce((sum, character) => sum + (gsmExtension.has(character) ? 2 : 1), 0);
    return { encoding: 'GSM-7', units, segments: units <= 160 ? 1 : Math.ceil(units / 153) };
  }
  // UCS-2 counts UTF-16 code units: a character outside the basic plane (an emoji) takes two.
  const units = body.length;
  return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}

/** At most two segments: 306 GSM-7 characters, or 134 in UCS-2. */
export const SMS_MAX_SEGMENTS = 2;

/**
 * Stand-ins for what only a booking knows, as long as most are, so the length a template will
 * have when sent is judged on save; the shop's name and phone are its own.
 */
const typicalValues: Omit<TemplateValues, 'shopName' | 'shopPhone'> = {
  firstName: 'Alexandra',
  service: 'Cut and blow-dry',
  staff: 'Priya',
  date: 'Wednesday 30 September 2026',
  time: '10:00',
  confirmLink: '',
};

/**
 * Why a template cannot be saved, in words (null: it can): an unknown placeholder, named with the
 * ones there are; an SMS longer than two segments, with its count.
 */
export function templateProblem(template: MessageTemplate, channel: MessageChannel, shop: { shopName: string; shopPhone: string }): Say | null {
  const unknown = [...unknownPlaceholders(template.subject ?? ''), ...unknownPlaceholders(template.body)];
  if (unknown.length > 0) {
    return { key: 'template.notAPlaceholder', params: { placeholder: `{${unknown[0]}}`, placeholders: placeholders.map((name) => `{${name}}`).join(', ') } };
  }
  if (template.body.trim() === '') return { key: 'template.noText' };
  if (channel === 'sms') {
    const length = smsLength(renderMessage(template, { ...typicalValues, ...shop }, 'sms').body);
    if (length.segments > SMS_MAX_SEGMENTS) {
      const limit = length.encoding === 'GSM-7' ? 306 : 134;
      return { key: length.encoding === 'UCS-2' ? 'template.tooLongSpecial' : 'template.tooLong', params: { units: length.units, limit } };
    }
  }
  return null;
}
