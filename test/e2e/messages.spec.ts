import { expect, type Page } from './support/playwright';
import { DEMO_OWNER_PIN } from '../../src-main/core/demo/plan';
import { startSmsStandIn } from '../support/messaging/smsStandIn';
import { startSmtpStandIn } from '../support/messaging/smtpStandIn';
import { ownDesk } from './support/ownDesk';
import { e2eLanguage } from './support/spoken';
import { bookViaForm, callDesk, card, dayFromToday, expectAccessible, goToDate, openDesk, openSettings, screenButton, screenshots, switchTo, test } from './helpers';
import { demoShop } from './support/demoShop';

/**
 * Issue 13 from the desk (docs/architecture.md §21): a booking's messages in its drawer, the
 * Messages screen with a failed message retried and an uncertain one cancelled, the Recovery
 * Center and the banner until they are resolved, the template editor's preview and its refusal of
 * an unknown placeholder, the providers (secrets never shown back, a test message through a real
 * SMTP server and a refused one through the SMS stand-in) and a client's consent. Each test makes
 * its own client, so the demo shop's other bookings stay as they were.
 */

// Its own demo desk: these tests sign the owner in, turn messages on and save providers, which must reach no other spec.
test.describe.configure({ mode: 'serial' });
const desk = ownDesk(Number(process.env.CAREDESK_E2E_MESSAGES_PORT ?? 4550), { startTimeoutMs: 90_000 });

type Row = { id: string; version: number };
type Result = { row: Row };

/** A name of letters only (names are searched by word), new on every run. */
function newName(first: string): string {
  const letters = Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
  return `${first} ${letters[0]?.toUpperCase()}${letters.slice(1)}`;
}

/** A screen's button; the Messages button's name also carries its badge's count. */
function screen(page: Page, name: string | RegExp) {
  return typeof name === 'string' ? screenButton(page, name) : page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name });
}

async function openMessageSettings(page: Page): Promise<void> {
  await switchTo(page, 'Maya Okafor', DEMO_OWNER_PIN);
  await openSettings(page, 'Messages');
}

/** A message taken through the record's own ops, as the sender would. */
async function message(page: Page, args: Record<string, unknown>, then: { op: string; args: Record<string, unknown> }[] = []): Promise<Row> {
  let { row } = await callDesk<Result>(page, desk.url, 'messages.create', { idempotencyKey: crypto.randomUUID(), ...args });
  for (const step of then) {
    ({ row } = await callDesk<Result>(page, desk.url, `messages.${step.op}`, { idempotencyKey: crypto.randomUUID(), id: row.id, expectedVersion: row.version, ...step.args }));
  }
  return row;
}

