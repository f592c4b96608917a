import type { FormHTMLAttributes } from 'react';

/**
 * A form whose submit (Enter in a field, or its submit button) runs `onSubmit` instead of reloading
 * the page. Every other attribute (class, accessible name, noValidate) is the form's own
 * (docs/architecture.md §6b).
 */
export function SubmitForm({ onSubmit, ...form }: Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit'> & { onSubmit: () => unknown }) {
  return (
    <form
      {...form}
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    />
  );
}
