import { describe, expect, it } from 'vitest';
import type { AttentionItem } from '../../../src-shared/attention/items';
import { newId } from '../../../src-shared/ids';
import { attentionList } from '../../../src-main/agents/status/attention';
import { pairedDesks, syncUntilQuiet, waitForAMorning } from '../../support/sync/harness';

/**
 * Issue 14, acceptance 4: one attention list across the product, in the design's order. Desk B has
 * one of each — a real storage failure (SQLite refusing writes), a real conflict with desk A through
 * the sync server on PostgreSQL, a waitlist client a cancelled booking's time fits — and an overdue
 * form and a low-stock product fed through the sources' seam.
 */

const HOUR = 3_600_000;
/** Monday 1 June 2026, 08:00 in London, for both desks and the server. */
const SHOP_TIME = Date.UTC(2026, 5, 1, 7, 0);
const desks = pairedDesks('caredesk-attention', SHOP_TIME);

const seamItem = (kind: 'overdue-form' | 'low-stock', title: string): AttentionItem => ({
  kind,
  key: `${kind}:test`,
  title,
  detail: title,
  nextStep: { label: 'Open', screen: 'day' },
});

describe('the attention list', () => {
  it('orders a storage failure above a conflict above an overdue form above low stock above a waitlist match', async () => {
    const { a, b, shop, clock } = await desks.twoDesks('attention-order');
    // A waitlist client and a cancelled morning booking whose time fits them.
    waitForAMorning(b, shop);
    /** Client `n` booked with staff member `n` on `machine`, `hours` after the shop's clock. */
    const book = (machine: typeof a, n: number, hours: number): string => {
      const id = newId();
      machine.run('appointment', 'create', id, {
        clientId: shop.clientIds[n],
        staffId: shop.staffIds[n],
        serviceId: shop.serviceId,
        startsAt: clock.time + hours * HOUR,
        allowOutsideHours: true,
      });
      return id;
    };
    const freed = book(b, 1, 2);
    b.run('appointment', 'cancel', freed, {}, 'Client is ill');
    // The same booking's notes changed on both desks at once: B's change comes back as a conflict.
    const edited = book(a, 2, 4);
    await syncUntilQuiet([a, b]);
    a.run('appointment', 'updateNotes', edited, { notes: 'from A' });
    b.run('appointment', 'updateNotes', edited, { notes: 'from B' });
    await syncUntilQuiet([a]);
    await syncUntilQuiet([b]);

    const seam = { sources: [() => [seamItem('low-stock', 'Colour 6N is low')], () => [seamItem('overdue-form', 'Consent form missing')]] };
    const before = attentionList(b.store, clock.time, seam);
    expect(before.map((item) => item.kind)).toEqual(['conflict', 'overdue-form', 'low-stock', 'waitlist-match']);
    expect(before[0]).toMatchObject({ title: 'Client 2 was changed on two desks at once', nextStep: { screen: 'recovery', recordId: edited } });
    expect(before[3]).toMatchObject({ title: 'Client 0 is waiting for Cut', nextStep: { screen: 'day', recordId: freed, date: '2026-06-01' } });
    expect(before[3]!.detail).toMatch(/10:00.* with Staff 1 was cancelled and is free\./);

    // Now SQLite refuses every write: the next change fails at the storage layer and the desk is Unsafe.
    b.store.sqlite.pragma('query_only = ON');
    try {
      expect(() => b.run('client', 'update', shop.clientIds[3]!, { notes: 'Prefers mornings' })).toThrow();
      const after = attentionList(b.store, clock.time, seam);
      expect(after.map((item) => item.kind)).toEqual(['storage', 'conflict', 'overdue-form', 'low-stock', 'waitlist-match']);
      expect(after[0]).toMatchObject({ title: 'Booking changes are locked', nextStep: { screen: 'recovery' } });
      expect(after[0]!.detail).toMatch(/A write failed at the storage layer/);
    } finally {
      b.store.sqlite.pragma('query_only = OFF');
      b.store.storageFailure = null;
    }
    a.close();
    b.close();
  });

  it('a source that fails is an item saying so, never an empty list', async () => {
    const { a, b, clock } = await desks.twoDesks('attention-broken-source');
    const items = attentionList(b.store, clock.time, {
      sources: [
        () => {
          throw new Error('the stock table is missing');
        },
      ],
    });
    expect(items).toEqual([
      expect.objectContaining({ kind: 'failure', title: 'Part of the attention list could not be read', detail: 'the stock table is missing' }),
    ]);
    a.close();
    b.close();
  });
});
