import { expect, test, type Page } from './support/playwright';
import { DateTime } from 'luxon';
import { addVisitServices, bookViaForm, callDesk, card, column, openDesk, screenshots, ZONE } from './helpers';
import { aMonthBefore, clocksAt, ownDesk } from './support/ownDesk';
import { e2eLanguage } from './support/spoken';
import { demoShop } from './support/demoShop';

/**
 * Issue 12, acceptance 1: a receptionist's morning in one go, on its own demo desk. Two clients are
 * checked in, a walk-in is seated with the next free stylist, a cut + colour + blow-dry with two
 * staff is booked and moved as one visit, a visit is completed with its total and booked again in
 * six weeks, and a check-in made by mistake is undone — each step in the appointment's history and
 * the activity log in plain language. The desk's and the page's clock: Tuesday 1 December 2026,
 * 09:50 then 10:45 in London, whatever the run's shop time.
 */

const day = '2026-12-01';
const clockAt = (time: string) => DateTime.fromISO(`${day}T${time}`, { zone: ZONE }).toMillis();
const desk = ownDesk(Number(process.env.CAREDESK_E2E_DAY_PORT ?? 4547), { shopTime: aMonthBefore(clockAt('08:00')) });

const setClocks = (page: Page, time: string) => clocksAt(page, desk, clockAt(time));

type Row = { id: string; name: string };

/** The day's first bookings, made before the receptionist's morning starts. */
async function bookTheMorning(page: Page) {
  const call = <T>(path: string, input?: unknown) => callDesk<T>(page, desk.url, path, input);
  const staff = await call<Row[]>('staff.list');
  const services = await call<Row[]>('services.list');
  const person = (name: string) => (staff.find((member) => member.name === name) as Row).id;
  const service = (name: string) => (services.find((item) => item.name === name) as Row).id;
  for (const [client, who, what, time] of [
    ['Ann Arrives', 'Sam Taylor', demoShop.services.haircut, '10:00'],
    ['Ben Oops', 'Maya Okafor', demoShop.services.beardTrim, '10:00'],
  ] as const) {
    const made = await call<{ row: Row }>('clients.create', { idempotencyKey: `client-${client.replace(' ', '-')}`, name: client });
    await call('appointments.create', {
      idempotencyKey: `booking-${client.replace(' ', '-')}`,
      clientId: made.row.id,
      staffId: person(who),
      serviceId: service(what),
      startsAt: clockAt(time),
    });
  }
}

async function step(page: Page, client: string, button: string) {
  await card(page, client).first().click();
  const drawer = page.getByTestId('drawer');
  await expect(drawer.getByRole('heading', { name: client })).toBeVisible();
  await drawer.getByRole('button', { name: button, exact: true }).click();
  return drawer;
}

