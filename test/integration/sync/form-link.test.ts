import { describe, expect, it } from 'vitest';
import { serverKeys } from '../../../server/messages/secrets';
import { configureSync } from '../../../src-main/agents/sync/registry';
import { fileSecretStore } from '../../../src-main/agents/sync/secrets';
import { appRouter } from '../../../src-main/api/appRouter';
import { createCallerFactory } from '../../../src-main/api/trpc';
import { missingForms } from '../../../src-main/core/forms/queries';
import { DeskSession } from '../../../src-main/core/session/deskSession';
import { loadRow } from '../../../src-main/core/store/rows';
import { CLIENT_VIA_LINK_ACTOR_ID } from '../../../src-shared/clientActor';
import type { FormResponse } from '../../../src-shared/entities';
import { newId } from '../../../src-shared/ids';
import { appErrorOf } from '../../../src-shared/trpcErrors';
import { consentFields } from '../../support/forms/consentForm';
import { Clock, syncTestbed, syncUntilQuiet, twoPairedDesks } from '../../support/sync/harness';

/**
 * Issue 14: a paired shop's client fills in and signs an intake form ahead through the form link
 * (docs/architecture.md §27). Real PostgreSQL (DATABASE_URL), two real SQLite desks paired over
 * HTTP: the desk asks the server for the link, the client's browser GETs and POSTs the plain page,
 * the server records the signed form as the client through the rulebook, and both desks pull it.
 */

/** Monday 1 June 2026, 08:00 in London; the colour is on Tuesday at 10:00. */
const SHOP_TIME = Date.UTC(2026, 5, 1, 7, 0);
const VISIT = Date.UTC(2026, 5, 2, 9, 0);
const clock = new Clock(SHOP_TIME);
const bed = syncTestbed('caredesk-form-link', { clock, server: { keys: serverKeys('a test secret that is long enough to be one'), sendMessages: false } });

const post = (url: string, fields: Record<string, string>) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });

describe('the client fills in a form through the link of a paired shop', () => {
  it('the desk gets the link, the client signs on the plain page, both desks see it signed and read-only', async () => {
    const { a, b, shop, shopId } = await twoPairedDesks(bed.server, clock, bed.dir, 'Form shop', SHOP_TIME);
    try {
      const templateId = newId();
      a.run('formTemplate', 'create', templateId, { name: 'Patch-test consent', fields: consentFields });
      a.run('service', 'update', shop.serviceId, { formTemplateIds: [templateId] });
      const visitId = newId();
      const clientId = shop.clientIds[0]!;
      a.run('appointment', 'create', visitId, { clientId, staffId: shop.staffIds[1], serviceId: shop.serviceId, startsAt: VISIT });
      await syncUntilQuiet([a, b]);
      expect(missingForms(b.store, SHOP_TIME, VISIT + 3_600_000)).toHaveLength(1);

      // The desk's own procedure asks the shop server (with this device's token) for the link.
      configureSync(a.store, { secrets: fileSecretStore(`${a.file}.token`), autoRun: false, now: a.options.clock });
      const session = new DeskSession();
      await session.signIn(a.store, { staffId: shop.staffIds[1]! });
      const desk = createCallerFactory(appRouter)({ store: a.store, session, now: a.options.clock, requestId: `req-${newId()}` });
      const { url, expiresAt } = await desk.formResponses.link({ appointmentId: visitId, templateId });
      expect(url).toMatch(new RegExp(`^${bed.server.url}/f/[A-Za-z0-9_-]{75}$`, 'u'));
      expect(expiresAt).toBe(VISIT);

      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      const html = await page.text();
      expect(html).toContain('<h1>Patch-test consent</h1>');
      expect(html).toContain('Have you had a patch test in the last 48 hours?');
      expect(html).toContain('Cut');
      expect(html).not.toContain('<script');

      // A required answer missing: refused in the rules' words, what was typed kept, nothing recorded.
      const missing = await post(url, { 'a.patch-test': 'yes', 'a.skin': 'Dry <scalp>', signedName: 'Client Zero' });
      expect(missing.status).toBe(400);
      const again = await missing.text();
      expect(again).toContain('“Hair type” needs an answer before the form is signed.');
      expect(again).toContain('Dry &lt;scalp&gt;');
      const noName = await post(url, { 'a.patch-test': 'yes', 'a.hair': 'Fine', signedName: '  ' });
      expect(noName.status).toBe(400);
      expect(await noName.text()).toContain('Type the client’s full name to sign the form.');
      expect([...(await bed.server.rows(shopId)).keys()].some((key) => key.startsWith('formResponse:'))).toBe(false);

      const signed = await post(url, { 'a.patch-test': 'no', 'a.hair': 'Fine', 'a.tested-on': '2026-05-30', signedName: 'Client Zero' });
      expect(signed.status).toBe(200);
      expect(await signed.text()).toContain('Test shop has your signed Patch-test consent.');
      const twice = await post(url, { 'a.patch-test': 'yes', 'a.hair': 'Thick', signedName: 'Someone Else' });
      expect(await twice.text()).toContain('Already signed');

      await syncUntilQuiet([a, b]);
      for (const machine of [a, b]) {
        const found = machine.store.sqlite.prepare('SELECT id FROM form_responses WHERE appointment_id = ?').all(visitId) as { id: string }[];
        expect(found).toHaveLength(1);
        const response = loadRow(machine.store, 'formResponse', found[0]!.id) as FormResponse;
        expect(response).toMatchObject({ status: 'signed', signedName: 'Client Zero', clientId, answers: { 'patch-test': false, hair: 'Fine', 'tested-on': '2026-05-30' } });
        const event = machine.store.sqlite.prepare('SELECT actor_staff_id AS actor FROM events WHERE entity_id = ?').get(response.id) as { actor: string };
        expect(event.actor).toBe(CLIENT_VIA_LINK_ACTOR_ID);
        expect(missingForms(machine.store, SHOP_TIME, VISIT + 3_600_000)).toEqual([]);
      }
      // Read-only at the desk too.
      const responseId = (b.store.sqlite.prepare('SELECT id FROM form_responses').get() as { id: string }).id;
      const change = await desk.formResponses.answer({ idempotencyKey: `k-${newId()}`, id: responseId, expectedVersion: 1, answers: { hair: 'Thick' } }).catch((error: unknown) => appErrorOf(error));
      expect(change).toMatchObject({ code: 'FORM_SIGNED' });

      // A token altered in one character is refused with a plain page.
      const token = url.slice(url.lastIndexOf('/') + 1);
      const forged = `${url.slice(0, url.lastIndexOf('/') + 1)}${token[0] === 'A' ? 'B' : 'A'}${token.slice(1)}`;
      expect((await fetch(forged)).status).toBe(403);
    } finally {
      a.close();
      b.close();
    }
  });
});
