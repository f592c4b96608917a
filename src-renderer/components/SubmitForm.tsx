import type { FormHTMLAttributes } from 'react';

/**
 * A form whose submit (Enter in a field, or its submit button) runs `onSubmit` instead of reloading
 * the page. Every other attribute (class, accessible name, noValidate) is the form's own
 * (docs/architecture.md §6b). A typed date or time it holds that cannot be read stops the submit.
 */
export function SubmitForm({ onSubmit, ...form }: Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit'> & { onSubmit: () => unknown }) {
  return (
    <form
      {...form}
      onSubmit={(event) => {
        event.preventDefault();
        // A date or time typed so it cannot be read is refused beside its field, never sent as the
        // field's last readable value, even where the form checks its own fields (noValidate).
        const unreadable = event.currentTarget.querySelector<HTMLInputElement>('input[data-unreadable]');
        if (unreadable !== null) {
          unreadable.checkValidity();
          unreadable.focus();
          return;
        }
        void onSubmit();
      }}
    />
  );
}
