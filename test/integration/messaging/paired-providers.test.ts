import { startSmtpStandIn } from '../../support/messaging/smtpStandIn';
import { getShopSettings } from '../../../src-main/core/settings/queries';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../server/log';
import { serverKeys } from '../../../server/messages/secrets';
import { loadShopProviders } from '../../../server/messages/providerStore';
import { NO_SERVER_KEY } from '../../../server/messages/relay';
import { loadMessageProviders } from '../../../src-main/agents/messages/providerConfig';
import { configureSync } from '../../../src-main/agents/sync/registry';
import { fileSecretStore } from '../../../src-main/agents/sync/secrets';
import type { ProvidersInput } from '../../../src-messaging/settings';
import { newId } from '../../../src-shared/ids';
import { appErrorOf } from '../../../src-shared/trpcErrors';
import { Clock, syncTestbed, twoPairedDesks, type Machine } from '../../support/sync/harness';
import { refusalOf } from '../../support/refusal';
import { deskCallerAs } from '../../support/deskCaller';
import { join } from 'node:path';

/**
 * Issue 13: a paired shop's owner sets the sync server's message providers from the desk
 * (docs/architecture.md §20). Real PostgreSQL (DATABASE_URL), real SQLite desks paired over HTTP,
 * the desk router's own procedures: the owner's save reaches the server and leaves the desk's own
 * store alone, a secret left out keeps the server's, a non-owner is refused, no secret is stored
 * or answered in clear, and a server without a key refuses in words.
 */

/** Monday 1 June 2026, 08:00 in London. */
const SHOP_TIME = Date.UTC(2026, 5, 1, 7, 0);
const keys = serverKeys('a test secret that is long enough to be one');
const keyedClock = new Clock(SHOP_TIME);
/** Every line the keyed server logs, read back to prove no secret reaches one. */
const logged: string[] = [];
const keyed = syncTestbed('caredesk-paired-providers', {
  clock: keyedClock,
  server: { keys, sendMessages: false, logger: createLogger('debug', { write: (line: string) => logged.push(line) }) },
});
const keylessClock = new Clock(SHOP_TIME);
const keyless = syncTestbed('caredesk-keyless-providers', { clock: keylessClock });

/** The desk router as `staffId` at `desk`, its sync agent on the desk's own pairing and token. */
async function deskAs(desk: Machine, staffId: string, dir: string) {
  configureSync(desk.store, {
    secrets: fileSecretStore(`${desk.file}.token`),
    autoRun: false,
    now: desk.options.clock,
  });
  return deskCallerAs(desk.store, staffId, {
    now: desk.options.clock,
    requestId: `req-${newId()}`,
    shell: { messageSecrets: (name) => fileSecretStore(join(dir, `${desk.options.name}-${name}`)) },
  });
}

const smtp = {
  kind: 'smtp' as const,
  name: 'Shop mail',
  host: 'smtp.shop.example',
  port: 587,
  secure: false,
  user: 'desk',
  from: 'desk@shop.example',
};
const sms = {
  kind: 'sms-http' as const,
  name: 'Textline',
  baseUrl: 'https://sms.example',
  accountSid: 'AC1',
  from: '+447700900999',
  idempotent: false,
};
const providers = (): ProvidersInput => ({
  email: { primary: { ...smtp, password: 'mail-secret-1' }, fallback: null },
  sms: { primary: { ...sms, authToken: 'sms-secret-1' }, fallback: null },
});

/** Two paired desks of a new shop on `bed`'s server for `work`, closed after it. */
async function withDesks(
  bed: { readonly server: Parameters<typeof twoPairedDesks>[0]; readonly dir: string },
  clock: Clock,
  name: string,
  work: (desks: Awaited<ReturnType<typeof twoPairedDesks>>) => Promise<void>,
): Promise<void> {
  const desks = await twoPairedDesks(bed.server, clock, bed.dir, name, SHOP_TIME);
  try {
    await work(desks);
  } finally {
    desks.a.close();
    desks.b.close();
  }
}

const routerRefusal = (work: Promise<unknown>) =>
  work.then(
    () => {
      throw new Error('expected a refusal, but the call succeeded');
    },
    (error: unknown) => appErrorOf(error),
  );

