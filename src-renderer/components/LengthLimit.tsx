import { shownFormat } from '../../src-shared/locale/format';
import { notes, reasonSchema } from '../../src-shared/registry/fields';
import { staffTimeNote } from '../../src-shared/registry/staffTime';
import { pairInputSchema } from '../../src-shared/sync';
import { screenT } from '../i18n';

/**
 * A text's length limit, shown while typing once the text nears it ("1,950 / 2,000"), and what is
 * too much once past it. The fields take more than the limit (no `maxLength`, which cuts a paste
 * silently); the form refuses to save while the text is too long and says by how much.
 */

/** The limits, from the schemas that judge the text (the counter and the rule never disagree). */
export const textLimits = {
  notes: notes.maxLength ?? 2000,
  reason: reasonSchema.maxLength ?? 500,
  staffTimeNote: staffTimeNote.maxLength ?? 500,
  deviceName: pairInputSchema.shape.deviceName.maxLength ?? 100,
} as const;

/** The schemas trim what a person typed before they count it. */
const lengthOf = (value: string) => value.trim().length;

export const isTooLong = (value: string, max: number): boolean => lengthOf(value) > max;

/** The counter appears from nine tenths of the limit on. */
export function lengthLimitText(value: string, max: number): string | null {
  const t = screenT('components');
  const length = lengthOf(value);
  if (length < Math.floor(max * 0.9)) return null;
  // Numbers as the shop writes them ("1,950", "1950", "12.345").
  const count = (n: number) => shownFormat().number(n);
  const over = length - max;
  return over > 0 ? t('tooManyToSave', { count: count(length), count2: count(max), count3: count(over) }) : `${count(length)} / ${count(max)}`;
}

/** The counter under a field; give the field `aria-describedby={id}`. */
export function LengthLimit(props: { id: string; value: string; max: number }) {
  const text = lengthLimitText(props.value, props.max);
  return (
    <p id={props.id} className={`length-limit${isTooLong(props.value, props.max) ? ' over' : ''}`} aria-live="polite" data-testid="length-limit">
      {text}
    </p>
  );
}