test("a booking's messages read in words in its drawer; a failed one is retried from the Messages screen, an uncertain one cancelled", async ({ page }) => {
  const client = newName('Ana');
  const date = dayFromToday(3);
  await openDesk(page, desk.url);
  await goToDate(page, date);
  await bookViaForm(page, { client, staff: 'Priya Shah', date, time: 'first free' });
  await expect(card(page, client)).toBeVisible();
  const day = await callDesk<{ appointments: { id: string; clientId: string; startsAt: number; client: { name: string } }[] }>(page, desk.url, 'appointments.day', { date }, 'query');
  const booking = day.appointments.find((item) => item.client.name === client);
  if (booking === undefined) throw new Error(`${client}'s booking is not on ${date}`);
  const about = { clientId: booking.clientId, appointmentId: booking.id };

  await message(page, { ...about, kind: 'reminder', channel: 'email', to: 'ana@example.com', reminderOffsetMinutes: 2880, dueAt: booking.startsAt - 2880 * 60_000 });
  await message(page, { ...about, kind: 'confirmation', channel: 'sms', to: '+447700900123' }, [
    { op: 'startSending', args: { provider: 'Texts 1', subject: null, body: `Hi Ana, your Haircut is booked.` } },
    { op: 'recordFailure', args: { provider: 'Texts 1', error: 'Texts 1 refused the message: the number is not a mobile number.', final: true, retryAt: null } },
  ]);
  await message(page, { ...about, kind: 'confirmation', channel: 'email', to: 'ana@example.com' }, [
    { op: 'startSending', args: { provider: 'Shop mail', subject: 'Your Haircut', body: 'Hi Ana, thank you for booking.' } },
    { op: 'markUncertain', args: { error: 'CareDesk stopped while the provider was answering.' } },
  ]);
  // The reason is kept as written when the message is made, in the shop's language.
  const notAgreed = e2eLanguage === 'es' ? `${client.split(' ')[0]} no ha aceptado recibir SMS.` : `${client.split(' ')[0]} has not agreed to texts`;
  await message(page, { ...about, kind: 'reminder', channel: 'sms', to: '', reminderOffsetMinutes: 120, skippedBecause: notAgreed });

  // The drawer: what, how, when and the state in words, never a status code.
  await card(page, client).click();
  const drawer = page.getByTestId('drawer-messages');
  const items = drawer.getByTestId('message-item');
  await expect(items).toHaveCount(4);
  const reminder = items.filter({ hasText: 'Reminder 2 days before' });
  await expect(reminder).toContainText('E-mail to ana@example.com');
  await expect(reminder.getByTestId('message-state')).toHaveText('Scheduled');
  // When it goes, as the shop writes a date (a weekday and a month in the shop's language).
  await expect(reminder).toContainText(e2eLanguage === 'es' ? /Sale \S+ \d+ \S+ \d{4}/u : /Goes \w+ \d+ \w+ \d{4}/);
  const failed = items.filter({ hasText: 'Text to +447700900123' });
  await expect(failed.getByTestId('message-state')).toHaveText('Failed');
  await expect(failed).toContainText('Texts 1 refused the message: the number is not a mobile number.');
  await expect(items.filter({ hasText: 'E-mail to ana@example.com' }).filter({ hasText: 'Confirmation' }).getByTestId('message-state')).toHaveText(
    'Not sure it was sent — check with the client',
  );
  await expect(items.filter({ hasText: 'Reminder 2 hours before' }).getByTestId('message-state')).toHaveText(`Not sent: ${notAgreed}`);
  await expect(drawer).not.toContainText(/uncertain|skipped|sms|email\b/);
  await drawer.scrollIntoViewIfNeeded();
  await screenshots(page, 'messages-drawer');
  await expectAccessible(page, 'the drawer with messages');

  // Two facts apart: the client said by phone they are coming; the sync state keeps its own words.
  await expect(page.getByTestId('client-answer')).toHaveText('Not heard yet');
  await page.getByRole('button', { name: "Client said by phone they're coming" }).click();
  await expect(page.getByTestId('client-answer')).toContainText('Coming — said so by phone, noted today');
  await expect(card(page, client).getByTestId('client-reply')).toContainText('Client coming');
  await expect(card(page, client).getByTestId('client-reply')).not.toContainText(/confirm|sync|saved/i);
  await expect(page.getByTestId('drawer-badge')).toHaveText('Confirmed');
  await expect(page.getByRole('button', { name: "Client said by phone they're coming" })).toHaveCount(0);

  // Until resolved: the banner, the navigation's badge and the Recovery Center say so.
  // The failed text and the uncertain e-mail; the skipped reminder needs nobody.
  await expect(page.getByTestId('banner-messages')).toHaveText('2 messages not sent — see Messages');
  await expect(page.getByTestId('messages-badge')).toBeVisible();
  await screen(page, 'Recovery Center').click();
  const recovery = page.getByTestId('recovery-messages');
  await expect(recovery.getByTestId('message-item').filter({ hasText: client })).toHaveCount(2);
  await expect(recovery).toContainText('Ask the client whether it arrived');

  // The Messages screen: the failed one with its reason, retried; it waits again under Due.
  await screen(page, /^Messages/).click();
  const messages = page.getByTestId('messages-screen');
  await messages.getByRole('button', { name: /^Failed/ }).click();
  const row = messages.getByTestId('message-item').filter({ hasText: client }).filter({ hasText: 'Text to +447700900123' });
  await expect(row).toContainText('the number is not a mobile number');
  await expect(row).toContainText(`${demoShop.services.haircut} with Priya Shah`);
  await screenshots(page, 'messages-screen');
  await expectAccessible(page, 'the Messages screen');
  await row.getByRole('button', { name: `Retry ${client}'s confirmation` }).click();
  // A name and a possessive inside the toast's own words: each language's sentence written out.
  await expect(page.getByTestId('toast').filter({ hasText: e2eLanguage === 'es' ? `Reintentado: confirmación de ${client}` : `Retried ${client}'s confirmation` })).toBeVisible();
  await expect(row).toHaveCount(0);
  await messages.getByRole('button', { name: /^Due/ }).click();
  await expect(messages.getByTestId('message-item').filter({ hasText: client }).filter({ hasText: 'Text to +447700900123' }).getByTestId('message-state')).toHaveText('Scheduled');

  // Not sure: the receptionist checked with the client, who has it; the message is cancelled.
  await messages.getByRole('button', { name: /^Not sure/ }).click();
  const unsure = messages.getByTestId('message-item').filter({ hasText: client });
  await unsure.getByRole('button', { name: `Cancel ${client}'s confirmation` }).click();
  await expect(unsure).toHaveCount(0);
  await screen(page, 'Recovery Center').click();
  await expect(page.getByTestId('recovery-messages').getByTestId('message-item').filter({ hasText: client })).toHaveCount(0);
});

