import { localDateOf } from '../../src-shared/time';
import type { resources} from '../../src-shared/i18n';
import { tIn, type Language } from '../../src-shared/i18n';
import { formatterOf } from '../../src-shared/locale/format';
import { DEFAULT_LOCALE, type LocaleSettings } from '../../src-shared/locale/settings';

/**
 * The client's confirmation page (docs/architecture.md §20): plain server-rendered HTML that works
 * without JavaScript — what the booking is, in the shop's zone, and two buttons that POST back to
 * the same address. Every value is escaped. In the shop's language and formats (docs/architecture.md §22);
 * before the shop is known (a link that is no link), in English.
 */

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escape = (text: string) => text.replace(/[&<>"']/gu, (character) => escapes[character] ?? character);

const style = `body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
h1{font-size:1.4rem}dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}dt{font-weight:600}
form{display:inline}button{font-size:1rem;padding:.6rem 1.2rem;margin:1rem .5rem 0 0;border-radius:.4rem;border:1px solid #555;background:#fff;cursor:pointer}
button.primary{background:#1d4ed8;color:#fff;border-color:#1d4ed8}
fieldset{border:1px solid #ccc;border-radius:.4rem;margin:1rem 0;padding:.5rem 1rem}legend{font-weight:600}
label.q{display:block;font-weight:600;margin-top:.8rem}input[type=text],input[type=date],textarea{font-size:1rem;width:100%;padding:.4rem;box-sizing:border-box}`;

export function page(title: string, body: string, locale: LocaleSettings): string {
  return `<!doctype html>
<html lang="${formatterOf(locale).tag}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escape(title)}</title><style>${style}</style></head>
<body><main>${body}</main></body></html>`;
}

export interface BookingOnPage {
  shopName: string;
  timeZone: string;
  serviceName: string;
  staffName: string;
  startsAt: number;
  locale: LocaleSettings;
}

export const linkT = (language: Language) => tIn(language, 'messages');

export function details(booking: BookingOnPage): string {
  const format = formatterOf(booking.locale);
  const t = linkT(booking.locale.language);
  const date = format.longDate(localDateOf(booking.startsAt, booking.timeZone));
  const time = format.clock(booking.startsAt, booking.timeZone);
  return `<dl><dt>${escape(t('link.page.service'))}</dt><dd>${escape(booking.serviceName)}</dd><dt>${escape(t('link.page.with'))}</dt><dd>${escape(booking.staffName)}</dd>
<dt>${escape(t('link.page.date'))}</dt><dd>${escape(date)}</dd><dt>${escape(t('link.page.time'))}</dt><dd>${escape(time)}</dd></dl>`;
}

/** The booking with Confirm and Cancel. */
export function askPage(booking: BookingOnPage): string {
  const t = linkT(booking.locale.language);
  const title = t('link.page.title', { shop: booking.shopName });
  return page(
    title,
    `<h1>${escape(title)}</h1>${details(booking)}
<p>${escape(t('link.page.question'))}</p>
<form method="post"><input type="hidden" name="action" value="confirm"><button class="primary" type="submit">${escape(t('link.page.confirm'))}</button></form>
<form method="post"><input type="hidden" name="action" value="cancel"><button type="submit">${escape(t('link.page.cancel'))}</button></form>`,
    booking.locale,
  );
}

export type LinkNote = keyof (typeof resources)['en']['messages']['link']['notes'];
export type FormLinkNote = keyof (typeof resources)['en']['messages']['formLink']['notes'];

/** A heading and a sentence, with the booking when there is one, in the booking's locale (English before the shop is known). */
function noteIn(heading: string, sentence: string, booking: BookingOnPage | null, locale: LocaleSettings): string {
  const title = booking === null ? heading : `${heading} — ${booking.shopName}`;
  return page(title, `<h1>${escape(heading)}</h1>${booking === null ? '' : details(booking)}<p>${escape(sentence)}</p>`, locale);
}

/** What happened to a confirmation link, or why nothing could (a heading and a sentence), with the booking when there is one. */
export function notePage(note: LinkNote, booking: BookingOnPage | null, values: { reason?: string } = {}): string {
  const locale = booking?.locale ?? DEFAULT_LOCALE;
  const t = linkT(locale.language);
  return noteIn(t(`link.notes.${note}.heading`), t(`link.notes.${note}.sentence`, { shop: booking?.shopName ?? '', reason: values.reason ?? '' }), booking, locale);
}

/** The same for a form link (docs/architecture.md §27): its own notes, the form and who signed it named. */
export function formNotePage(note: FormLinkNote, booking: BookingOnPage | null, values: { form?: string; name?: string } = {}): string {
  const locale = booking?.locale ?? DEFAULT_LOCALE;
  const t = linkT(locale.language);
  const sentence = t(`formLink.notes.${note}.sentence`, { shop: booking?.shopName ?? '', form: values.form ?? '', name: values.name ?? '' });
  return noteIn(t(`formLink.notes.${note}.heading`), sentence, booking, locale);
}
