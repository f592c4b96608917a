import type { AttentionItem } from '../../../src-shared/attention/items';
import { tIn } from '../../../src-shared/i18n';
import { formatterOf } from '../../../src-shared/locale/format';
import { addDays, localDateOf, localDayRange, todayIn } from '../../../src-shared/time';
import { getShopSettings } from '../settings/queries';
import type { Store } from '../store/open';
import { missingForms } from './queries';

/**
 * Overdue forms for the attention list (docs/architecture.md §27): a form a booked (or checked-in)
 * visit of today or tomorrow needs and nobody has signed yet, in the receptionist's words and the
 * shop's language and clock: "Ana Silva's patch-test consent is missing — Colour at 14:30 today".
 */

/** "Patch-test consent" reads "patch-test consent" inside a sentence; "HIV screening" keeps its capitals. */
function inSentence(name: string): string {
  const [first = '', second = ''] = name;
  return second !== '' && second === second.toLowerCase() ? first.toLowerCase() + name.slice(1) : name;
}

export function overdueFormsAttention(store: Store, now: number): AttentionItem[] {
  const settings = getShopSettings(store);
  if (settings === null) return [];
  const zone = settings.timeZone;
  const t = tIn(settings.locale.language, 'forms');
  const format = formatterOf(settings.locale);
  const today = todayIn(zone, now);
  const tomorrow = addDays(today, 1);
  const from = localDayRange(today, zone).start;
  const to = localDayRange(tomorrow, zone).end;
  return missingForms(store, from, to).map((missing) => {
    const date = localDateOf(missing.startsAt, zone);
    const when = { service: missing.serviceName, time: format.clock(missing.startsAt, zone) };
    return {
      kind: 'overdue-form',
      key: `overdue-form:${missing.appointmentId}:${missing.templateId}`,
      title: t('attention.title', { client: missing.clientName, form: inSentence(missing.templateName) }),
      detail: date === today ? t('attention.detailToday', when) : t('attention.detailTomorrow', when),
      nextStep: { label: t('attention.step'), screen: 'day', recordId: missing.appointmentId, date },
      since: missing.startsAt,
    };
  });
}