describe('a paired desk sets the shop server’s message providers', () => {
  it("sends the owner's save to the server, keeps a secret left out there, and never stores or answers a secret in clear", async () => {
    await withDesks(keyed, keyedClock, 'Relay shop', async ({ a, b, shop, shopId }) => {
      const owner = await deskAs(a, shop.ownerId, keyed.dir);
      expect(await owner.messages.providers.save(providers())).toEqual({ saved: true, keptOn: 'server' });

      const stored = await loadShopProviders(keyed.server.db, shopId, keys.sealing);
      expect(stored?.settings.email?.primary).toMatchObject({ ...smtp, password: 'mail-secret-1' });
      expect(stored?.settings.sms?.primary).toMatchObject({ ...sms, authToken: 'sms-secret-1' });
      // The desk's own store is left alone: a paired desk never sends.
      expect(
        await loadMessageProviders(a.store, (name) => fileSecretStore(join(keyed.dir, `${a.options.name}-${name}`))),
      ).toBeNull();

      // Saved again with the secrets left out ("saved", not replaced): the server keeps its own.
      await owner.messages.providers.save({
        email: { primary: { ...smtp, name: 'Shop mail 2' }, fallback: null },
        sms: { primary: sms, fallback: null },
      });
      const kept = await loadShopProviders(keyed.server.db, shopId, keys.sealing);
      expect(kept?.settings.email?.primary).toMatchObject({ name: 'Shop mail 2', password: 'mail-secret-1' });
      expect(kept?.settings.sms?.primary).toMatchObject({ authToken: 'sms-secret-1' });

      // No secret in clear in the server's database, nor in what the desks read back.
      const raw = await keyed.server.db.query<{ settings: string }>(
        'SELECT settings::text AS settings FROM message_providers WHERE shop_id = $1',
        [shopId],
      );
      expect(raw.rows).toHaveLength(1);
      expect(raw.rows[0]!.settings).not.toMatch(/(mail|sms)-secret-1/);
      expect(raw.rows[0]!.settings).toContain('sealed:v1:');
      const summary = await owner.messages.providers.get();
      expect(JSON.stringify(summary)).not.toMatch(/(mail|sms)-secret-1|sealed:v1:/);
      expect(summary).toMatchObject({
        keptOn: 'server',
        email: { primary: { name: 'Shop mail 2', password: '[redacted]' } },
        sms: { primary: { authToken: '[redacted]' } },
      });
      // The server's log says who saved them, and never a secret.
      expect(logged.join('')).toContain('message providers saved');
      expect(logged.join('')).not.toMatch(/(mail|sms)-secret-1/);
      // The other desk of the shop reads the same providers from the server.
      const onB = await (await deskAs(b, shop.staffIds[1]!, keyed.dir)).messages.providers.get();
      expect(onB).toEqual(summary);
    });
  });

  it('"Send a test message" on a paired desk goes through the server’s own provider; a staff member is refused there too', async () => {
    const mail = await startSmtpStandIn();
    try {
      await withDesks(keyed, keyedClock, 'Test mail shop', async ({ a, shop }) => {
        const owner = await deskAs(a, shop.ownerId, keyed.dir);
        await owner.messages.providers.save({
          email: {
            primary: { ...smtp, host: '127.0.0.1', port: mail.port, user: null, password: null },
            fallback: null,
          },
          sms: null,
        });
        const answer = await owner.messages.providers.sendTest({
          channel: 'email',
          role: 'primary',
          to: 'ana@example.com',
        });
        expect(answer).toMatchObject({ sent: true, provider: 'Shop mail', to: 'ana@example.com' });
        expect(mail.received.map((received) => received.to)).toEqual([['ana@example.com']]);
        // The shop's own name, as the desk knows it.
        expect(mail.received[0]?.headers.get('subject')).toBe(
          `A test message from ${getShopSettings(a.store)?.shopName}`,
        );
        // No text provider on the server: said in words, nothing sent.
        expect(
          (
            await routerRefusal(
              owner.messages.providers.sendTest({ channel: 'sms', role: 'primary', to: '07700 900123' }),
            )
          ).message,
        ).toBe('There is no main text message provider saved yet. Save it first.');
        const staff = await deskAs(a, shop.staffIds[1]!, keyed.dir);
        expect(
          (
            await routerRefusal(
              staff.messages.providers.sendTest({ channel: 'email', role: 'primary', to: 'ana@example.com' }),
            )
          ).code,
        ).toBe('FORBIDDEN');
        const refused = await refusalOf(
          a.agent.onServer((transport, token) =>
            transport.sendTestMessage(token, {
              staffId: shop.staffIds[1]!,
              test: {
                channel: 'email',
                role: 'primary',
                to: 'ana@example.com',
                shopName: 'Test mail shop',
                id: 'test-forged',
              },
            }),
          ),
        );
        expect(refused.code).toBe('FORBIDDEN');
        expect(mail.received).toHaveLength(1);
      });
    } finally {
      await mail.close();
    }
  });

  it('refuses a staff member who is not an owner, at the desk and at the server, and changes nothing', async () => {
    await withDesks(keyed, keyedClock, 'Staff shop', async ({ a, shop, shopId }) => {
      const staffId = shop.staffIds[1]!;
      const staff = await deskAs(a, staffId, keyed.dir);
      expect((await routerRefusal(staff.messages.providers.save(providers()))).code).toBe('FORBIDDEN');
      // A desk that lets a non-owner through (an older or altered one) is refused by the server itself.
      const refused = await refusalOf(
        a.agent.onServer((transport, token) =>
          transport.setMessageProviders(token, { staffId, providers: providers() }),
        ),
      );
      expect(refused.code).toBe('FORBIDDEN');
      expect(refused.message).toBe('Only the shop owner can change how messages are sent.');
      // Nor can a desk name an owner of its shop that the server does not know.
      const stranger = await refusalOf(
        a.agent.onServer((transport, token) =>
          transport.setMessageProviders(token, { staffId: newId(), providers: providers() }),
        ),
      );
      expect(stranger.code).toBe('FORBIDDEN');
      expect(await loadShopProviders(keyed.server.db, shopId, keys.sealing)).toBeNull();
    });
  });

  it('is refused in words by a server without a key, and nothing is stored', async () => {
    await withDesks(keyless, keylessClock, 'Keyless shop', async ({ a, shop, shopId }) => {
      const owner = await deskAs(a, shop.ownerId, keyless.dir);
      const refused = await routerRefusal(owner.messages.providers.save(providers()));
      expect(refused.message).toBe(NO_SERVER_KEY);
      expect(NO_SERVER_KEY).toBe(
        'The shop server has no key to keep passwords with: set CAREDESK_SECRET_KEY on the server.',
      );
      const rows = await keyless.server.db.query('SELECT 1 FROM message_providers WHERE shop_id = $1', [shopId]);
      expect(rows.rows).toHaveLength(0);
      expect(await owner.messages.providers.get()).toEqual({ email: null, sms: null, keptOn: 'server' });
    });
  });
});
