import type { ReactNode } from 'react';

/**
 * The foot of a dialog with nothing left to decide: the one button that closes it ("Done",
 * "Close"), `primary` where closing is the step the person takes next.
 */
export function DismissFooter(props: { label: ReactNode; onDismiss: () => void; primary?: boolean }) {
  return (
    <div className="dialog-actions">
      <button type="button" className={props.primary ? 'button primary' : 'button'} onClick={() => props.onDismiss()}>
        {props.label}
      </button>
    </div>
  );
}
