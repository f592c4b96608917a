import type { Appointment, Client, Message, Service, Settings, Staff } from '../entities';
import { renderMessage, templateFor, templateValues } from './templates';

/** The records a message's text is filled from, as the store sending it holds them now. */
export interface MessageRecords {
  settings: Settings;
  client: Client;
  appointment: Appointment | null;
  service: Service | null;
  staff: Staff | null;
}

/**
 * A message's text as it goes (docs/architecture.md §17–§20): the shop's template for its kind and
 * channel filled from its records, on the shop's calendar and clock. The one composition for the
 * desk's sender and the sync server's; only the server has a confirmation link to give (null: none).
 */
export function renderFor(message: Pick<Message, 'kind' | 'channel'>, records: MessageRecords, confirmLink: string | null): { subject: string | null; body: string } {
  const { settings, client, appointment } = records;
  const about =
    appointment === null
      ? { clientName: client.name }
      : { clientName: client.name, serviceName: records.service?.name ?? '', staffName: records.staff?.name ?? '', startsAt: appointment.startsAt };
  const shop = { shopName: settings.shopName, timeZone: settings.timeZone, shopPhone: settings.messages.shopPhone, locale: settings.locale };
  return renderMessage(templateFor(settings.messages, message.kind, message.channel, settings.locale.language), templateValues(about, shop, confirmLink), message.channel);
}
