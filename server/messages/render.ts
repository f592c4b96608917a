import { DEFAULT_MESSAGE_SETTINGS, type Message } from '../../src-shared/entities';
import { AppError } from '../../src-shared/errors';
import { renderFor } from '../../src-shared/messages/renderFor';
import type { Rendered } from '../../src-messaging/dispatch';
import type { BookingFacts } from './facts';

/**
 * A message's text as the paired shop's sender sends it (docs/architecture.md §20): the one
 * composition (src-shared/messages/renderFor.ts) filled from the booking as the server holds it,
 * with the client's confirmation link in the messages that ask the client to come.
 */
export function renderOnServer(message: Message, facts: BookingFacts, confirmLink: string | null): Rendered {
  const { settings, client } = facts;
  if (settings === null || client === null) throw new AppError('NOT_FOUND', 'The shop or the client of this message is not on the server yet.');
  const link = message.kind === 'reminder' || message.kind === 'confirmation' ? confirmLink : null;
  // A shop set up before messages existed has no message settings on its row yet: the defaults apply.
  const withMessages = { ...settings, messages: settings.messages ?? DEFAULT_MESSAGE_SETTINGS };
  return renderFor(message, { ...facts, settings: withMessages, client }, link);
}
