import type { ButtonHTMLAttributes } from 'react';
import { useT } from '../i18n';

/**
 * A toolbar button that starts a change to the schedule. While booking changes are locked (the
 * desk is Unsafe, docs/architecture.md §6) it is off and its tooltip says why instead of `hint`.
 */
export function BookingChangeButton({
  locked,
  hint,
  ...button
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'disabled' | 'title'> & { locked: boolean; hint: string }) {
  const { t } = useT('components');
  return <button type="button" {...button} disabled={locked} title={locked ? t('bookingChangesAreLockedUnsafe') : hint} />;
}
