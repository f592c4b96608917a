import { TRPCClientError } from '@trpc/client';

/** The envelope of docs/architecture.md §4 as the screens see it. */
export interface Envelope {
  code: string;
  message: string;
  retryable: boolean;
  requestId: string;
  details?: Record<string, unknown>;
}

/** Every failure in plain language with the next step — never "Something went wrong". */
export function envelopeOf(error: unknown): Envelope {
  if (error instanceof TRPCClientError) {
    const envelope = (error.data as { envelope?: Envelope } | undefined)?.envelope;
    if (envelope !== undefined) return envelope;
    const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus;
    if (status === 401) {
      return {
        code: 'AUTH_TOKEN_INVALID',
        message: 'This window lost its key to CareDesk. Open the link printed when CareDesk started.',
        retryable: false,
        requestId: 'none',
      };
    }
    return {
      code: 'NETWORK_UNAVAILABLE',
      message: 'CareDesk did not answer, so nothing is known to be saved. Check that CareDesk is still running, then retry.',
      retryable: true,
      requestId: 'none',
    };
  }
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error && 'retryable' in error) {
    return error as Envelope;
  }
  return {
    code: 'INTERNAL_ERROR',
    message: 'CareDesk could not finish that. Nothing is known to be saved; please retry.',
    retryable: true,
    requestId: 'none',
  };
}

export class EnvelopeError extends Error {
  constructor(readonly envelope: Envelope) {
    super(envelope.message);
  }
}
