import type { ReactNode } from 'react';
import { describedBy, FieldError } from './FieldError';

/**
 * A PIN typed at the desk: hidden, with a number pad on a touch screen. `autoComplete` says whether
 * the browser may fill in a saved PIN (`current-password`), offer to keep a new one (`new-password`)
 * or neither (`off`: signing in at a shared desk). A refusal about it shows beside it (`error`).
 */
export function PinField(props: {
  label: ReactNode;
  value: string;
  onChange: (pin: string) => void;
  autoComplete: 'off' | 'current-password' | 'new-password';
  className?: string;
  disabled?: boolean;
  pattern?: string;
  error?: { id: string; message: string | null };
}) {
  const { error } = props;
  return (
    <label className={props.className}>
      {props.label}
      <input
        type="password"
        inputMode="numeric"
        autoComplete={props.autoComplete}
        value={props.value}
        disabled={props.disabled}
        pattern={props.pattern}
        onChange={(event) => props.onChange(event.target.value)}
        {...(error ? describedBy(error.id, error.message) : {})}
      />
      {error ? <FieldError id={error.id} message={error.message} /> : null}
    </label>
  );
}
