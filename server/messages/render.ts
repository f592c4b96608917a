import { DEFAULT_MESSAGE_SETTINGS, type Message } from '../../src-shared/entities';
import { AppError } from '../../src-shared/errors';
import { renderMessage, templateFor, templateValues } from '../../src-shared/messages/templates';
import type { Rendered } from '../../src-messaging/dispatch';
import type { BookingFacts } from './facts';

/**
 * A message's text as the paired shop's sender sends it (docs/architecture.md §19): the shop's
 * template for its kind and channel (src-shared/messages/templates.ts) filled from the booking as
 * the server holds it, with the client's confirmation link where the message is a reminder.
 */
export function renderOnServer(message: Message, facts: BookingFacts, confirmLink: string | null): Rendered {
  const { settings, client, appointment, service, staff } = facts;
  if (settings === null || client === null) throw new AppError('NOT_FOUND', 'The shop or the client of this message is not on the server yet.');
  const messages = settings.messages ?? DEFAULT_MESSAGE_SETTINGS;
  const shop = { shopName: settings.shopName, timeZone: settings.timeZone, shopPhone: messages.shopPhone };
  const about =
    appointment === null
      ? { clientName: client.name }
      : { clientName: client.name, serviceName: service?.name ?? '', staffName: staff?.name ?? '', startsAt: appointment.startsAt };
  // The messages that ask the client to come carry the link; a change notice or a test does not.
  const link = message.kind === 'reminder' || message.kind === 'confirmation' ? confirmLink : null;
  return renderMessage(templateFor(messages, message.kind, message.channel), templateValues(about, shop, link), message.channel);
}
