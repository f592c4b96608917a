import { useT } from '../i18n';

/**
 * The small "Remove" on a line of a list (a waitlist entry, a time off, a closed date, an opening
 * interval), named in full for a screen reader by `label` where the word alone would not say which.
 * `ghost` keeps it quiet beside fields being edited.
 */
export function RemoveButton(props: { label?: string; disabled?: boolean; ghost?: boolean; onRemove: () => void }) {
  const { t } = useT('components');
  return (
    <button
      type="button"
      className={props.ghost ? 'button small ghost' : 'button small'}
      disabled={props.disabled}
      aria-label={props.label}
      onClick={() => props.onRemove()}
    >
      {t('remove')}
    </button>
  );
}