test("a receptionist's morning: check-ins, a walk-in, a visit of three services, a checkout, book again, an undone check-in", async ({ page }) => {
  // A whole morning in one flow: on a loaded machine, and in Spanish (every text read through the catalogues), it outlasts a minute.
  test.setTimeout(150_000);
  await setClocks(page, '09:50');
  await openDesk(page, desk.url);
  await bookTheMorning(page);
  await page.reload();
  await openDesk(page, desk.url);

  // Two clients check in.
  await step(page, 'Ann Arrives', 'Check in');
  await expect(card(page, 'Ann Arrives').getByTestId('visit-stage')).toHaveText('Arrived 09:50');
  await step(page, 'Ben Oops', 'Check in');
  await expect(card(page, 'Ben Oops').getByTestId('visit-stage')).toHaveText('Arrived 09:50');
  await page.getByRole('button', { name: 'Close appointment details' }).click();

  // A walk-in for a haircut with whoever is free: seated with the next free stylist in one click.
  await page.getByRole('button', { name: 'Walk-in', exact: true }).click();
  const walkIn = page.getByRole('form', { name: 'Add a walk-in' });
  await walkIn.getByLabel('Client', { exact: true }).fill('Wally Walkin');
  await walkIn.getByRole('button', { name: 'New client “Wally Walkin”' }).click();
  await walkIn.getByRole('button', { name: 'Add client' }).click();
  await walkIn.getByRole('combobox', { name: 'Service' }).selectOption({ label: demoShop.services.haircut });
  await walkIn.getByRole('button', { name: 'Add to the queue' }).click();
  const queued = page.getByTestId('walk-in').filter({ hasText: 'Wally Walkin' });
  await expect(queued).toContainText(e2eLanguage === 'es' ? /libre a las 09:50 con (Luca Romano|Priya Shah) \(ya\)/ : /next free 09:50 with (Luca Romano|Priya Shah) \(now\)/);
  const seatedWith = ((await queued.textContent()) ?? '').match(/(Luca Romano|Priya Shah)/)?.[1] as string;
  await queued.getByRole('button', { name: 'Seat' }).click();
  await expect(column(page, seatedWith).getByTestId('appointment-card').filter({ hasText: 'Wally Walkin' })).toContainText('09:50');

  // A cut, then a colour, then a blow-dry, with two staff: one visit, moved as one.
  await bookViaForm(page, { client: 'Mia Multi', staff: 'Sam Taylor', date: day, time: '11:00', submit: false });
  const { dialog } = await addVisitServices(page, [
    [demoShop.services.colour, 'Maya Okafor'],
    [demoShop.services.blowDry, 'Sam Taylor'],
  ]);
  await dialog.getByRole('button', { name: 'Book visit' }).click();
  await expect(dialog).toBeHidden();
  await column(page, 'Maya Okafor').getByTestId('appointment-card').filter({ hasText: 'Mia Multi' }).click();
  let drawer = page.getByTestId('drawer');
  const actions = drawer.getByTestId('visit-actions');
  await actions.getByLabel('First service at').fill('13:00');
  await actions.getByRole('button', { name: 'Move visit' }).click();
  // Three services read as one text (the translator reads one sentence at a time): each language's written out.
  await expect(drawer.getByTestId('visit-fact')).toHaveText(
    e2eLanguage === 'es'
      ? `${demoShop.services.haircut} 13:00 con Sam Taylor${demoShop.services.colour} 13:45 con Maya Okafor${demoShop.services.blowDry} 15:15 con Sam Taylor`
      : `${demoShop.services.haircut} 13:00 with Sam Taylor${demoShop.services.colour} 13:45 with Maya Okafor${demoShop.services.blowDry} 15:15 with Sam Taylor`,
  );

  // 10:45: Ann is done; the checkout shows her total; she books again in six weeks before leaving.
  await setClocks(page, '10:00');
  await step(page, 'Ann Arrives', 'Start');
  await setClocks(page, '10:45');
  drawer = await step(page, 'Ann Arrives', 'Check out…');
  const checkout = page.getByRole('dialog', { name: 'Check out Ann Arrives' });
  // Money as the shop's language writes pounds.
  const price = e2eLanguage === 'es' ? '38,00 GBP' : '£38.00';
  await expect(checkout.getByTestId('checkout-total')).toContainText(price);
  await checkout.getByRole('button', { name: 'Check out', exact: true }).click();
  await expect(card(page, 'Ann Arrives').getByTestId('visit-stage')).toHaveText(`Done ${price}`);
  // The date as the shop writes it, in the shop's language.
  const nextVisit = e2eLanguage === 'es' ? 'mar 12 ene 2027, 10:00' : 'Tue 12 Jan 2027, 10:00';
  await drawer.getByTestId('book-again').getByRole('button', { name: `Book ${nextVisit} with Sam Taylor` }).click();
  await expect(page.getByTestId('toast').filter({ hasText: `Booked Ann Arrives again: ${demoShop.services.haircut}, ${nextVisit} with Sam Taylor` })).toBeVisible();

  // Ben's check-in was a slip: undone from his history.
  await card(page, 'Ben Oops').click();
  drawer = page.getByTestId('drawer');
  const checkedIn = drawer.getByTestId('timeline-item').first();
  await expect(checkedIn.locator('.timeline-what')).toContainText('checked in');
  await checkedIn.getByRole('button', { name: /^Undo/ }).click();
  await expect(drawer.getByRole('button', { name: 'Check in', exact: true })).toBeVisible();
  await screenshots(page, '88-receptionist-day');

  // Every step in the activity log, in plain language: names, services and times, no codes.
  await page.getByRole('button', { name: 'Activity' }).click();
  const log = page.getByTestId('activity-table');
  // Sentences of several phrases with names, services and dates in them: each language's written out.
  const sentences =
    e2eLanguage === 'es'
      ? [
          `Sam Taylor (tú) registró la llegada de ${demoShop.services.haircut} de Ann Arrives a las 10:00 con Sam Taylor`,
          `Sam Taylor (tú) registró la llegada de ${demoShop.services.beardTrim} de Ben Oops a las 10:00 con Maya Okafor`,
          `Sam Taylor (tú) añadió a Wally Walkin (${demoShop.services.haircut}) a la cola sin cita`,
          `Sam Taylor (tú) atendió al cliente sin cita Wally Walkin (${demoShop.services.haircut})`,
          `Sam Taylor (tú) movió ${demoShop.services.colour} de Mia Multi de 11:45 a 13:45 con Maya Okafor`,
          `Sam Taylor (tú) cobró ${demoShop.services.haircut} de Ann Arrives a las 10:00 con Sam Taylor`,
          `Sam Taylor (tú) reservó ${demoShop.services.haircut} de Ann Arrives el mar 12 ene 2027, 10:00 con Sam Taylor`,
          `Sam Taylor (tú) deshizo la llegada de ${demoShop.services.beardTrim} de Ben Oops a las 10:00 con Maya Okafor`,
        ]
      : null;
  for (const sentence of sentences ?? [
    `You checked in Ann Arrives's ${demoShop.services.haircut} at 10:00 with Sam Taylor`,
    `You checked in Ben Oops's ${demoShop.services.beardTrim} at 10:00 with Maya Okafor`,
    `You added Wally Walkin (${demoShop.services.haircut}) to the walk-in queue`,
    `You seated the walk-in Wally Walkin (${demoShop.services.haircut})`,
    `You moved Mia Multi's ${demoShop.services.colour} from 11:45 to 13:45 with Maya Okafor`,
    `You checked out Ann Arrives's ${demoShop.services.haircut} at 10:00 with Sam Taylor`,
    `You booked Ann Arrives's ${demoShop.services.haircut} on Tue 12 Jan 2027, 10:00 with Sam Taylor`,
    `You undid the check-in of Ben Oops's ${demoShop.services.beardTrim} at 10:00 with Maya Okafor`,
  ]) {
    await expect(log).toContainText(sentence);
  }
  await expect(log).not.toContainText(/[a-z]+Id\b|in_service|appointment\.\w+/);
  await screenshots(page, '89-receptionist-day-activity');
});
