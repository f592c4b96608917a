import { describe, expect, it } from 'vitest';
import { activitySentence, type ActivityEvent, type Subject } from '../../../src-renderer/activityWording';
import { showLanguage } from '../../../src-renderer/i18n';
import { showLocale } from '../../../src-shared/locale/format';
import { DEFAULT_LOCALE } from '../../../src-shared/locale/settings';
import { localTimeToInstant } from '../../../src-shared/time';

const zone = 'Europe/London';
const at = (date: string, time: string) => localTimeToInstant(date, time, zone);
const today = '2026-11-30';
const names = { aisha: 'Aisha Patel', kids: 'Kids cut', colour: 'Colour', priya: 'Priya', jo: 'Jo', sam: 'Sam' };
const context = { meId: 'me', names, lookup: { staff: new Map<string, string>(), services: new Map<string, string>(), zone }, today };
/** The booking as it is now, as the activity query returns it beside each event. */
const booking: Subject = { clientId: 'aisha', serviceId: 'kids', staffId: 'priya', startsAt: at(today, '11:45') };

let n = 0;
function event(type: string, before: Record<string, unknown>, after: Record<string, unknown>, extra: Partial<ActivityEvent> = {}): ActivityEvent {
  return {
    id: `e${(n += 1)}`,
    type,
    entityType: 'appointment',
    actorStaffId: 'sam',
    actorName: 'Sam',
    undoesEventType: null,
    reason: null,
    before,
    after,
    subject: booking,
    ...extra,
  };
}

describe('an activity row in words', () => {
  it('names the client, the service, the times and the staff member of a move', () => {
    const moved = event('appointment.reschedule', { startsAt: at(today, '15:15'), endsAt: 0 }, { startsAt: at(today, '11:45'), endsAt: 0 });
    expect(activitySentence(moved, context)).toBe("Sam moved Aisha Patel's Kids cut from 15:15 to 11:45 with Priya");
  });

  it('says from whom to whom when the staff member changed', () => {
    const moved = event('appointment.reschedule', { startsAt: at(today, '15:15'), staffId: 'priya' }, { startsAt: at(today, '11:45'), staffId: 'jo' });
    expect(activitySentence(moved, context)).toBe("Sam moved Aisha Patel's Kids cut from 15:15 to 11:45, from Priya to Jo");
    const sameTime = event('appointment.reschedule', { staffId: 'priya' }, { staffId: 'jo' });
    expect(activitySentence(sameTime, context)).toBe("Sam moved Aisha Patel's Kids cut at 11:45 from Priya to Jo");
  });

  it('says the date of a time that is not today', () => {
    const moved = event('appointment.reschedule', { startsAt: at(today, '15:15') }, { startsAt: at('2026-12-01', '11:45') });
    expect(activitySentence(moved, context)).toBe("Sam moved Aisha Patel's Kids cut from 15:15 to Tue 1 Dec 2026, 11:45 with Priya");
    const booked = event('appointment.create', {}, { clientId: 'aisha', serviceId: 'kids', staffId: 'jo', startsAt: at('2026-12-01', '09:00') });
    expect(activitySentence(booked, context)).toBe("Sam booked Aisha Patel's Kids cut on Tue 1 Dec 2026, 09:00 with Jo");
  });

  it('says "You" for the person at the desk', () => {
    const booked = event('appointment.create', {}, { clientId: 'aisha', serviceId: 'kids', staffId: 'priya', startsAt: at(today, '15:15') }, { actorStaffId: 'me', actorName: 'Me' });
    expect(activitySentence(booked, context)).toBe("You booked Aisha Patel's Kids cut at 15:15 with Priya");
  });

  it('says the sender’s own steps are CareDesk’s, whoever’s name the rules recorded them in; a person’s cancel of a message stays theirs', () => {
    const message = { entityType: 'message' as const, subject: { name: 'a reminder' } };
    const sent = event('message.recordSent', { status: 'sending' }, { status: 'sent' }, message);
    expect(activitySentence(sent, context)).toMatch(/^CareDesk sent /);
    const cancelled = event('message.cancel', { status: 'scheduled' }, { status: 'cancelled' }, message);
    expect(activitySentence(cancelled, context)).toMatch(/^Sam cancelled /);
  });

  it('gives the reason of a cancellation', () => {
    const cancelled = event('appointment.cancel', { status: 'booked', cancelReason: null }, { status: 'cancelled', cancelReason: 'Running late' }, { reason: 'Running late' });
    expect(activitySentence(cancelled, context)).toBe("Sam cancelled Aisha Patel's Kids cut at 11:45 with Priya — reason: Running late");
  });

  it('uses the sentence an op declares when "<verb> <record>" would read wrong', () => {
    const noShow = event('appointment.markNoShow', { status: 'booked' }, { status: 'no_show' });
    expect(activitySentence(noShow, context)).toBe("Sam marked Aisha Patel's Kids cut at 11:45 with Priya as a no-show");
    const service = event('appointment.changeService', { serviceId: 'kids' }, { serviceId: 'colour' });
    expect(activitySentence(service, context)).toBe("Sam changed the service of Aisha Patel's Kids cut at 11:45 with Priya to Colour");
  });

  it('words an op it has never heard of by its declared verb, or plainly when it has none', () => {
    const unknown = event('appointment.somethingNew', { status: 'booked' }, { status: 'booked' });
    expect(activitySentence(unknown, context)).toBe("Sam changed Aisha Patel's Kids cut at 11:45 with Priya");
  });

  it('words the undo of each kind of change, never "the a change"', () => {
    const undoMove = event('appointment.undo', { startsAt: at(today, '11:45') }, { startsAt: at(today, '15:15') }, { undoesEventType: 'appointment.reschedule' });
    expect(activitySentence(undoMove, context)).toBe("Sam undid the move of Aisha Patel's Kids cut: back at 15:15 with Priya");
    const undoCancel = event('appointment.undo', { status: 'cancelled' }, { status: 'booked' }, { undoesEventType: 'appointment.cancel' });
    expect(activitySentence(undoCancel, context)).toBe("Sam undid the cancellation of Aisha Patel's Kids cut at 11:45 with Priya");
    const undoCreate = event('appointment.undo', { deletedAt: null }, { deletedAt: 1 }, { undoesEventType: 'appointment.create' });
    expect(activitySentence(undoCreate, context)).toBe("Sam undid the creation of Aisha Patel's Kids cut at 11:45 with Priya");
    const undoNoShow = event('appointment.undo', { status: 'no_show' }, { status: 'booked' }, { undoesEventType: 'appointment.markNoShow' });
    expect(activitySentence(undoNoShow, context)).toBe("Sam undid the no-show of Aisha Patel's Kids cut at 11:45 with Priya");
    const undoUnknown = event('appointment.undo', {}, {}, { undoesEventType: null });
    expect(activitySentence(undoUnknown, context)).toBe("Sam undid a change to Aisha Patel's Kids cut at 11:45 with Priya");
    for (const sentence of [undoMove, undoCancel, undoCreate, undoNoShow, undoUnknown].map((item) => activitySentence(item, context)))
      expect(sentence).not.toMatch(/the a |\(appointment\)/);
  });

  it('words other records with their names, and a deletion without "— → yes"', () => {
    const deleted = event('client.delete', { deletedAt: null }, { deletedAt: 5 }, { entityType: 'client', subject: { name: 'Aisha Patel' } });
    expect(activitySentence(deleted, context)).toBe('Sam deleted the client Aisha Patel');
    const phone = event('client.update', { phone: '07700 900001' }, { phone: '07700 900002' }, { entityType: 'client', subject: { name: 'Aisha Patel' } });
    expect(activitySentence(phone, context)).toBe("Sam changed Aisha Patel's phone from 07700 900001 to 07700 900002");
    const block = event('block.move', { startsAt: at(today, '12:00'), endsAt: at(today, '13:00') }, { startsAt: at(today, '14:00'), endsAt: at(today, '15:00') }, {
      entityType: 'block',
      subject: { staffId: 'priya', kind: 'lunch', startsAt: at(today, '14:00'), endsAt: at(today, '15:00') },
    });
    expect(activitySentence(block, context)).toBe("Sam moved Priya's lunch from 12:00–13:00 to 14:00–15:00");
  });

  it("words time off with whose it is and when", () => {
    const added = event('timeOff.create', {}, { staffId: 'priya', kind: 'holiday', startsAt: at('2026-12-01', '00:00'), endsAt: at('2026-12-02', '00:00') }, { entityType: 'timeOff', subject: {} });
    expect(activitySentence(added, context)).toBe("Sam added Priya's holiday, Tue 1 Dec 2026, 00:00 to Wed 2 Dec 2026, 00:00");
    const undone = event('timeOff.undo', { deletedAt: null }, { deletedAt: 1 }, {
      entityType: 'timeOff',
      undoesEventType: 'timeOff.create',
      subject: { staffId: 'priya', kind: 'sick', startsAt: at(today, '09:00'), endsAt: at(today, '13:00') },
    });
    expect(activitySentence(undone, context)).toBe("Sam undid the creation of Priya's sick leave, 09:00 to 13:00");
  });
});

