import type { Channel } from './providers/provider';

/**
 * What the dispatcher needs of a store (docs/architecture.md §18), and nothing more: the desk's
 * SQLite store and the sync server each answer it with their own reads and run the message's
 * registered ops through their own rulebook adapter. The message is the registry's `message`
 * row; only the fields the sender reads are named here, so any store's row fits.
 */
export interface SenderMessage {
  id: string;
  version: number;
  kind: 'confirmation' | 'rescheduled' | 'cancelled' | 'reminder' | 'test';
  channel: Channel;
  to: string;
  status: string;
  attempts: number;
  provider: string | null;
  subject: string | null;
  body: string | null;
}

export interface DueMessage<M extends SenderMessage = SenderMessage> {
  message: M;
  /** The start of the message's appointment (null: none, or not a booking any more). */
  appointmentStartsAt: number | null;
}

/** The ops the sender runs, each with its args as the registry declares them. */
export interface SenderOps {
  startSending: { provider: string; subject: string | null; body: string };
  recordSent: { provider: string; providerMessageId: string };
  recordFailure: { provider: string; error: string; final: boolean; retryAt: number | null };
  markUncertain: { error: string };
  markMissed: Record<string, never>;
}
export type SenderOp = keyof SenderOps;

export interface MessagePort<M extends SenderMessage = SenderMessage> {
  /** Messages to send at `now`: scheduled and due, or failed with a `retryAt` that has come. Oldest first. */
  due(now: number, limit: number): Promise<DueMessage<M>[]> | DueMessage<M>[];
  /** Messages left `sending`: the sender may have died between the provider's answer and the record. */
  sending(): Promise<M[]> | M[];
  /** Runs one of the message's ops and answers the row after it; committed durably before it answers. */
  run<Op extends SenderOp>(message: M, op: Op, args: SenderOps[Op]): Promise<M> | M;
}
