import { queryClient, trpc } from '../api/client';
import type { SystemStatus } from '../api/types';

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
  return status.checks.some((check) => check.name === 'sync' && !/standalone/i.test(check.message));
}

/**
 * On a paired desk nothing is "Booked" or "Confirmed" until the shop's server says so: the toast
 * says what was saved here and that it is pending sync (a new booking: not booked yet).
 */
export function confirmedWording(sentence: string): string {
  if (isAuthoritativeHere()) return `${sentence} — confirmed.`;
  if (/^Booked\b/.test(sentence)) return `${sentence.replace(/^Booked\b/, 'New booking for')} saved on this desk — pending sync (not booked yet).`;
  return `${sentence} — saved on this desk, pending sync.`;
}
