import { tShown } from '../i18n';

/** What a toast's Undo is about: its sentence without the " — confirmed." tail. */
export function undoLabelOf(message: string): string {
  return message.replace(/ — .*$/u, '');
}

/**
 * The toast after an undo: "Undone: Booked Zoë Smith …"; undoing that undo puts the change back
 * ("Redone: …"), never "Undone: Undone: …". The prefixes are the shop language's.
 */
export function undoneWording(label: string): string {
  const t = tShown('status');
  const undone = t('change.undone', { label: '' });
  const redone = t('change.redone', { label: '' });
  if (label.startsWith(undone)) return t('change.redone', { label: label.slice(undone.length) });
  if (label.startsWith(redone)) return t('change.undone', { label: label.slice(redone.length) });
  return t('change.undone', { label });
}
