import type { Message } from '../../../src-shared/entities';
import { AppError } from '../../../src-shared/errors';
import { renderFor } from '../../../src-shared/messages/renderFor';
import type { Rendered } from '../../../src-messaging/dispatch';
import { requireShopSettings } from '../../core/settings/queries';
import type { Store } from '../../core/store/open';
import { loadRow } from '../../core/store/rows';

/**
 * The desk's text for a message as it goes (docs/architecture.md §17, §18): the shop's template
 * for its kind and channel (src-shared/messages/templates.ts), filled from the client, the
 * appointment, its service and staff member as they are now, on the shop's calendar and clock. A
 * standalone desk serves no confirmation link, so that placeholder is empty.
 */
export function deskRenderer(store: Store): (message: Message) => Rendered {
  return (message) => {
    const settings = requireShopSettings(store);
    const client = loadRow(store, 'client', message.clientId);
    if (client === null) throw new AppError('NOT_FOUND', 'The client of this message is no longer on record.', { id: message.clientId });
    const appointment = message.appointmentId === null ? null : loadRow(store, 'appointment', message.appointmentId);
    const service = appointment === null ? null : loadRow(store, 'service', appointment.serviceId);
    const staff = appointment === null ? null : loadRow(store, 'staff', appointment.staffId);
    return renderFor(message, { settings, client, appointment, service, staff }, null);
  };
}
