import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-shared/clock';
import type { Message } from '../../../src-shared/entities';
import type { MessageProviders } from '../../../src-messaging/settings';
import { saveMessageProviders } from '../../../src-main/agents/messages/providerConfig';
import { writePairing } from '../../../src-main/agents/sync/meta';
import { fileSecretStore } from '../../../src-main/agents/sync/secrets';
import { loadRow } from '../../../src-main/core/store/rows';
import { activeProblems } from '../../../src-main/core/status/problems';
import { startDesk } from '../../../src-main/launch/desk/startDesk';
import { book, HOUR_MS, makeShop, tempDir } from '../../support/local/shop';
import { scheduleReminder } from '../../support/messaging/records';
import { startSmsStandIn, type SmsStandIn } from '../../support/messaging/smsStandIn';

/**
 * The standalone desk's sender (docs/architecture.md §18), started by startDesk: on start it
 * catches up on what fell due while the desk was closed — a reminder whose appointment is still
 * ahead goes (in the shop's words, on its clock), one whose appointment has started is marked
 * missed — and a paired desk never sends (the sync server does).
 */

const T0 = Date.UTC(2026, 5, 1, 8, 0); // Monday 1 June 2026, 09:00 in London
let sms: SmsStandIn;
const temp = tempDir('caredesk-desk-sender-');
beforeAll(async () => {
  sms = await startSmsStandIn();
});
afterAll(async () => {
  await sms.close();
  temp.cleanup();
});

/** A shop file with a provider and two reminders that fell due while the desk was closed. */
async function closedShop(name: string, options: { paired?: boolean } = {}) {
  const dataDir = join(temp.dir, name);
  mkdirSync(dataDir, { recursive: true });
  const shop = await makeShop({ file: join(dataDir, 'caredesk.sqlite'), now: T0 });
  const providers: MessageProviders = {
    email: null,
    sms: { primary: { kind: 'sms-http', name: 'Textline', baseUrl: sms.url, accountSid: 'AC1', authToken: 'secret', from: '+447700900999', idempotent: true }, fallback: null },
  };
  await saveMessageProviders(shop.store, providers, (secret) => fileSecretStore(join(dataDir, secret)));
  const reminder = (startsAt: number) => scheduleReminder(shop.ownerDesk, book(shop, startsAt).row);
  const started = reminder(T0 + HOUR_MS); // 10:00, already begun when the desk opens at 13:00
  const ahead = reminder(T0 + 5 * HOUR_MS); // 14:00, its reminder fell due at 12:00
  if (options.paired === true) {
    writePairing(shop.store, {
      serverUrl: 'http://127.0.0.1:9',
      shopId: '00000000-0000-4000-8000-000000000001',
      deviceId: '00000000-0000-4000-8000-000000000002',
      deviceName: 'Front desk',
      pairedAt: T0,
      token: { kind: 'file', path: join(dataDir, 'sync-token') },
    });
  }
  shop.close();
  return { dataDir, started, ahead };
}

describe("the standalone desk's sender", () => {
  it('on start, sends the due reminder whose appointment is ahead and marks the other missed', async () => {
    const { dataDir, started, ahead } = await closedShop('standalone');
    const before = sms.delivered.length;
    const desk = await startDesk({ dataDir, clock: new ManualClock(T0 + 4 * HOUR_MS), secretsFor: () => fileSecretStore(join(dataDir, 'sync-token')), sync: { autoRun: false } });
    try {
      await expect.poll(() => (loadRow(desk.store(), 'message', ahead.id) as Message).status).toBe('sent');
      expect((loadRow(desk.store(), 'message', started.id) as Message).status).toBe('missed');
      const text = sms.delivered.slice(before);
      expect(text).toHaveLength(1);
      expect(text[0]?.body).toBe('Hi Zoë, this is a reminder of your Cut with Alice on Monday 1 June 2026 at 14:00. To change it call . Test Cuts');
      expect(desk.messages.circuits()).toEqual([{ provider: 'Textline', channel: 'sms', state: 'closed', since: null, lastError: null }]);
    } finally {
      await desk.stop();
    }
  });

  it('a paired desk sends nothing: the sync server is the one sender', async () => {
    const { dataDir, ahead } = await closedShop('paired', { paired: true });
    const before = sms.requests.length;
    const desk = await startDesk({ dataDir, clock: new ManualClock(T0 + 4 * HOUR_MS), secretsFor: () => fileSecretStore(join(dataDir, 'sync-token')), sync: { autoRun: false } });
    try {
      expect(await desk.messages.passNow()).toBeNull();
      expect((loadRow(desk.store(), 'message', ahead.id) as Message).status).toBe('scheduled');
      expect(sms.requests.length).toBe(before);
    } finally {
      await desk.stop();
    }
  });

  it("a provider's open circuit is a system problem until it takes messages again", async () => {
    const { dataDir, ahead } = await closedShop('circuit');
    sms.answer(() => ({ status: 503 }));
    const clock = new ManualClock(T0 + 4 * HOUR_MS);
    const desk = await startDesk({
      dataDir,
      clock,
      secretsFor: () => fileSecretStore(join(dataDir, 'sync-token')),
      sync: { autoRun: false },
      // One message's five tries open the circuit; a short cool-down lets the test see it close.
      messages: { intervalMs: 60_000, resilience: { retries: 4, initialBackoffMs: 5, maxBackoffMs: 10, halfOpenAfterMs: 500 } },
    });
    try {
      await expect.poll(() => activeProblems(desk.store()).find((problem) => problem.kind === 'messages')?.title).toBe('Textline is not taking messages');
      expect((loadRow(desk.store(), 'message', ahead.id) as Message).status).toBe('failed');
      expect(desk.messages.circuits()[0]?.state).toBe('open');
      // The provider is back; once the message is due again the next call is the probe, and it goes.
      sms.answer(() => ({ deliver: true }));
      await new Promise((resolve) => setTimeout(resolve, 600));
      clock.advance(15 * 60_000);
      await desk.messages.passNow();
      expect((loadRow(desk.store(), 'message', ahead.id) as Message).status).toBe('sent');
      expect(activeProblems(desk.store()).filter((problem) => problem.kind === 'messages')).toEqual([]);
    } finally {
      sms.answer(() => ({ deliver: true }));
      await desk.stop();
    }
  });
});
