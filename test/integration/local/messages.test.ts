import { afterEach, describe, expect, it } from 'vitest';
import {
  cancelAppointment,
  checkIn,
  confirmHold,
  createAppointment,
  rescheduleAppointment,
  undoAppointmentChange,
} from '../../../src-main/core/appointments/commands';
import { createClient, recordClientConsent, updateClient } from '../../../src-main/core/clients/commands';
import { cancelMessage, recordMessageSent, startSendingMessage } from '../../../src-main/core/messages/commands';
import { updateShopSettings } from '../../../src-main/core/settings/commands';
import { loadRow } from '../../../src-main/core/store/rows';
import { statements } from '../../../src-main/core/store/statements';
import { DEFAULT_MESSAGE_SETTINGS, SETTINGS_ID, type Appointment, type Message, type MessageSettings } from '../../../src-shared/entities';
import { renderMessage, templateFor, templateValues } from '../../../src-shared/messages/templates';
import { localTimeToInstant } from '../../../src-shared/time';
import { systemStatus } from '../../../src-main/agents/status/deskStatus';
import { buildSupportReport } from '../../../src-main/files/report/report';
import { checkInvariants } from '../../support/local/invariants';
import { appErrorOfCall, book, key, makeShop, type Shop } from '../../support/local/shop';

/**
 * Issue 13, acceptance 1 and 5 (docs/architecture.md §17): booking, moving and cancelling an
 * appointment make, move and cancel its messages in the change's own transaction, with the text
 * and the due times the shop's settings say; consent missing is a skipped message with the reason.
 */

const ZONE = 'Europe/London';
const at = (date: string, time: string, zone = ZONE) => localTimeToInstant(date, time, zone);

let shop: Shop;
afterEach(() => shop.close());

async function messagingShop(options: { zone?: string; now: number; messages?: Partial<MessageSettings> }) {
  // Numbers are read for the shop's country: the usual clients' British numbers are written as such.
  const clientNames = [{ name: 'Zoë Smith', phone: '+44 7700 900123' }, { name: 'Ann Other', phone: null }];
  shop = await makeShop({ now: options.now, clientNames, ...(options.zone === undefined ? {} : { timeZone: options.zone }) });
  const settings = loadRow(shop.store, 'settings', SETTINGS_ID)!;
  updateShopSettings(shop.ownerDesk, {
    idempotencyKey: key('msg-settings'),
    id: SETTINGS_ID,
    expectedVersion: settings.version,
    messages: { ...DEFAULT_MESSAGE_SETTINGS, channels: { email: true, sms: true }, shopPhone: options.zone === undefined ? '020 7946 0018' : '', ...options.messages },
  });
  const ana = createClient(shop.receptionDesk, { idempotencyKey: key('ana'), name: 'Ana Silva', phone: '+44 7700 900456', email: 'ana@example.com' }).row;
  recordClientConsent(shop.receptionDesk, { idempotencyKey: key('c1'), id: ana.id, expectedVersion: 1, channel: 'email', given: true });
  recordClientConsent(shop.receptionDesk, { idempotencyKey: key('c2'), id: ana.id, expectedVersion: 2, channel: 'sms', given: true });
  return ana.id;
}

const messagesOf = (appointmentId: string): Message[] => statements(shop.store).messagesOfAppointment(appointmentId);
const live = (messages: Message[]) => messages.filter((message) => message.status === 'scheduled');
/** kind/channel/offset → due instant, for the messages waiting to go. */
const schedule = (messages: Message[]) =>
  Object.fromEntries(live(messages).map((message) => [`${message.kind} ${message.channel}${message.reminderOffsetMinutes === null ? '' : ` ${message.reminderOffsetMinutes}`}`, message.dueAt]));

/** What a booking on Thursday 4 June at 14:00 waits to send: a confirmation now, reminders 48 h and 2 h before, by e-mail and text. */
const bookedFor4June = (bookedAt: number) => ({
  'confirmation email': bookedAt,
  'confirmation sms': bookedAt,
  'reminder email 2880': at('2026-06-02', '14:00'),
  'reminder sms 2880': at('2026-06-02', '14:00'),
  'reminder email 120': at('2026-06-04', '12:00'),
  'reminder sms 120': at('2026-06-04', '12:00'),
});

