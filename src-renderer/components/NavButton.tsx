import type { ReactNode } from 'react';

/** A button that shows one page or section; the one showing says so to a screen reader (aria-current). */
export function NavButton(props: { className: string; current: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button type="button" className={props.className} aria-current={props.current ? 'page' : undefined} onClick={props.onClick}>
      {props.children}
    </button>
  );
}
