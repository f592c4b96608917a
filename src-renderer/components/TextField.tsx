import type { InputHTMLAttributes, ReactNode } from 'react';
import { describedBy, FieldError } from './FieldError';

/**
 * A labelled input whose value is text (a name, a colour, a PIN), with the refusal about it shown
 * beside it (`error`, tied to the input by aria-describedby). Other input attributes pass through
 * (docs/architecture.md §6b).
 */
export function TextField({
  label,
  className,
  onChange,
  error,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> & {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  error?: { id: string; message: string | null };
}) {
  return (
    <label className={className}>
      {label}
      <input {...input} onChange={(event) => onChange(event.target.value)} {...(error ? describedBy(error.id, error.message) : {})} />
      {error ? <FieldError id={error.id} message={error.message} /> : null}
    </label>
  );
}