function bookAna(clientId: string, startsAt: number): Appointment {
  return createAppointment(shop.receptionDesk, { idempotencyKey: key('book'), clientId, staffId: shop.staff[0].id, serviceId: shop.services.cut, startsAt }).row;
}

/** The text the sender will render for a message (the same pure function the preview uses). */
function textOf(message: Message): string {
  const appointment = loadRow(shop.store, 'appointment', message.appointmentId!)!;
  const settings = loadRow(shop.store, 'settings', SETTINGS_ID)!;
  const values = templateValues(
    { clientName: 'Ana Silva', serviceName: 'Cut', staffName: 'Alice', startsAt: appointment.startsAt },
    { shopName: settings.shopName, timeZone: settings.timeZone, shopPhone: settings.messages.shopPhone },
    null,
  );
  return renderMessage(templateFor(settings.messages, message.kind, message.channel), values, message.channel).body;
}

describe('messages caused by booking, moving and cancelling (acceptance 1)', () => {
  it('a booking schedules a confirmation now and reminders 48 h and 2 h before, by e-mail and text, with the right text', async () => {
    const now = at('2026-06-01', '09:00');
    const ana = await messagingShop({ now });
    const booking = bookAna(ana, at('2026-06-04', '14:00'));
    const messages = messagesOf(booking.id);
    expect(schedule(messages)).toEqual(bookedFor4June(now));
    const sms = messages.find((message) => message.kind === 'reminder' && message.channel === 'sms')!;
    expect(sms).toMatchObject({ to: '+447700900456', clientId: ana, status: 'scheduled', attempts: 0 });
    expect(messages.find((message) => message.channel === 'email')!.to).toBe('ana@example.com');
    expect(textOf(sms)).toBe(
      'Hi Ana, this is a reminder of your Cut with Alice on Thursday 4 June 2026 at 14:00. To change it call 020 7946 0018. Test Cuts',
    );
    // Each message is a record with its own event, made by the person who booked, in the same change.
    const bookingEvent = shop.store.sqlite.prepare(`SELECT seq, actor_staff_id FROM events WHERE entity_id = ?`).get(booking.id) as { seq: number; actor_staff_id: string };
    const messageEvents = shop.store.sqlite.prepare(`SELECT seq, actor_staff_id, type FROM events WHERE entity_type = 'message' ORDER BY seq`).all() as { seq: number; actor_staff_id: string; type: string }[];
    expect(messageEvents).toHaveLength(6);
    expect(messageEvents.every((event) => event.type === 'message.create' && event.actor_staff_id === bookingEvent.actor_staff_id && event.seq > bookingEvent.seq)).toBe(true);
    expect(checkInvariants(shop.store)).toEqual([]);
  });

  it('a reschedule sends a notice and moves its reminders (the same records, each move an event); a text reminder leaves the quiet hours', async () => {
    const now = at('2026-06-01', '09:00');
    const ana = await messagingShop({ now });
    const booking = bookAna(ana, at('2026-06-04', '14:00'));
    const reminderIds = messagesOf(booking.id).filter((message) => message.kind === 'reminder').map((message) => message.id).sort();
    shop.clock.set(now + 60_000);
    // To 08:00: the two-hour text reminder would fall at 06:00, inside the quiet hours, whose end (08:00) is the start itself: it goes at 21:00 the evening before.
    rescheduleAppointment(shop.receptionDesk, { idempotencyKey: key('move'), id: booking.id, expectedVersion: 1, startsAt: at('2026-06-05', '08:00') });
    const after = messagesOf(booking.id);
    expect(schedule(after)).toEqual({
      'rescheduled email': now + 60_000,
      'rescheduled sms': now + 60_000,
      'reminder email 2880': at('2026-06-03', '08:00'),
      'reminder sms 2880': at('2026-06-03', '08:00'),
      'reminder email 120': at('2026-06-05', '06:00'),
      'reminder sms 120': at('2026-06-04', '21:00'),
    });
    expect(live(after).filter((message) => message.kind === 'reminder').map((message) => message.id).sort()).toEqual(reminderIds);
    // The confirmation not yet sent is replaced by the newer notice.
    expect(after.filter((message) => message.kind === 'confirmation').map((message) => message.status)).toEqual(['cancelled', 'cancelled']);
    const moved = after.find((message) => message.kind === 'reminder' && message.channel === 'sms' && message.reminderOffsetMinutes === 120)!;
    expect(moved.version).toBe(2);
    const rescheduled = after.find((message) => message.kind === 'rescheduled' && message.channel === 'sms')!;
    expect(textOf(rescheduled)).toBe('Hi Ana, your Cut has moved to Friday 5 June 2026 at 08:00 with Alice. Questions? Call 020 7946 0018. Test Cuts');

    // Moved to 09:30: the text reminder due at 07:30 goes when the quiet hours end, 08:00.
    rescheduleAppointment(shop.receptionDesk, { idempotencyKey: key('move2'), id: booking.id, expectedVersion: 2, startsAt: at('2026-06-05', '09:30') });
    expect(schedule(messagesOf(booking.id))['reminder sms 120']).toBe(at('2026-06-05', '08:00'));
    expect(checkInvariants(shop.store)).toEqual([]);
  });

  it('a cancel sends a notice and cancels every reminder; undoing it brings the booking’s reminders back', async () => {
    const now = at('2026-06-01', '09:00');
    const ana = await messagingShop({ now });
    const booking = bookAna(ana, at('2026-06-04', '14:00'));
    // The e-mail confirmation has gone; the text one has not.
    const confirmation = messagesOf(booking.id).find((message) => message.kind === 'confirmation' && message.channel === 'email')!;
    startSendingMessage(shop.receptionDesk, { idempotencyKey: key('s'), id: confirmation.id, expectedVersion: 1, provider: 'smtp', subject: 'Booked', body: 'Booked' });
    recordMessageSent(shop.receptionDesk, { idempotencyKey: key('s2'), id: confirmation.id, expectedVersion: 2, provider: 'smtp', providerMessageId: 'm1' });

    shop.clock.set(now + 60_000);
    const cancelled = cancelAppointment(shop.receptionDesk, { idempotencyKey: key('cancel'), id: booking.id, expectedVersion: 1, reason: 'Unwell' });
    const afterCancel = messagesOf(booking.id);
    expect(schedule(afterCancel)).toEqual({ 'cancelled email': now + 60_000, 'cancelled sms': now + 60_000 });
    expect(afterCancel.filter((message) => message.kind === 'reminder').every((message) => message.status === 'cancelled')).toBe(true);
    expect(afterCancel.find((message) => message.id === confirmation.id)!.status).toBe('sent');
    const notice = afterCancel.find((message) => message.kind === 'cancelled' && message.channel === 'sms')!;
    expect(textOf(notice)).toBe('Hi Ana, your Cut on Thursday 4 June 2026 at 14:00 has been cancelled. To book again call 020 7946 0018. Test Cuts');

    shop.clock.set(now + 120_000);
    undoAppointmentChange(shop.receptionDesk, { idempotencyKey: key('undo'), id: booking.id, expectedVersion: 2, eventId: cancelled.event.id });
    const back = messagesOf(booking.id);
    expect(schedule(back)).toEqual(bookedFor4June(now + 120_000));
    // The cancellation notice that had not gone yet is withdrawn.
    expect(back.filter((message) => message.kind === 'cancelled').map((message) => message.status)).toEqual(['cancelled', 'cancelled']);
    expect(checkInvariants(shop.store)).toEqual([]);
  });

  it('a client without consent or contact gets skipped messages that say why, once per reminder however often it moves', async () => {
    const now = at('2026-06-01', '09:00');
    await messagingShop({ now });
    const ben = createClient(shop.receptionDesk, { idempotencyKey: key('ben'), name: 'Ben Okafor', email: 'ben@example.com' }).row;
    recordClientConsent(shop.receptionDesk, { idempotencyKey: key('c'), id: ben.id, expectedVersion: 1, channel: 'email', given: true });
    const booking = bookAna(ben.id, at('2026-06-04', '14:00'));
    const skipped = messagesOf(booking.id).filter((message) => message.status === 'skipped');
    expect(skipped.map((message) => `${message.kind} ${message.channel}`)).toEqual(['confirmation sms', 'reminder sms', 'reminder sms']);
    expect(new Set(skipped.map((message) => message.lastError))).toEqual(new Set(['Ben Okafor has not agreed to text messages.']));
    expect(live(messagesOf(booking.id)).map((message) => message.channel)).toEqual(['email', 'email', 'email']);

    rescheduleAppointment(shop.receptionDesk, { idempotencyKey: key('m'), id: booking.id, expectedVersion: 1, startsAt: at('2026-06-04', '15:00') });
    expect(messagesOf(booking.id).filter((message) => message.status === 'skipped').map((message) => message.kind)).toEqual([
      'confirmation',
      'reminder',
      'reminder',
      'rescheduled',
    ]);

    // Agreed to texts, but no number: the reason says so.
    recordClientConsent(shop.receptionDesk, { idempotencyKey: key('c3'), id: ben.id, expectedVersion: 2, channel: 'sms', given: true });
    const second = bookAna(ben.id, at('2026-06-08', '14:00'));
    expect(messagesOf(second.id).find((message) => message.status === 'skipped')!.lastError).toBe('Ben Okafor has no phone number for text messages.');
    // A number given later reaches the client the next time the booking changes.
    updateClient(shop.receptionDesk, { idempotencyKey: key('u'), id: ben.id, expectedVersion: 3, phone: '07700 900999' });
    rescheduleAppointment(shop.receptionDesk, { idempotencyKey: key('m2'), id: second.id, expectedVersion: 1, startsAt: at('2026-06-08', '15:00') });
    expect(live(messagesOf(second.id)).filter((message) => message.channel === 'sms').map((message) => message.to)).toEqual([
      '+447700900999',
      '+447700900999',
      '+447700900999',
    ]);
  });

  it('a hold gets nothing until confirmed; no reminder whose time has passed; checking in cancels the reminders left', async () => {
    const now = at('2026-06-01', '09:00');
    const ana = await messagingShop({ now });
    const hold = createAppointment(shop.receptionDesk, {
      idempotencyKey: key('hold'),
      clientId: ana,
      staffId: shop.staff[0].id,
      serviceId: shop.services.cut,
      startsAt: at('2026-06-01', '12:00'),
      holdMinutes: 60,
    }).row;
    expect(messagesOf(hold.id)).toEqual([]);
    confirmHold(shop.receptionDesk, { idempotencyKey: key('confirm'), id: hold.id, expectedVersion: 1 });
    // 12:00 today: the 48-hour reminder has passed, the two-hour one (10:00) has not.
    expect(Object.keys(schedule(messagesOf(hold.id))).sort()).toEqual(['confirmation email', 'confirmation sms', 'reminder email 120', 'reminder sms 120']);
    shop.clock.set(at('2026-06-01', '09:30'));
    checkIn(shop.receptionDesk, { idempotencyKey: key('in'), id: hold.id, expectedVersion: 2 });
    expect(messagesOf(hold.id).filter((message) => message.kind === 'reminder').map((message) => message.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('a shop that sends by no channel (every shop until it turns one on) makes no messages; a refused booking makes none', async () => {
    const now = at('2026-06-01', '09:00');
    const ana = await messagingShop({ now, messages: { channels: { email: false, sms: false } } });
    expect(messagesOf(bookAna(ana, at('2026-06-04', '14:00')).id)).toEqual([]);

    const settings = loadRow(shop.store, 'settings', SETTINGS_ID)!;
    updateShopSettings(shop.ownerDesk, { idempotencyKey: key('on'), id: SETTINGS_ID, expectedVersion: settings.version, messages: { ...settings.messages, channels: { email: true, sms: false } } });
    const count = () => (shop.store.sqlite.prepare(`SELECT count(*) AS n FROM messages`).get() as { n: number }).n;
    const before = count();
    const refused = await appErrorOfCall(() => bookAna(ana, at('2026-06-04', '14:00')));
    expect(refused.code).toBe('SLOT_TAKEN');
    expect(count()).toBe(before);
    // A message cancelled by a person stays cancelled; the follow-ups leave it alone.
    const booking = book(shop, at('2026-06-05', '11:00'), { clientId: ana });
    const reminder = messagesOf(booking.row.id).find((message) => message.kind === 'reminder')!;
    cancelMessage(shop.receptionDesk, { idempotencyKey: key('x'), id: reminder.id, expectedVersion: 1, reason: 'Client asked for no reminder' });
    expect(loadRow(shop.store, 'message', reminder.id)!.status).toBe('cancelled');
  });
});

describe('messages and the support report', () => {
  it('hides a message’s address, text and reason unless the owner includes client details', async () => {
    const now = at('2026-06-01', '09:00');
    const ana = await messagingShop({ now });
    const booking = bookAna(ana, at('2026-06-04', '14:00'));
    const reminder = messagesOf(booking.id).find((message) => message.channel === 'sms')!;
    startSendingMessage(shop.receptionDesk, { idempotencyKey: key('s'), id: reminder.id, expectedVersion: 1, provider: 'sms-a', subject: null, body: 'Hi Ana, see you Thursday' });
    const report = (include: boolean) => buildSupportReport(shop.store, { status: systemStatus(shop.store, now), recentErrors: [], includeClientDetails: include, now }).text;
    const hidden = report(false);
    for (const secret of ['ana@example.com', '+447700900456', 'see you Thursday']) expect(hidden).not.toContain(secret);
    expect(hidden).toContain('message.startSending');
    expect(report(true)).toContain('see you Thursday');
  });
});

describe('a reminder a day before a Sunday 10:00 when the clocks change overnight (acceptance 5)', () => {
  // Each zone's change days in 2026: the clocks go forward (spring) or back (autumn) early on the Sunday.
  const cases = [
    { zone: 'Europe/London', sunday: '2026-03-29', reminderUtc: Date.UTC(2026, 2, 28, 10, 0), startUtc: Date.UTC(2026, 2, 29, 9, 0) },
    { zone: 'Europe/London', sunday: '2026-10-25', reminderUtc: Date.UTC(2026, 9, 24, 9, 0), startUtc: Date.UTC(2026, 9, 25, 10, 0) },
    { zone: 'America/New_York', sunday: '2026-03-08', reminderUtc: Date.UTC(2026, 2, 7, 15, 0), startUtc: Date.UTC(2026, 2, 8, 14, 0) },
    { zone: 'America/New_York', sunday: '2026-11-01', reminderUtc: Date.UTC(2026, 9, 31, 14, 0), startUtc: Date.UTC(2026, 10, 1, 15, 0) },
  ];
  it.each(cases)('$zone, Sunday $sunday: on Saturday at 10:00 local, the instant the shop’s zone says', async ({ zone, sunday, reminderUtc, startUtc }) => {
    const ana = await messagingShop({ zone, now: startUtc - 7 * 24 * 3_600_000, messages: { reminderOffsetsMinutes: [1440, 120], channels: { email: true, sms: false } } });
    const booking = bookAna(ana, at(sunday, '10:00', zone));
    expect(booking.startsAt).toBe(startUtc);
    const due = schedule(messagesOf(booking.id));
    expect(due['reminder email 1440']).toBe(reminderUtc);
    // An offset of hours is real time: two hours before, whatever the clocks did.
    expect(due['reminder email 120']).toBe(startUtc - 2 * 3_600_000);
  });
});
