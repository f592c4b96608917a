import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The panel beside the schedule that shows one record (a booking, a blocked time). It is not
 * modal, so the schedule stays usable; Esc closes it, and its heading takes the focus each time
 * another record opens in it (`recordId`), so a screen reader says which one.
 */
export function DrawerPanel(props: {
  titleId: string;
  testId: string;
  title: ReactNode;
  closeLabel: string;
  recordId: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, [props.recordId]);
  return (
    <aside
      className="drawer"
      role="dialog"
      aria-modal="false"
      aria-labelledby={props.titleId}
      data-testid={props.testId}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          props.onClose();
        }
      }}
    >
      <header className="drawer-head">
        <h2 id={props.titleId} ref={headingRef} tabIndex={-1}>
          {props.title}
        </h2>
        <button type="button" className="icon-button" aria-label={props.closeLabel} onClick={props.onClose}>
          ×
        </button>
      </header>
      <div className="drawer-body">{props.children}</div>
    </aside>
  );
}
