import type { Appointment, Message } from '../../src-shared/entities';
import { signLink } from './token';

/**
 * The `{confirmLink}` of a message (docs/architecture.md §20): `<publicUrl>/c/<token>`, naming the
 * appointment and the message, working until the appointment starts. None for a message about no
 * booking, or a booking that has already started.
 */
export function confirmLinkFor(key: Buffer, publicUrl: string, message: Message, appointment: Appointment | null): string | null {
  if (appointment === null || message.appointmentId !== appointment.id) return null;
  const token = signLink(key, { appointmentId: appointment.id, messageId: message.id, expiresAt: appointment.startsAt });
  return `${publicUrl.replace(/\/+$/u, '')}/c/${token}`;
}
