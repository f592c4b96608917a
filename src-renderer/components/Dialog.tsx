import { useEffect, useRef, type ReactNode } from 'react';
import { useT } from '../i18n';

/**
 * A modal dialog on the native <dialog> element: the browser keeps focus inside and makes the
 * page behind inert; Esc closes it; focus goes back to what opened it.
 */
export function Dialog(props: { title: string; onClose: () => void; children: ReactNode; wide?: boolean; describedBy?: string }) {
  const { t } = useT('components');
  const ref = useRef<HTMLDialogElement>(null);
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;
  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const first = dialog.querySelector<HTMLElement>('[data-autofocus], input, select, textarea, button:not(.dialog-close)');
    first?.focus();
    const cancel = (event: Event) => {
      event.preventDefault();
      onClose.current();
    };
    dialog.addEventListener('cancel', cancel);
    return () => {
      dialog.removeEventListener('cancel', cancel);
      if (dialog.open) dialog.close();
      // Back to the opener once the page has drawn the change: focusing inside this update made the
      // browser lay out the whole page there and then (a day's 300 cards: a 40 ms pause). Not when
      // something else took the focus meanwhile (another dialog).
      requestAnimationFrame(() => {
        const lost = document.activeElement === null || document.activeElement === document.body;
        if (lost && opener?.isConnected) opener.focus();
      });
    };
  }, []);
  const titleId = `dlg-${props.title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <dialog
      ref={ref}
      className={props.wide ? 'dialog wide' : 'dialog'}
      aria-labelledby={titleId}
      {...(props.describedBy ? { 'aria-describedby': props.describedBy } : {})}
    >
      <header className="dialog-head">
        <h2 id={titleId}>{props.title}</h2>
        <button type="button" className="icon-button dialog-close" aria-label={t('close')} onClick={() => props.onClose()}>
          ×
        </button>
      </header>
      <div className="dialog-body">{props.children}</div>
    </dialog>
  );
}