describe('an activity row in the shop’s language', () => {
  it('reads in Spanish, on the shop’s clock, when the shop chose Spanish', () => {
    showLocale({ language: 'es', dateFormat: 'dd/MM/yyyy', clock: '24h', weekStart: 1, currency: 'EUR' });
    showLanguage('es');
    try {
      const moved = event('appointment.reschedule', { startsAt: at(today, '15:15'), staffId: 'priya' }, { startsAt: at(today, '11:45'), staffId: 'jo' }, { reason: 'llamó' });
      expect(activitySentence(moved, context)).toBe('Sam movió Kids cut de Aisha Patel de 15:15 a 11:45, de Priya a Jo — motivo: llamó');
      const undone = event('appointment.undo', {}, {}, { actorStaffId: 'me', undoesEventType: 'appointment.cancel' });
      // The person at the desk in the informal register: their name and "(tú)", since the verb is "deshizo".
      expect(activitySentence(undone, context)).toBe('Sam (tú) deshizo la cancelación de Kids cut de Aisha Patel a las 11:45 con Priya');
    } finally {
      showLocale(DEFAULT_LOCALE);
      showLanguage('en');
    }
  });

  it('says which kind of file an import held, and so does its undo, whose event keeps only what it changed', () => {
    const batch = { entityType: 'importBatch' as const, subject: { name: 'fresha.csv', kind: 'appointments' } };
    const imported = event('importBatch.create', {}, { fileName: 'fresha.csv', kind: 'appointments', added: 3, merged: 0, skipped: 1 }, batch);
    expect(activitySentence(imported, context)).toBe('Sam imported 3 appointments from fresha.csv');
    const undone = event('importBatch.undo', { deletedAt: null }, { deletedAt: at(today, '12:00') }, batch);
    expect(activitySentence(undone, context)).toBe('Sam undid the import of appointments from fresha.csv');
    const clients = event('importBatch.create', {}, { fileName: 'clients.csv', kind: 'clients', added: 1, merged: 0, skipped: 0 }, { entityType: 'importBatch', subject: { name: 'clients.csv', kind: 'clients' } });
    expect(activitySentence(clients, context)).toBe('Sam imported 1 client from clients.csv');
  });
});
