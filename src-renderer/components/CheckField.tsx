import type { ReactNode } from 'react';

/** A choice that is on or off: a tick box with its words beside it, the whole line clickable. */
export function CheckField(props: { label: ReactNode; checked: boolean; onChange: (checked: boolean) => void; disabled?: boolean }) {
  return (
    <label className="check">
      <input type="checkbox" checked={props.checked} disabled={props.disabled} onChange={(event) => props.onChange(event.target.checked)} />
      {props.label}
    </label>
  );
}
