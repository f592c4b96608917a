import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';
import { AppError, isAppError, toAppError } from '../../src-shared/errors';
import { shopCountry } from '../../src-shared/peopleSearch';
import { text } from '../../src-shared/text';
import { smsHttpProvider } from '../../src-messaging/providers/smsHttp';
import { smtpProvider } from '../../src-messaging/providers/smtp';
import {
  redactProviders,
  secretFieldsOf,
  smsHttpProviderSchema,
  smtpProviderSchema,
  type MessageProviders,
  type ProviderSettings,
} from '../../src-messaging/settings';
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
import { procedure, router, type DeskContext } from './trpc';

/**
 * The screens' message procedures (docs/architecture.md §21): the reads of the drawer, the
 * Messages screen and the attention list, and this desk's providers (msg-send's
 * providerConfig.ts) with "Send a test message". Secrets never leave the desk: the providers are
 * read back redacted, and a secret left out of a save keeps the one already saved.
 */

/** A provider as the settings form sends it: its secret may be left out ("keep the saved one"). */
const smtpInput = smtpProviderSchema.extend({ password: smtpProviderSchema.shape.password.optional() });
const smsInput = smsHttpProviderSchema.extend({ authToken: smsHttpProviderSchema.shape.authToken.optional() });
const chainOf = <S extends z.ZodType>(provider: S) => z.strictObject({ primary: provider, fallback: provider.nullable() }).nullable();
export const saveProvidersInputSchema = z.strictObject({
  email: chainOf(smtpInput),
  sms: chainOf(smsInput),
  /** The owner accepts keeping the credentials where this computer offers no keychain. */
  allowWeak: z.boolean().optional(),
});
type SavedInput = z.output<typeof saveProvidersInputSchema>;

const roles = ['primary', 'fallback'] as const;
export const sendTestInputSchema = z.strictObject({
  channel: z.enum(['email', 'sms']),
  role: z.enum(roles),
  to: text(254, { min: 1 }),
});

const secretsOf = (ctx: DeskContext) => requireService(ctx, 'messageSecrets', 'Keeping message provider passwords');

/** A secret the form left out is the one saved for the same channel and role. */
function withKeptSecrets(input: SavedInput, saved: MessageProviders | null): MessageProviders {
  const keep = <P extends ProviderSettings>(provider: P | null, before: P | null | undefined): P | null => {
    if (provider === null) return null;
    const copy: Record<string, unknown> = { ...provider };
    for (const field of secretFieldsOf[provider.kind]) {
      if (copy[field] === undefined) copy[field] = (before as Record<string, unknown> | null | undefined)?.[field] ?? null;
    }
    return copy as P;
  };
  const chain = <P extends ProviderSettings>(next: { primary: P; fallback: P | null } | null, before: { primary: P; fallback: P | null } | null | undefined) =>
    next === null ? null : { primary: keep(next.primary, before?.primary) as P, fallback: keep(next.fallback, before?.fallback) };
  return {
    email: chain(input.email as MessageProviders['email'], saved?.email),
    sms: chain(input.sms as MessageProviders['sms'], saved?.sms),
  };
}

/** The address a test goes to, as the channel needs it; refused in words when it cannot be one. */
function testAddress(ctx: DeskContext, channel: 'email' | 'sms', to: string): string {
  const typed = to.trim();
  if (channel === 'email') {
    if (!z.email().safeParse(typed).success) throw new AppError('VALIDATION_ERROR', `“${typed}” is not an e-mail address.`, { field: 'to' });
    return typed;
  }
  const number = parsePhoneNumberFromString(typed, shopCountry(getShopSettings(ctx.store)?.timeZone));
  if (number === undefined || !number.isPossible()) throw new AppError('VALIDATION_ERROR', `“${typed}” is not a mobile number.`, { field: 'to' });
  return number.number;
}

export const messagesQueries = {
  ofAppointment: procedure.input(appointmentMessagesInputSchema).query(({ ctx, input }) => appointmentMessages(ctx.store, input.appointmentId)),
  list: procedure.input(messageListInputSchema).query(({ ctx, input }) => messageList(ctx.store, input)),
  /** What needs a person: failed, not sure, missed (a provider that is down is a system problem, §18). */
  attention: procedure.query(({ ctx }) => messageAttentionCounts(ctx.store)),
};

export const messageProvidersRouter = router({
  /** The providers with every secret replaced by a marker ("[redacted]" when one is saved). */
  get: procedure.query(async ({ ctx }) => {
    const saved = await loadMessageProviders(ctx.store, secretsOf(ctx));
    return saved === null ? { email: null, sms: null } : redactProviders(saved);
  }),
  save: procedure.input(saveProvidersInputSchema).mutation(async ({ ctx, input }) => {
    requireOwner(ctx, 'change how messages are sent');
    const secrets = secretsOf(ctx);
    const saved = await loadMessageProviders(ctx.store, secrets);
    await saveMessageProviders(ctx.store, withKeptSecrets(input, saved), secrets, { allowWeak: input.allowWeak === true });
    return { saved: true as const };
  }),
  /** One saved provider sends a short message to an address the owner typed; the answer in words. */
  sendTest: procedure.input(sendTestInputSchema).mutation(async ({ ctx, input }) => {
    requireOwner(ctx, 'send a test message');
    const saved = await loadMessageProviders(ctx.store, secretsOf(ctx));
    const settings = saved?.[input.channel]?.[input.role] ?? null;
    if (settings === null) throw new AppError('NOT_FOUND', `There is no ${input.role} ${input.channel === 'email' ? 'e-mail' : 'text message'} provider saved yet. Save it first.`);
    const to = testAddress(ctx, input.channel, input.to);
    const shopName = getShopSettings(ctx.store)?.shopName ?? 'CareDesk';
    const provider = settings.kind === 'smtp' ? smtpProvider(settings) : smsHttpProvider(settings);
    try {
      const answer = await provider.send(
        {
          id: `test-${ctx.requestId}`,
          channel: input.channel,
          to,
          subject: input.channel === 'email' ? `A test message from ${shopName}` : null,
          body: `This is a test message from ${shopName}, sent from CareDesk. If you can read it, ${settings.name} works.`,
          idempotencyKey: `test-${ctx.requestId}`,
        },
        AbortSignal.timeout(20_000),
      );
      return { sent: true as const, provider: settings.name, to, providerMessageId: answer.providerMessageId };
    } catch (error) {
      const failure = isAppError(error) ? error : toAppError(error);
      return { sent: false as const, provider: settings.name, to, reason: failure.message };
    } finally {
      // One message, then its pooled connection goes.
      provider.close?.();
    }
  }),
});
