import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { SETTINGS_ID } from '../../../src-shared/entities';
import { isAppError, type ErrorEnvelope } from '../../../src-shared/errors';
import { newId } from '../../../src-shared/ids';
import type { LocaleSettings } from '../../../src-shared/locale/settings';
import { attentionList } from '../../../src-main/agents/status/attention';
import { inShopLanguage } from '../../../src-main/core/settings/shopLanguage';
import { outbox } from '../../../src-main/core/store/schema';
import { deskCallerAs } from '../../support/deskCaller';
import { allWeek, Machine, pairedDesks, syncUntilQuiet } from '../../support/sync/harness';

/**
 * Issue 15 through the sync server: a change the server refuses is kept on the desk with the
 * refusal's words, and the desk says them in the shop's language where a person reads them (the
 * Recovery Center); a pairing the server refuses is said the same way.
 */

const HOUR = 3_600_000;
/** Monday 1 June 2026, 08:00 in London, for both desks and the server. */
const SHOP_TIME = Date.UTC(2026, 5, 1, 7, 0);
const desks = pairedDesks('caredesk-refusals-language', SHOP_TIME);
const spanish: LocaleSettings = { language: 'es', dateFormat: 'dd/MM/yyyy', clock: '24h', weekStart: 1, currency: 'EUR' };
const TAKEN_ES = 'Esa hora ya está reservada para esta persona. Elige otra hora u otra persona del equipo.';
const TAKEN_EN = 'That time is already booked for this staff member. Choose another time or another staff member.';

describe('a refusal from the sync server in the shop language', () => {
  it('a booking the server refuses as taken is kept with its words and shown in Spanish in the Recovery Center', async () => {
    const { a, b, shop, clock } = await desks.twoDesks('taken-in-spanish');
    b.run('settings', 'update', SETTINGS_ID, { locale: spanish });
    await syncUntilQuiet([b]);
    // The same person at the same time on both desks: A's reaches the server first.
    const booking = (machine: Machine) => {
      const id = newId();
      machine.run('appointment', 'create', id, {
        clientId: shop.clientIds[machine === a ? 1 : 2],
        staffId: shop.staffIds[1],
        serviceId: shop.serviceId,
        startsAt: clock.time + 2 * HOUR,
        allowOutsideHours: true,
      });
      return id;
    };
    booking(a);
    const refused = booking(b);
    await syncUntilQuiet([a]);
    await syncUntilQuiet([b]);

    // What the desk keeps is the server's English with its words, as the server said it.
    const kept = b.store.db.select().from(outbox).where(eq(outbox.entityId, refused)).get()!;
    const keptError = (kept.outcome as { error: ErrorEnvelope }).error;
    expect(kept.state).toBe('rejected');
    expect(keptError).toMatchObject({ code: 'SLOT_TAKEN', message: TAKEN_EN, say: { key: 'slots.taken' } });

    const recovery = await deskCallerAs(b.store, shop.ownerId, { now: clock.now, requestId: 'req-recovery' });
    const listed = (await recovery.recovery.list()).items.find((item) => item.entityId === refused)!;
    expect(listed.kind).toBe('slotTaken');
    expect(listed.error).toMatchObject({ code: 'SLOT_TAKEN', message: TAKEN_ES });
    expect(listed.changes.map((change) => change.error?.message)).toEqual([TAKEN_ES]);
    const item = await recovery.recovery.item({ entityType: 'appointment', entityId: refused });
    expect(item?.error?.message).toBe(TAKEN_ES);
    // The attention list names the same refusal in the same words.
    const conflict = attentionList(b.store, clock.time).find((entry) => entry.kind === 'conflict' && entry.nextStep.recordId === refused);
    expect(conflict?.detail).toBe(TAKEN_ES);

    // Said, not rewritten: the row keeps the server's English.
    expect((b.store.db.select().from(outbox).where(eq(outbox.entityId, refused)).get()!.outcome as { error: ErrorEnvelope }).error.message).toBe(TAKEN_EN);
    a.close();
    b.close();
  });

  it("a pairing code the server refuses is said in the desk's shop language", async () => {
    const { a, b, clock } = await desks.twoDesks('pairing-in-spanish');
    const c = new Machine({ dir: desks.dir, name: 'pairing-in-spanish-c', clock: clock.now });
    c.run('settings', 'create', SETTINGS_ID, { shopName: 'Salón Lucía', timeZone: 'Europe/Madrid', openingHours: allWeek, locale: spanish });
    const failure = await c.pair(desks.server, 'ABCD-EFGH-JKLM').then(
      () => null,
      (error: unknown) => error,
    );
    expect(isAppError(failure), String(failure)).toBe(true);
    if (!isAppError(failure)) return;
    expect(failure).toMatchObject({
      code: 'AUTH_TOKEN_INVALID',
      message: 'That pairing code is not valid, was already used or has expired. Ask the owner for a new one.',
      say: { key: 'sync.badPairingCode' },
    });
    // What the desk router's errorFormatter hands the Sync settings screen.
    expect(inShopLanguage(c.store, failure.toEnvelope('req-pair')).message).toBe(
      'Ese código de emparejamiento no es válido, ya se usó o ha caducado. Pide uno nuevo al dueño.',
    );
    a.close();
    b.close();
    c.close();
  });
});
