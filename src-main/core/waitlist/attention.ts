import { and, asc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import type { AttentionItem } from '../../../src-shared/attention/items';
import { formatLocalDateTime, localDateOf } from '../../../src-shared/time';
import { getShopSettings, shopWords } from '../settings/queries';
import type { Store } from '../store/open';
import { appointments } from '../store/schema';
import { slotOf, storeSlot } from '../store/state';
import { fittingAmong, waitingList } from './queries';

/** How far ahead a freed time is offered to the waitlist: a fortnight, as a receptionist would ring round. */
const AHEAD_MS = 14 * 24 * 60 * 60_000;
/** The freed times looked at per poll, soonest first: the list must stay quick with a long cancellation history. */
const FREED_LIMIT = 40;

/** The cancelled bookings ahead, soonest first: prepared once, as the attention list asks every few seconds. */
const freedTimes = storeSlot('waitlist freed times', (store: Store) =>
  store.db
    .select({ id: appointments.id, staffId: appointments.staffId, startsAt: appointments.startsAt, endsAt: appointments.endsAt })
    .from(appointments)
    .where(
      and(
        eq(appointments.status, 'cancelled'),
        isNull(appointments.deletedAt),
        gt(appointments.startsAt, sql.placeholder('from')),
        lte(appointments.startsAt, sql.placeholder('to')),
      ),
    )
    .orderBy(asc(appointments.startsAt))
    .limit(FREED_LIMIT)
    .prepare(),
);

/**
 * Waitlist matches (docs/architecture.md §23): a cancelled booking ahead whose time is still free and
 * fits someone waiting. Each waiting client is offered once, at the soonest freed time that fits them,
 * and the next step opens the cancelled booking's drawer, which offers the time (§12). In the shop's
 * language, its time on the shop's calendar and clock.
 */
export function waitlistMatches(store: Store, now: number): AttentionItem[] {
  const settings = getShopSettings(store);
  // No shop yet (the set-up screen): no bookings and no waitlist, so nothing to offer, rather than a failing source.
  if (settings === null) return [];
  // Read once for every freed time (each is ahead, so on a day no earlier than today's); most polls
  // find nobody waiting, and then no fit is worked out at all.
  const waiting = waitingList(store, now);
  if (waiting.length === 0) return [];
  const zone = settings.timeZone;
  const t = shopWords(store, 'attention');
  const freed = slotOf(store, freedTimes).all({ from: now, to: now + AHEAD_MS });
  const offered = new Set<string>();
  const items: AttentionItem[] = [];
  for (const time of freed) {
    for (const entry of fittingAmong(store, waiting, { staffId: time.staffId, from: time.startsAt, to: time.endsAt }, now)) {
      if (offered.has(entry.id)) continue;
      offered.add(entry.id);
      items.push({
        kind: 'waitlist-match',
        key: `waitlist-match:${entry.id}`,
        title: t('waitlistMatch.title', { client: entry.client.name, service: entry.service.name }),
        detail: t('waitlistMatch.detail', {
          when: formatLocalDateTime(entry.offer.startsAt, zone, settings.locale),
          staff: entry.offer.staffName,
        }),
        nextStep: { label: t('waitlistMatch.step'), screen: 'day', recordId: time.id, date: localDateOf(time.startsAt, zone) },
        since: entry.createdAt,
      });
    }
  }
  return items;
}
