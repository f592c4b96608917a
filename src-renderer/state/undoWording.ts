/** What a toast's Undo is about: its sentence without the " — confirmed." tail. */
export function undoLabelOf(message: string): string {
  return message.replace(/ — .*$/, '');
}

/**
 * The toast after an undo: "Undone: Booked Zoë Smith …"; undoing that undo puts the change back
 * ("Redone: …"), never "Undone: Undone: …".
 */
export function undoneWording(label: string): string {
  if (label.startsWith('Undone: ')) return `Redone: ${label.slice('Undone: '.length)}`;
  if (label.startsWith('Redone: ')) return `Undone: ${label.slice('Redone: '.length)}`;
  return `Undone: ${label}`;
}
