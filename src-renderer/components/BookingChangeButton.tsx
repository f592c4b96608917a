import type { ButtonHTMLAttributes } from 'react';

/**
 * A toolbar button that starts a change to the schedule. While booking changes are locked (the
 * desk is Unsafe, docs/architecture.md §6) it is off and its tooltip says why instead of `hint`.
 */
export function BookingChangeButton({
  locked,
  hint,
  ...button
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'disabled' | 'title'> & { locked: boolean; hint: string }) {
  return <button type="button" {...button} disabled={locked} title={locked ? 'Booking changes are locked (Unsafe)' : hint} />;
}
