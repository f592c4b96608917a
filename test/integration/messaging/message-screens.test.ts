import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMessageProviders } from '../../../src-main/agents/messages/providerConfig';
import { fileSecretStore } from '../../../src-main/agents/sync/secrets';
import { createMessage, markMessageUncertain, recordMessageFailure, startSendingMessage } from '../../../src-main/core/messages/commands';
import { appErrorOf } from '../../../src-shared/trpcErrors';
import { book, HOUR_MS, key, makeShop, type Shop } from '../../support/local/shop';
import { startSmtpStandIn, type SmtpStandIn } from '../../support/messaging/smtpStandIn';
import { deskCallerAs } from '../../support/deskCaller';

/**
 * The desk router's message procedures for the screens (docs/architecture.md §21), on a real
 * SQLite store and a real SMTP server: an appointment's messages with the names a receptionist
 * reads, the Messages screen's tabs, what needs a person, and the
 * providers — read back without a secret, a secret left out kept, owner only, a test message.
 */


/** The AppError a router call is refused with (the caller hands it back wrapped for tRPC). */
async function refusalOf(work: () => Promise<unknown>) {
  return work().then(
    () => {
      throw new Error('expected a refusal, but the call succeeded');
    },
    (error: unknown) => appErrorOf(error),
  );
}

describe('messages for the screens', () => {
  let shop: Shop;
  let smtp: SmtpStandIn;
  const secrets = (name: string) => fileSecretStore(join(shop.dir, name));
  const callerAs = (staffId: string) =>
    deskCallerAs(shop.store, staffId, { now: shop.clock.now, requestId: key('req'), shell: { messageSecrets: secrets } });

  beforeEach(async () => {
    shop = await makeShop();
    smtp = await startSmtpStandIn();
  });
  afterEach(async () => {
    await smtp.close();
    shop.close();
  });

  it("lists an appointment's messages with names, sorts them into the screen's tabs and counts what needs a person", async () => {
    // Three days ahead at 11:00 in the shop (the clock starts at 07:00 London time).
    const booked = book(shop, shop.clock.now() + (3 * 24 + 4) * HOUR_MS);
    const appointment = booked.row;
    const desk = shop.receptionDesk;
    const about = { clientId: appointment.clientId, appointmentId: appointment.id };
    createMessage(desk, { idempotencyKey: key(), ...about, kind: 'reminder', channel: 'email', to: 'ana@example.com', reminderOffsetMinutes: 2880, dueAt: appointment.startsAt - 2880 * 60_000 });
    const failing = createMessage(desk, { idempotencyKey: key(), ...about, kind: 'confirmation', channel: 'sms', to: '+447700900123' }).row;
    const sending = startSendingMessage(desk, { idempotencyKey: key(), id: failing.id, expectedVersion: failing.version, provider: 'Texts 1', subject: null, body: 'Hi' }).row;
    recordMessageFailure(desk, { idempotencyKey: key(), id: failing.id, expectedVersion: sending.version, provider: 'Texts 1', error: 'Texts 1 refused the message: not a mobile.', final: true, retryAt: null });
    const unsure = createMessage(desk, { idempotencyKey: key(), ...about, kind: 'confirmation', channel: 'email', to: 'ana@example.com' }).row;
    const unsureSending = startSendingMessage(desk, { idempotencyKey: key(), id: unsure.id, expectedVersion: unsure.version, provider: 'Mail', subject: 'S', body: 'B' }).row;
    markMessageUncertain(desk, { idempotencyKey: key(), id: unsure.id, expectedVersion: unsureSending.version, error: 'The sender stopped.' });
    const caller = await callerAs(shop.staff[0].id);

    const ofAppointment = await caller.messages.ofAppointment({ appointmentId: appointment.id });
    expect(ofAppointment.map((message) => message.kind)).toEqual(['confirmation', 'confirmation', 'reminder']);
    expect(ofAppointment[0]?.clientName).toBeTruthy();
    expect(ofAppointment[0]?.appointment).toMatchObject({ startsAt: appointment.startsAt, staffName: shop.staff[0].name });

    expect((await caller.messages.list({ tab: 'due' })).map((message) => message.kind)).toEqual(['reminder']);
    expect((await caller.messages.list({ tab: 'failed' })).map((message) => message.lastError)).toEqual(['Texts 1 refused the message: not a mobile.']);
    expect((await caller.messages.list({ tab: 'notSure' })).map((message) => message.id)).toEqual([unsure.id]);
    expect(await caller.messages.list({ tab: 'sent' })).toEqual([]);
    expect(await caller.messages.attention()).toEqual({ failed: 1, uncertain: 1, missed: 0 });
  });

  it('keeps provider secrets on the desk: read back redacted, kept when left out, changed by the owner only; a test e-mail goes', async () => {
    const owner = await callerAs(shop.owner.id);
    const smtpSettings = { kind: 'smtp' as const, name: 'Shop mail', host: '127.0.0.1', port: smtp.port, secure: false, user: null, from: 'desk@shop.example' };
    await owner.messages.providers.save({ email: { primary: { ...smtpSettings, password: 'secret-pass-1' }, fallback: null }, sms: null });
    const read = await owner.messages.providers.get();
    expect(JSON.stringify(read)).not.toContain('secret-pass-1');
    expect(read.email?.primary.password).toBe('[redacted]');

    // Saved again without the password (the form's "saved", not replaced): the one saved stays.
    await owner.messages.providers.save({ email: { primary: { ...smtpSettings, name: 'Shop mail 2' }, fallback: null }, sms: null });
    const kept = await loadMessageProviders(shop.store, secrets);
    expect(kept?.email?.primary).toMatchObject({ name: 'Shop mail 2', password: 'secret-pass-1' });

    const staff = await callerAs(shop.staff[0].id);
    const refused = await refusalOf(() => staff.messages.providers.save({ email: null, sms: null }));
    expect(refused.code).toBe('FORBIDDEN');
    expect((await loadMessageProviders(shop.store, secrets))?.email).not.toBeNull();

    const badAddress = await refusalOf(() => owner.messages.providers.sendTest({ channel: 'email', role: 'primary', to: 'not an address' }));
    expect(badAddress).toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(smtp.received).toHaveLength(0);
    const sent = await owner.messages.providers.sendTest({ channel: 'email', role: 'primary', to: 'ana@example.com' });
    expect(sent).toMatchObject({ sent: true, provider: 'Shop mail 2', to: 'ana@example.com' });
    expect(smtp.received.map((mail) => mail.to)).toEqual([['ana@example.com']]);
    smtp.refuse({ code: 550, text: 'No such mailbox' });
    const bounced = await owner.messages.providers.sendTest({ channel: 'email', role: 'primary', to: 'nobody@example.com' });
    expect(bounced).toMatchObject({ sent: false });
    expect(bounced.sent ? '' : bounced.reason).toContain('No such mailbox');
  });
});
