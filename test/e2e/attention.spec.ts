import { expect } from './support/playwright';
import { callDesk, dayFromToday, expectAccessible, openDesk, screenshots, setFaults, test } from './helpers';
import { ownDesk } from './support/ownDesk';
import { localTimeToInstant } from '../../src-shared/time';

/**
 * Issue 14, the attention list on screen: the banner shows the most urgent thing across the product
 * with its one next step, and opens the whole list in order. A waitlist client a cancelled time fits
 * leads while nothing is failing; a storage failure goes above it at once.
 */

test.describe.configure({ mode: 'serial' });

const desk = ownDesk(Number(process.env.CAREDESK_E2E_ATTENTION_PORT ?? 4554), { startTimeoutMs: 90_000 });

type Row = { id: string; name: string; version: number };

test('the banner leads with the most urgent item and its next step; the list keeps the design order', async ({ page }) => {
  test.setTimeout(180_000);
  await openDesk(page, desk.url);
  const call = <T,>(path: string, input?: unknown, kind?: 'query') => callDesk<T>(page, desk.url, path, input, kind);
  const sam = (await call<Row[]>('staff.list')).find((member) => member.name === 'Sam Taylor') as Row;
  const cut = (await call<Row[]>('services.list'))[0] as Row;
  const day = dayFromToday(2);
  const wanda = (await call<{ row: Row }>('clients.create', { idempotencyKey: 'e2e-attention-wanda', name: 'Wanda Waiting', phone: null })).row;
  await call('waitlist.create', {
    idempotencyKey: 'e2e-attention-wait',
    clientId: wanda.id,
    serviceId: cut.id,
    fromDate: day,
    toDate: day,
    fromTime: '09:00',
    toTime: '18:00',
  });
  const carl = (await call<{ row: Row }>('clients.create', { idempotencyKey: 'e2e-attention-carl', name: 'Carl Cancelled', phone: null })).row;
  // The demo shop is busy: Carl takes Sam's first free hour that day.
  let booking: Row | undefined;
  for (const time of ['09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00', '17:00']) {
    booking = await call<{ row: Row }>('appointments.create', {
      idempotencyKey: `e2e-attention-booking-${time}`,
      clientId: carl.id,
      staffId: sam.id,
      serviceId: cut.id,
      startsAt: localTimeToInstant(day, time, 'Europe/London'),
    }).then(
      (created) => created.row,
      () => undefined,
    );
    if (booking !== undefined) break;
  }
  if (booking === undefined) throw new Error(`Sam Taylor has no free hour on ${day} in the demo shop.`);
  await call('appointments.cancel', { idempotencyKey: 'e2e-attention-cancel', id: booking.id, expectedVersion: booking.version, reason: 'Client is ill' });

  await page.reload();
  const banner = page.getByTestId('status-banner');
  const top = banner.getByTestId('banner-top-attention');
  await expect(top).toHaveAttribute('data-kind', 'waitlist-match');
  await expect(top).toContainText('Wanda Waiting is waiting for');
  await screenshots(page, '90-attention-waitlist-match');
  // Wanda is offered the soonest cancelled time that fits her (the demo shop may have cancelled one before Carl).
  const more = banner.getByTestId('banner-attention-more');
  let offer = banner.getByTestId('banner-next-step');
  if ((await more.count()) > 0) {
    await more.click();
    offer = banner.getByTestId('attention-list').getByRole('listitem').filter({ hasText: `Wanda Waiting is waiting for ${cut.name}` }).getByRole('button');
  } else {
    await expect(top).toHaveText(`Wanda Waiting is waiting for ${cut.name}`);
  }
  await expect(offer).toHaveText('Offer the time');
  await offer.click();
  // The next step opens that cancelled booking on its day, where the freed time is offered to her.
  const drawer = page.getByTestId('drawer');
  await expect(drawer).toContainText('Cancelled');
  await expect(page.getByTestId('waitlist-fits')).toContainText('Wanda Waiting');

  // Every write now fails at the storage layer: the next change makes the desk Unsafe, and that leads.
  await setFaults(page, desk.url, { failWrites: true, storage: true });
  try {
    await call('clients.update', { idempotencyKey: 'e2e-attention-fails', id: wanda.id, expectedVersion: wanda.version, notes: 'Mornings' }).catch(() => null);
    await expect(top).toHaveAttribute('data-kind', 'storage', { timeout: 15_000 });
    await expect(top).toHaveText('Booking changes are locked');
    if ((await banner.getByTestId('attention-list').count()) === 0) await more.click();
    const list = banner.getByTestId('attention-list');
    const kinds = await list.getByRole('listitem').evaluateAll((items) => items.map((item) => item.getAttribute('data-kind')));
    expect(kinds[0]).toBe('storage');
    expect(kinds.at(-1)).toBe('waitlist-match');
    await expectAccessible(page, 'attention list');
    await screenshots(page, '91-attention-storage-first');
  } finally {
    await setFaults(page, desk.url, { failWrites: false, clearStorageFailure: true });
  }
  await page.reload();
  await expect(top).toHaveAttribute('data-kind', 'waitlist-match');
});
