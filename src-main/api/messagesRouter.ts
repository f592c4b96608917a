import { noProviderYet, sendTestMessage, type TestMessageAnswer } from '../../src-messaging/testMessage';
import { z } from 'zod';
import { refuse } from '../../src-shared/refuse';
import { shopCountry } from '../../src-shared/peopleSearch';
import { readPhone } from '../../src-shared/phoneReading';
import { text } from '../../src-shared/text';
import { keepSavedSecrets, providersInputSchema, redactProviders } from '../../src-messaging/settings';
import { loadMessageProviders, saveMessageProviders } from '../agents/messages/providerConfig';
import {
  appointmentMessages,
  appointmentMessagesInputSchema,
  messageAttentionCounts,
  messageList,
  messageListInputSchema,
} from '../core/messages/queries';
import { getShopSettings } from '../core/settings/queries';
import { requireOwner } from './shellRouter';
import { requireService } from './shellServices';
import { deskOf, procedure, router, type DeskContext } from './trpc';
import { readPairing } from '../agents/sync/meta';
import { syncAgentFor } from '../agents/sync/registry';

/**
 * The screens' message procedures (docs/architecture.md §21): the reads of the drawer, the
 * Messages screen and the attention list, and this desk's providers (msg-send's
 * providerConfig.ts) with "Send a test message". Secrets never leave the desk: the providers are
 * read back redacted, and a secret left out of a save keeps the one already saved.
 */

export const saveProvidersInputSchema = providersInputSchema.extend({
  /** The owner accepts keeping the credentials where this computer offers no keychain. */
  allowWeak: z.boolean().optional(),
});

const roles = ['primary', 'fallback'] as const;
export const sendTestInputSchema = z.strictObject({
  channel: z.enum(['email', 'sms']),
  role: z.enum(roles),
  to: text(254, { min: 1 }),
});

const secretsOf = (ctx: DeskContext) => requireService(ctx, 'messageSecrets', 'providerPasswords');

/** The address a test goes to, as the channel needs it; refused in words when it cannot be one. */
function testAddress(ctx: DeskContext, channel: 'email' | 'sms', to: string): string {
  const typed = to.trim();
  if (channel === 'email') {
    if (!z.email().safeParse(typed).success)
      throw refuse('VALIDATION_ERROR', 'sending.notAnEmail', { to: typed }, { field: 'to' });
    return typed;
  }
  const { international } = readPhone(typed, shopCountry(getShopSettings(ctx.store)?.timeZone));
  if (international === null) throw refuse('VALIDATION_ERROR', 'sending.notAMobile', { to: typed }, { field: 'to' });
  return international;
}

export const messagesQueries = {
  ofAppointment: procedure
    .input(appointmentMessagesInputSchema)
    .query(({ ctx, input }) => appointmentMessages(ctx.store, input.appointmentId)),
  list: procedure.input(messageListInputSchema).query(({ ctx, input }) => messageList(ctx.store, input)),
  /** What needs a person: failed, not sure, missed (a provider that is down is a system problem, §18). */
  attention: procedure.query(({ ctx }) => messageAttentionCounts(ctx.store)),
};

/**
 * A paired desk never sends (§20): its providers live on the shop server, reached through the sync
 * agent with this device's token; a standalone desk keeps them here.
 */
const serverOf = (ctx: DeskContext) => (readPairing(ctx.store) === null ? null : syncAgentFor(ctx.store));

export const messageProvidersRouter = router({
  /** The providers with every secret replaced by a marker ("[redacted]" when one is saved), and where they are kept. */
  get: procedure.query(async ({ ctx }) => {
    const server = serverOf(ctx);
    if (server !== null) {
      const summary = await server.onServer((transport, token) => transport.messageProvidersSummary(token));
      return { ...summary, keptOn: 'server' as const };
    }
    const saved = await loadMessageProviders(ctx.store, secretsOf(ctx));
    return { ...(saved === null ? { email: null, sms: null } : redactProviders(saved)), keptOn: 'desk' as const };
  }),
  save: procedure.input(saveProvidersInputSchema).mutation(async ({ ctx, input }) => {
    requireOwner(ctx, 'changeSending');
    const server = serverOf(ctx);
    if (server !== null) {
      const staffId = deskOf(ctx).actor.staffId;
      if (staffId === null) throw refuse('FORBIDDEN', 'sending.ownerProviders');
      // The server keeps a secret left out itself: the desk never holds the server's secrets.
      const { allowWeak: _onThisDeskOnly, ...providers } = input;
      await server.onServer((transport, token) => transport.setMessageProviders(token, { staffId, providers }));
      return { saved: true as const, keptOn: 'server' as const };
    }
    const secrets = secretsOf(ctx);
    const saved = await loadMessageProviders(ctx.store, secrets);
    await saveMessageProviders(ctx.store, keepSavedSecrets(input, saved), secrets, {
      allowWeak: input.allowWeak === true,
    });
    return { saved: true as const, keptOn: 'desk' as const };
  }),
  /** One saved provider sends a short message to an address the owner typed; the answer in words (the server's when paired). */
  sendTest: procedure.input(sendTestInputSchema).mutation(async ({ ctx, input }): Promise<TestMessageAnswer> => {
    requireOwner(ctx, 'sendTest');
    const test = {
      channel: input.channel,
      role: input.role,
      to: testAddress(ctx, input.channel, input.to),
      shopName: getShopSettings(ctx.store)?.shopName ?? 'CareDesk',
      id: `test-${ctx.requestId}`,
    };
    const server = serverOf(ctx);
    if (server !== null) {
      const staffId = deskOf(ctx).actor.staffId;
      if (staffId === null) throw refuse('FORBIDDEN', 'sending.ownerTest');
      return server.onServer((transport, token) => transport.sendTestMessage(token, { staffId, test }));
    }
    const answer = await sendTestMessage(await loadMessageProviders(ctx.store, secretsOf(ctx)), test);
    if (answer === null) throw noProviderYet(input);
    return answer;
  }),
});
