import type { ReactNode } from 'react';
import { Dialog } from './Dialog';

/**
 * A question before a change that is hard to take back (restoring a backup, unpairing): what will
 * happen (`children`), a way back out that changes nothing (`keepLabel`), and the change
 * (`confirmLabel`, a danger button locked while `busy`).
 */
export function ConfirmDialog(props: {
  title: string;
  onClose: () => void;
  keepLabel: string;
  confirmLabel: string;
  onConfirm: () => void;
  busy: boolean;
  children: ReactNode;
}) {
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <div className="form">
        {props.children}
        <div className="dialog-actions">
          <button type="button" className="button ghost" onClick={() => props.onClose()}>
            {props.keepLabel}
          </button>
          <button type="button" className="button danger" disabled={props.busy} onClick={() => props.onConfirm()}>
            {props.confirmLabel}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
