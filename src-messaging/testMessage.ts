import { z } from 'zod';
import { isAppError, toAppError, type AppError } from '../src-shared/errors';
import { refuse } from '../src-shared/refuse';
import { smsHttpProvider } from './providers/smsHttp';
import { smtpProvider } from './providers/smtp';
import type { MessageProviders } from './settings';

/**
 * "Send a test message" (docs/architecture.md §21): one saved provider sends a short text to an
 * address the owner typed, with no message record, and the answer comes back in words. The desk
 * sends it with its own providers; a paired desk asks the shop server, whose providers send.
 */

export const testMessageInputSchema = z.strictObject({
  channel: z.enum(['email', 'sms']),
  role: z.enum(['primary', 'fallback']),
  /** Already an e-mail address or an E.164 number (the desk reads what the owner typed for the shop's country). */
  to: z.string().min(3).max(254),
  shopName: z.string().min(1).max(200),
  /** Names the send for the provider (and its idempotency key). */
  id: z.string().min(1).max(100),
});
export type TestMessageInput = z.output<typeof testMessageInputSchema>;

export type TestMessageAnswer =
  | { sent: true; provider: string; to: string; providerMessageId: string | null }
  | { sent: false; provider: string; to: string; reason: string };

/** The refusal when the provider a test names is not saved yet, in words the desk can say in the shop's language. */
export function noProviderYet(input: Pick<TestMessageInput, 'channel' | 'role'>): AppError {
  return refuse('NOT_FOUND', `sending.noProvider.${input.channel}.${input.role}`);
}

/** Sends the test through the provider the input names; null when none is saved there. */
export async function sendTestMessage(
  providers: MessageProviders | null,
  input: TestMessageInput,
): Promise<TestMessageAnswer | null> {
  const settings = providers?.[input.channel]?.[input.role] ?? null;
  if (settings === null) return null;
  const provider = settings.kind === 'smtp' ? smtpProvider(settings) : smsHttpProvider(settings);
  try {
    const answer = await provider.send(
      {
        id: input.id,
        channel: input.channel,
        to: input.to,
        subject: input.channel === 'email' ? `A test message from ${input.shopName}` : null,
        body: `This is a test message from ${input.shopName}, sent from CareDesk. If you can read it, ${settings.name} works.`,
        idempotencyKey: input.id,
      },
      AbortSignal.timeout(20_000),
    );
    return { sent: true, provider: settings.name, to: input.to, providerMessageId: answer.providerMessageId };
  } catch (error) {
    const failure = isAppError(error) ? error : toAppError(error);
    return { sent: false, provider: settings.name, to: input.to, reason: failure.message };
  } finally {
    // One message, then its pooled connection goes.
    provider.close?.();
  }
}
