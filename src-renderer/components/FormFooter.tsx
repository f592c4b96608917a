import type { ReactNode } from 'react';

/**
 * The foot of a dialog's form: a way out that saves nothing ("Discard", "Not now", "Cancel") and
 * the form's submit button — `danger` where the change takes something away (a cancellation).
 * The way out is a quiet (ghost) button unless `plainBack` says otherwise.
 */
export function FormFooter(props: {
  backLabel: ReactNode;
  onBack: () => void;
  plainBack?: boolean;
  submitLabel: ReactNode;
  disabled: boolean;
  danger?: boolean;
}) {
  return (
    <div className="dialog-actions">
      <button type="button" className={props.plainBack ? 'button' : 'button ghost'} onClick={() => props.onBack()}>
        {props.backLabel}
      </button>
      <button type="submit" className={props.danger ? 'button danger' : 'button primary'} disabled={props.disabled}>
        {props.submitLabel}
      </button>
    </div>
  );
}
