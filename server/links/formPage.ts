import type { FormField, FormTemplate } from '../../src-shared/entities';
import { details, escape, page, type BookingOnPage } from './page';

/**
 * The client's form page (docs/architecture.md §27): plain HTML that works without JavaScript —
 * the booking, the template's questions as ordinary inputs, and the typed-name signature — posted
 * back to the same address. Answers come back as `a.<question key>`; every value is escaped.
 */

function question(field: FormField, index: number, given: Record<string, string>): string {
  const name = `a.${field.key}`;
  const id = `q${index}`;
  const required = field.required ? ' required' : '';
  const label = `${escape(field.label)}${field.required ? ' <span aria-hidden="true">*</span>' : ''}`;
  const value = given[field.key] ?? '';
  const radios = (options: { value: string; text: string }[]) =>
    `<fieldset><legend>${label}</legend>${options
      .map(
        (option, at) =>
          `<label><input type="radio" name="${escape(name)}" value="${escape(option.value)}"${at === 0 ? required : ''}${value === option.value ? ' checked' : ''}> ${escape(option.text)}</label> `,
      )
      .join('')}</fieldset>`;
  switch (field.kind) {
    case 'yesNo':
      return radios([
        { value: 'yes', text: 'Yes' },
        { value: 'no', text: 'No' },
      ]);
    case 'choice':
      return radios(field.choices.map((choice) => ({ value: choice, text: choice })));
    case 'date':
      return `<label class="q" for="${id}">${label}</label><input type="date" id="${id}" name="${escape(name)}" value="${escape(value)}"${required}>`;
    case 'text':
      return `<label class="q" for="${id}">${label}</label><textarea id="${id}" name="${escape(name)}" rows="3"${required}>${escape(value)}</textarea>`;
  }
}

/** The form to fill in and sign; `problem` says what to correct after a refused try. */
export function formPage(template: Pick<FormTemplate, 'name' | 'fields'>, booking: BookingOnPage, given: Record<string, string> = {}, problem: string | null = null): string {
  return page(
    `${template.name} — ${booking.shopName}`,
    `<h1>${escape(template.name)}</h1>${details(booking)}
<p>${escape(booking.shopName)} asks you to fill in this form before your appointment. Questions marked * need an answer.</p>
${problem === null ? '' : `<p role="alert"><strong>${escape(problem)}</strong></p>`}
<form method="post">${template.fields.map((field, index) => question(field, index, given)).join('\n')}
<label class="q" for="signedName">Your full name, as your signature</label><input type="text" id="signedName" name="signedName" autocomplete="name" required value="${escape(given.signedName ?? '')}">
<button class="primary" type="submit">Sign and send</button></form>`,
    booking.locale,
  );
}
