import { isTRPCClientError } from '@trpc/client';
import { errorEnvelopeSchema, type ErrorCode, type ErrorEnvelope } from '../../src-shared/errors';
import { shownFormat } from '../../src-shared/locale/format';
import { sayIn, type Say, type SayKey } from '../../src-shared/say';
import type { AppRouter } from '../../src-main/api/appRouter';

/** The screens' name for the one error envelope (src-shared/errors.ts), the same on IPC and over HTTP. */
export type Envelope = ErrorEnvelope;

/** A failure already turned into its envelope, thrown on so the screen that asked can show it. */
export class EnvelopeError extends Error {
  constructor(readonly envelope: Envelope) {
    super(envelope.message);
  }
}

/**
 * A failure the screens find themselves (the desk did not answer, a page would not open), said in
 * the language on screen as the desk says its own refusals (src-main/core/settings/shopLanguage.ts).
 */
export function localEnvelope(code: ErrorCode, key: SayKey, retryable: boolean): Envelope {
  const say: Say = { key };
  return { code, message: sayIn(say, shownFormat().locale.language, shownFormat()), retryable, requestId: 'none', say };
}

/**
 * The renderer's one translator: any failure, in plain language with the next step — never
 * "Something went wrong".
 */
export function envelopeOf(error: unknown): Envelope {
  if (error instanceof EnvelopeError) return error.envelope;
  if (isTRPCClientError<AppRouter>(error)) {
    const envelope = error.data?.envelope;
    if (envelope !== undefined) return envelope;
    if (error.data?.httpStatus === 401) {
      return localEnvelope('AUTH_TOKEN_INVALID', 'screen.lostKey', false);
    }
    return localEnvelope('NETWORK_UNAVAILABLE', 'screen.noAnswer', true);
  }
  // An envelope handed over as data (a sync report, a kept failure).
  const envelope = errorEnvelopeSchema.safeParse(error);
  if (envelope.success) return envelope.data;
  return localEnvelope('INTERNAL_ERROR', 'screen.couldNotFinish', true);
}
