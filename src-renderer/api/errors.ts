import { isTRPCClientError } from '@trpc/client';
import { errorEnvelopeSchema, type ErrorEnvelope } from '../../src-shared/errors';
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
 * The renderer's one translator: any failure, in plain language with the next step — never
 * "Something went wrong".
 */
export function envelopeOf(error: unknown): Envelope {
  if (error instanceof EnvelopeError) return error.envelope;
  if (isTRPCClientError<AppRouter>(error)) {
    const envelope = error.data?.envelope;
    if (envelope !== undefined) return envelope;
    if (error.data?.httpStatus === 401) {
      return {
        code: 'AUTH_TOKEN_INVALID',
        message: 'This window lost its key to CareDesk. Open the link printed when CareDesk started.',
        retryable: false,
        requestId: 'none',
      };
    }
    return {
      code: 'NETWORK_UNAVAILABLE',
      message:
        'CareDesk did not answer, so nothing is known to be saved. Check that CareDesk is still running, then retry.',
      retryable: true,
      requestId: 'none',
    };
  }
  // An envelope handed over as data (a sync report, a kept failure).
  const envelope = errorEnvelopeSchema.safeParse(error);
  if (envelope.success) return envelope.data;
  return {
    code: 'INTERNAL_ERROR',
    message: 'CareDesk could not finish that. Nothing is known to be saved; please retry.',
    retryable: true,
    requestId: 'none',
  };
}
