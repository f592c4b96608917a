import { describe, expect } from 'vitest';
import { checkIn } from '../../../src-main/core/appointments/commands';
import { overdueFormsAttention } from '../../../src-main/core/forms/attention';
import { answerForm, createFormTemplate, fillForm, signForm, undoFormChange, updateFormTemplate } from '../../../src-main/core/forms/commands';
import { clientForms, visitForms } from '../../../src-main/core/forms/queries';
import { updateService } from '../../../src-main/core/services/commands';
import { dayView } from '../../../src-main/core/appointments/dayView';
import { updateShopSettings } from '../../../src-main/core/settings/commands';
import { getShopSettings } from '../../../src-main/core/settings/queries';
import { localTimeToInstant } from '../../../src-shared/time';
import { consentAnswers, consentFields } from '../../support/forms/consentForm';
import { book, key, type Shop } from '../../support/local/shop';
import { shopTest } from '../../support/local/shopTest';
import { refusal } from '../../support/refusal';

/** Intake forms on the desk (issue 14, acceptance 3 and bad input; docs/architecture.md §27) on a real SQLite file. */

const ZONE = 'Europe/London';
const NINE = localTimeToInstant('2026-06-02', '09:00', ZONE);
const it = shopTest({ now: NINE });

const eventCount = (shop: Shop) => (shop.store.sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;

/** The owner's patch-test consent, asked for by the colour service; a colour for Zoë today at 14:30. */
function colourNeedingConsent(shop: Shop) {
  const template = createFormTemplate(shop.ownerDesk, { idempotencyKey: key('form'), name: 'Patch-test consent', fields: consentFields }).row;
  updateService(shop.ownerDesk, { idempotencyKey: key('svc'), id: shop.services.colour, expectedVersion: 1, formTemplateIds: [template.id] });
  const visit = book(shop, localTimeToInstant('2026-06-02', '14:30', ZONE), { serviceId: shop.services.colour }).row;
  return { template, visit };
}

describe('intake forms', () => {
  it('a consent form is overdue until filled at check-in, then shows signed in the client’s history and cannot be changed', ({ shop }) => {
    const { template, visit } = colourNeedingConsent(shop);
    expect(overdueFormsAttention(shop.store, shop.clock.now())).toEqual([
      {
        kind: 'overdue-form',
        key: `overdue-form:${visit.id}:${template.id}`,
        title: "Zoë Smith's patch-test consent is missing",
        detail: 'Colour at 14:30 today',
        // The next step opens the visit's drawer on its day.
        nextStep: { label: 'Open the booking to fill it in', screen: 'day', recordId: visit.id, date: '2026-06-02' },
        since: visit.startsAt,
      },
    ]);
    expect(visitForms(shop.store, visit.id)).toMatchObject([{ templateId: template.id, name: 'Patch-test consent', response: null }]);

    shop.clock.set(localTimeToInstant('2026-06-02', '14:20', ZONE));
    checkIn(shop.receptionDesk, { idempotencyKey: key('in'), id: visit.id, expectedVersion: 1 });
    expect(overdueFormsAttention(shop.store, shop.clock.now())).toHaveLength(1);
    const signed = fillForm(shop.receptionDesk, {
      idempotencyKey: key('fill'),
      templateId: template.id,
      clientId: visit.clientId,
      appointmentId: visit.id,
      answers: { ...consentAnswers, skin: '' },
      signedName: '  Zoë Smith ',
    });
    expect(signed.row).toMatchObject({ status: 'signed', signedName: 'Zoë Smith', signedAt: shop.clock.now(), templateName: 'Patch-test consent' });
    // An empty answer is no answer.
    expect(signed.row.answers).toEqual({ 'patch-test': true, hair: 'Thick', 'tested-on': '2026-06-01' });
    expect(signed.event).toMatchObject({ type: 'formResponse.create', actorStaffId: shop.staff[0].id, at: shop.clock.now() });
    expect(overdueFormsAttention(shop.store, shop.clock.now())).toEqual([]);

    const history = clientForms(shop.store, visit.clientId);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ id: signed.row.id, status: 'signed', serviceName: 'Colour', startsAt: visit.startsAt, signedName: 'Zoë Smith' });

    // Read-only once signed: a change, a second signature and an undo are refused in words, and nothing is written.
    const before = eventCount(shop);
    const change = refusal(() => answerForm(shop.receptionDesk, { idempotencyKey: key('a'), id: signed.row.id, expectedVersion: 1, answers: { hair: 'Fine' } }));
    expect(change).toMatchObject({ code: 'FORM_SIGNED', message: 'Zoë Smith has already signed this form, so it can no longer be changed.' });
    const again = refusal(() => signForm(shop.receptionDesk, { idempotencyKey: key('s'), id: signed.row.id, expectedVersion: 1, answers: consentAnswers, signedName: 'Someone Else' }));
    expect(again.code).toBe('FORM_SIGNED');
    const undone = refusal(() => undoFormChange(shop.ownerDesk, { idempotencyKey: key('u'), id: signed.row.id, expectedVersion: 1, eventId: signed.event.id }));
    expect(undone.code).toBe('FORM_SIGNED');
    expect(eventCount(shop)).toBe(before);
    expect(clientForms(shop.store, visit.clientId)[0]?.answers).toEqual(signed.row.answers);
  });

  it('a form started ahead keeps its answers and is signed later; the template changing afterwards does not change it', ({ shop }) => {
    const { template, visit } = colourNeedingConsent(shop);
    const started = fillForm(shop.receptionDesk, { idempotencyKey: key('f'), templateId: template.id, clientId: visit.clientId, appointmentId: visit.id, answers: { hair: 'Fine' } }).row;
    expect(started).toMatchObject({ status: 'open', answers: { hair: 'Fine' } });
    expect(overdueFormsAttention(shop.store, shop.clock.now())).toHaveLength(1);
    const answered = answerForm(shop.receptionDesk, { idempotencyKey: key('a'), id: started.id, expectedVersion: 1, answers: { hair: 'Medium' } });
    expect(answered.event.before).toEqual({ answers: { hair: 'Fine' } });
    const signed = signForm(shop.receptionDesk, { idempotencyKey: key('s'), id: started.id, expectedVersion: 2, answers: { 'patch-test': false, hair: 'Medium' }, signedName: 'Zoë Smith' });
    expect(signed.row).toMatchObject({ status: 'signed', version: 3 });
    expect(overdueFormsAttention(shop.store, shop.clock.now())).toEqual([]);
    updateFormTemplate(shop.ownerDesk, { idempotencyKey: key('t'), id: template.id, expectedVersion: 1, name: 'Colour consent', fields: consentFields.slice(0, 1) });
    expect(clientForms(shop.store, visit.clientId)[0]).toMatchObject({ templateName: 'Patch-test consent', fields: consentFields });
  });

  it('the day view marks the visit until its form is signed', ({ shop }) => {
    const { template, visit } = colourNeedingConsent(shop);
    const other = book(shop, localTimeToInstant('2026-06-02', '11:00', ZONE)).row;
    const shown = () => new Map(dayView(shop.store, { date: '2026-06-02' }).appointments.map((row) => [row.id, row.formsMissing]));
    expect(shown().get(visit.id)).toEqual(['Patch-test consent']);
    expect(shown().get(other.id)).toEqual([]);
    fillForm(shop.receptionDesk, { idempotencyKey: key('f'), templateId: template.id, clientId: visit.clientId, appointmentId: visit.id, answers: consentAnswers, signedName: 'Zoë Smith' });
    expect(shown().get(visit.id)).toEqual([]);
  });

  it('the overdue form speaks the shop’s language and clock', ({ shop }) => {
    const { visit } = colourNeedingConsent(shop);
    const settings = getShopSettings(shop.store)!;
    updateShopSettings(shop.ownerDesk, {
      idempotencyKey: key('es'),
      id: settings.id,
      expectedVersion: settings.version,
      locale: { language: 'es', dateFormat: 'dd/MM/yyyy', clock: '12h', weekStart: 1, currency: 'EUR' },
    });
    expect(overdueFormsAttention(shop.store, shop.clock.now())).toMatchObject([
      {
        title: 'Falta patch-test consent de Zoë Smith',
        detail: expect.stringMatching(/^Colour hoy a las 2:30/u),
        nextStep: { label: 'Abrir la cita para rellenarlo', recordId: visit.id },
      },
    ]);
  });

  describe('bad input is refused with the field in words, and nothing is written', () => {
    it('a form template without questions, or a choice without options', ({ shop }) => {
      const before = eventCount(shop);
      const empty = refusal(() => createFormTemplate(shop.ownerDesk, { idempotencyKey: key('f'), name: 'Health form', fields: [] }));
      expect(empty).toMatchObject({ code: 'VALIDATION_ERROR', message: 'Add at least one question: a form without questions has nothing to fill in.', details: { field: 'fields' } });
      const choice = refusal(() =>
        createFormTemplate(shop.ownerDesk, { idempotencyKey: key('f'), name: 'Health form', fields: [{ key: 'q', label: 'Hair type', kind: 'choice', required: false, choices: ['Fine'] }] }),
      );
      expect(choice.message).toBe('“Hair type” is a choice: give it at least two options.');
      const unnamed = refusal(() => createFormTemplate(shop.ownerDesk, { idempotencyKey: key('f'), name: '', fields: consentFields }));
      expect(unnamed).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'name' } });
      expect(unnamed.message).toMatch(/^Name/u);
      // Only the owner builds forms.
      expect(refusal(() => createFormTemplate(shop.receptionDesk, { idempotencyKey: key('f'), name: 'Health form', fields: consentFields })).code).toBe('FORBIDDEN');
      expect(eventCount(shop)).toBe(before);
    });

    it('a signature without a name, a required answer missing, an answer that does not fit its question', ({ shop }) => {
      const { template, visit } = colourNeedingConsent(shop);
      const before = eventCount(shop);
      const fill = (answers: Record<string, string | boolean>, signedName: string) =>
        refusal(() => fillForm(shop.receptionDesk, { idempotencyKey: key('f'), templateId: template.id, clientId: visit.clientId, appointmentId: visit.id, answers, signedName }));
      expect(fill(consentAnswers, '   ')).toMatchObject({
        code: 'VALIDATION_ERROR',
        message: 'Type the client’s full name as their signature.',
        details: { field: 'signedName' },
      });
      expect(fill({ 'patch-test': true }, 'Zoë Smith')).toMatchObject({
        code: 'VALIDATION_ERROR',
        message: '“Hair type” needs an answer before the form is signed.',
        details: { field: 'answers.hair' },
      });
      expect(fill({ ...consentAnswers, hair: 'Curly' }, 'Zoë Smith')).toMatchObject({ message: '“Hair type”: choose one of the options.' });
      expect(fill({ ...consentAnswers, 'tested-on': 'last week' }, 'Zoë Smith')).toMatchObject({ message: '“Date of the patch test”: give a date.' });
      // Another client's visit is not this client's form.
      const other = refusal(() => fillForm(shop.receptionDesk, { idempotencyKey: key('f'), templateId: template.id, clientId: shop.clients[1]!, appointmentId: visit.id }));
      expect(other).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'appointmentId' } });
      expect(eventCount(shop)).toBe(before);
      expect(visitForms(shop.store, visit.id)[0]?.response).toBeNull();
    });
  });
});