test('booking a client who agreed to e-mail schedules their confirmation and reminders, which the drawer lists', async ({ page }) => {
  const client = newName('Rosa');
  const date = dayFromToday(4);
  await openDesk(page, desk.url);
  await switchTo(page, 'Maya Okafor', DEMO_OWNER_PIN);
  type Settings = { id: string; version: number; messages: Record<string, unknown> };
  const before = await callDesk<Settings>(page, desk.url, 'settings.get', undefined, 'query');
  const setChannels = (settings: Settings, email: boolean) =>
    callDesk<Result>(page, desk.url, 'settings.update', {
      idempotencyKey: crypto.randomUUID(),
      id: settings.id,
      expectedVersion: settings.version,
      messages: { ...settings.messages, channels: { email, sms: false } },
    });
  const { row: on } = await setChannels(before, true);
  try {
    const { row: made } = await callDesk<Result>(page, desk.url, 'clients.create', { idempotencyKey: crypto.randomUUID(), name: client, email: 'rosa@example.com' });
    await callDesk(page, desk.url, 'clients.recordConsent', { idempotencyKey: crypto.randomUUID(), id: made.id, expectedVersion: made.version, channel: 'email', given: true });
    await goToDate(page, date);
    await page.getByRole('button', { name: /New appointment/ }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New appointment' });
    await dialog.getByLabel('Client', { exact: true }).fill(client);
    await dialog.getByRole('list', { name: 'Matching clients' }).getByRole('button', { name: new RegExp(client) }).first().click();
    await dialog.getByLabel('Service').selectOption({ label: `${demoShop.services.haircut} — 45 min` });
    await dialog.getByLabel('Staff').selectOption({ label: 'Luca Romano' });
    await dialog.getByLabel('Date').fill(date);
    await dialog.getByRole('button', { name: /^Free at / }).first().click();
    await dialog.getByRole('button', { name: 'Book appointment' }).click();
    await card(page, client).click();
    const items = page.getByTestId('drawer-messages').getByTestId('message-item');
    await expect(items).toHaveCount(3);
    await expect(items.nth(0)).toContainText('Confirmation');
    await expect(items.nth(0)).toContainText('E-mail to rosa@example.com');
    await expect(items.filter({ hasText: 'Reminder 2 days before' }).getByTestId('message-state')).toHaveText('Scheduled');
    await expect(items.filter({ hasText: 'Reminder 2 hours before' }).getByTestId('message-state')).toHaveText('Scheduled');
  } finally {
    const now = await callDesk<Settings>(page, desk.url, 'settings.get', undefined, 'query');
    expect(now.version).toBeGreaterThanOrEqual(on.version);
    await setChannels(now, false);
  }
});

test('the template editor previews a text for a sample booking, counts its SMS parts and refuses an unknown placeholder beside the field', async ({ page }) => {
  await openDesk(page, desk.url);
  await openMessageSettings(page);
  const editor = page.getByTestId('template-editor');
  await editor.getByLabel('Message').selectOption({ label: 'Reminder' });
  await editor.getByLabel('Sent by').selectOption({ label: 'Text' });
  // Its name grows by the refusal shown inside its label.
  const text = editor.getByRole('textbox', { name: /^Text\b/ });
  await text.fill('Hi {firstName}, see you on {date} at {time}. ');
  await editor.getByRole('group', { name: 'Insert a placeholder' }).getByRole('button', { name: 'Shop name' }).click();
  await expect(text).toHaveValue('Hi {firstName}, see you on {date} at {time}. {shopName}');
  const preview = editor.getByTestId('preview-body');
  await expect(preview).toContainText('Hi Ana, see you on ');
  await expect(preview).toContainText(' at 10:00. ');
  await expect(preview).not.toContainText('{');
  // The Spanish demo shop's name ("Peluquería") has an í, which the SMS alphabet lacks: the text goes as
  // Unicode, 70 characters a part, and this one is longer than that whatever the sample's date.
  await expect(editor.getByTestId('sms-segments')).toHaveText(
    e2eLanguage === 'es' ? /^\d+ caracteres: 2 SMS \(los caracteres especiales acortan cada parte\)$/ : /^\d+ characters: 1 text message$/,
  );
  await text.fill(`${'A long reminder. '.repeat(20)}{firstName}`);
  await expect(editor.getByTestId('sms-segments')).toContainText('3 text messages');
  await expect(editor.getByTestId('sms-segments')).toContainText('— at most 2 are allowed.');
  await text.fill('Hi {firstName}, your {colour} is due on {date}.');
  await expect(editor.getByTestId('preview-unknown')).toHaveText('Not a placeholder: {colour}');
  await screenshots(page, 'messages-template-editor');
  await expectAccessible(page, 'the template editor');
  await editor.getByRole('button', { name: 'Save text' }).click();
  const refusal = editor.locator('#template-body-error');
  await expect(refusal).toContainText('{colour} is not a placeholder');
  await expect(text).toHaveAttribute('aria-invalid', 'true');
  await editor.getByRole('button', { name: 'Discard changes' }).click();
  await expect(editor.getByText('CareDesk’s standard text')).toBeVisible();
});

test('providers are saved without showing a secret back; a test e-mail reaches a real SMTP server, a refused test text says why', async ({ page }) => {
  const smtp = await startSmtpStandIn();
  const sms = await startSmsStandIn();
  try {
    await openDesk(page, desk.url);
    await openMessageSettings(page);
    const providers = page.getByTestId('message-providers');
    const email = providers.getByTestId('provider-email-primary');
    await email.getByLabel('Send e-mail through a provider').check();
    await email.getByLabel('Name (shown on each message)').fill('Shop mail');
    await email.getByLabel('Server (host)').fill('127.0.0.1');
    await email.getByRole('spinbutton', { name: 'Port' }).fill(String(smtp.port));
    // No user name: the stand-in takes mail without signing in (the password is still kept, encrypted).
    await email.getByLabel('Password').fill('secret-pass-1');
    await email.getByLabel('From (e-mail address)').fill('desk@shop.example');
    const text = providers.getByTestId('provider-sms-primary');
    await text.getByLabel('Send texts through a provider').check();
    await text.getByLabel('Name (shown on each message)').fill('Texts 1');
    await text.getByLabel('Web address of the API').fill(sms.url);
    await text.getByLabel('Account').fill('AC0001');
    await text.getByLabel('Token').fill('secret-token-1');
    await text.getByLabel('From (number or sender name)').fill('+447700900000');
    await providers.getByRole('button', { name: 'Save providers' }).click();
    await expect(providers.getByRole('status')).toHaveText('Providers saved on this desk.');

    // Never shown back: "saved" with Replace, in the page and in what the desk answers.
    await expect(providers.getByTestId('email-primary-secret-saved')).toHaveText('saved');
    await expect(providers.getByTestId('sms-primary-secret-saved')).toHaveText('saved');
    await expect(providers.getByRole('button', { name: 'Replace the password of the main e-mail provider' })).toBeVisible();
    for (const input of await page.locator('input').all()) expect(await input.inputValue()).not.toMatch(/secret-(pass|token)-1/);
    const answered = JSON.stringify(await callDesk(page, desk.url, 'messages.providers.get', undefined, 'query'));
    expect(answered).not.toMatch(/secret-(pass|token)-1/);

    // A test e-mail through the real SMTP server.
    const testEmail = providers.locator('form.test-message').filter({ hasText: 'Send a test e-mail to' });
    await testEmail.getByLabel('Send a test e-mail to').fill('ana@example.com');
    await testEmail.getByRole('button', { name: 'Send a test message' }).click();
    // The provider's name ("Shop mail") starts the sentence: each language's sentence written out.
    await expect(testEmail.getByTestId('test-email-result')).toHaveText(
      e2eLanguage === 'es'
        ? 'Shop mail ha aceptado el mensaje de prueba para ana@example.com. Comprueba que ha llegado.'
        : 'Shop mail took the test message for ana@example.com. Check that it arrived.',
    );
    // The desk's sender may also hand earlier tests' due messages to the provider now saved: only the test is counted here.
    const tests = smtp.received.filter((mail) => mail.headers.get('x-caredesk-message')?.startsWith('test-'));
    expect(tests).toHaveLength(1);
    expect(tests[0]?.to).toEqual(['ana@example.com']);

    // The SMS provider refuses: the result says so with its reason.
    sms.answer(() => ({ status: 400, message: 'The To number is not a valid mobile number.' }));
    const testText = providers.locator('form.test-message').filter({ hasText: 'Send a test text to' });
    await testText.getByLabel('Send a test text to').fill('07700 900123');
    await testText.getByRole('button', { name: 'Send a test message' }).click();
    await expect(testText.getByTestId('test-sms-result')).toContainText('The test message to +447700900123 did not go.');
    await expect(testText.getByTestId('test-sms-result')).toContainText('The To number is not a valid mobile number.');
    expect(sms.requests.at(-1)?.authorization).not.toBeNull();
    await screenshots(page, 'messages-providers');
    await expectAccessible(page, 'the provider settings');
  } finally {
    // The demo desk sends nothing after this spec.
    await callDesk(page, desk.url, 'messages.providers.save', { email: null, sms: null });
    await smtp.close();
    await sms.close();
  }
});

test("a client's consent to e-mail and texts is recorded with who and when", async ({ page }) => {
  const name = newName('Ines');
  await openDesk(page, desk.url);
  // The desk's actor is shared by its windows: whoever is at the desk records the answer.
  // The button reads "At the desk: <name>" in the shop's language: the name is what follows the colon.
  const actor = (await page.getByTestId('actor-button').innerText()).replace(/^[^:]*:\s*/u, '');
  await callDesk(page, desk.url, 'clients.create', { idempotencyKey: crypto.randomUUID(), name, email: 'ines@example.com' });
  await screen(page, 'Clients').click();
  await page.getByLabel('Find a client').fill(name);
  await page.getByRole('list', { name: 'Clients' }).getByRole('button', { name: new RegExp(name) }).first().click();
  const consent = page.getByTestId('client-profile').getByTestId('client-consent');
  await expect(consent.getByTestId('consent-sms')).toContainText('Not agreed to texts');
  await expect(consent.getByTestId('consent-sms')).toContainText('Not asked yet');
  await consent.getByRole('button', { name: 'Record: agreed to texts' }).click();
  await expect(consent.getByTestId('consent-sms')).toContainText('Agreed to texts');
  // Who and on which day, the date as the shop writes it (a weekday and a month in the shop's language).
  await expect(consent.getByTestId('consent-sms')).toContainText(
    new RegExp(e2eLanguage === 'es' ? `Registrado por ${actor} el \\S+ \\d+ \\S+ \\d{4}` : `Recorded by ${actor} on \\w+ \\d+ \\w+ \\d{4}`, 'u'),
  );
  await expect(consent.getByTestId('consent-email')).toContainText('Not agreed to e-mail');
  await expectAccessible(page, 'the client profile with consent');
});
