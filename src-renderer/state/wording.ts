import { queryClient, trpc } from '../api/client';
import type { SystemStatus } from '../api/types';
import { tShown } from '../i18n';

/**
 * What an acknowledged change may be called. On a standalone desk the local commit is the truth,
 * so it is confirmed; on a paired desk it is only saved here and pending sync until the server
 * answers (docs/architecture.md §6).
 */
export function isAuthoritativeHere(): boolean {
  const status = queryClient.getQueryData(trpc.status.get.queryKey()) as SystemStatus | undefined;
  // A standalone desk stays the truth when Degraded or Unsafe (a failed backup does not change that).
  return status === undefined ? false : !isPaired(status);
}

function isPaired(status: SystemStatus): boolean {
  return status.paired;
}

/**
 * On a paired desk nothing is "Booked" or "Confirmed" until the shop's server says so: the toast
 * says what was saved here and that it is pending sync. A new booking's own sentence says
 * "Booked", so it brings the sentence for a paired desk too ("New booking for …": not booked yet).
 */
export function confirmedWording(sentence: string, newBooking?: string): string {
  const t = tShown('status');
  if (isAuthoritativeHere()) return t('change.confirmed', { sentence });
  if (newBooking !== undefined) return t('change.newBookingPending', { sentence: newBooking });
  return t('change.pending', { sentence });
}
