import type { FormField, FormTemplate } from '../../src-shared/entities';
import { details, escape, linkT, page, type BookingOnPage } from './page';

/**
 * The client's form page (docs/architecture.md §27): plain HTML that works without JavaScript —
 * the booking, the template's questions as ordinary inputs, and the typed-name signature — posted
 * back to the same address. Answers come back as `a.<question key>`; every value is escaped. In the
 * shop's language (the `messages` catalogue's `formLink`); the questions are the shop's own words.
 */

type Words = ReturnType<typeof linkT>;

function question(field: FormField, index: number, given: Record<string, string>, t: Words): string {
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
        { value: 'yes', text: t('formLink.page.yes') },
        { value: 'no', text: t('formLink.page.no') },
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
  const t = linkT(booking.locale.language);
  return page(
    `${template.name} — ${booking.shopName}`,
    `<h1>${escape(template.name)}</h1>${details(booking)}
<p>${escape(t('formLink.page.intro', { shop: booking.shopName }))}</p>
${problem === null ? '' : `<p role="alert"><strong>${escape(problem)}</strong></p>`}
<form method="post">${template.fields.map((field, index) => question(field, index, given, t)).join('\n')}
<label class="q" for="signedName">${escape(t('formLink.page.signature'))}</label><input type="text" id="signedName" name="signedName" autocomplete="name" required value="${escape(given.signedName ?? '')}">
<button class="primary" type="submit">${escape(t('formLink.page.submit'))}</button></form>`,
    booking.locale,
  );
}

/**
 * A refusal of the posted form in the shop's language: a missing answer or a blank signature (the
 * refusals a client meets) in the page's own words; anything rarer in the rules' words.
 */
export function formProblem(template: Pick<FormTemplate, 'fields'>, booking: BookingOnPage, field: unknown, given: Record<string, string>, rulesWords: string): string {
  const t = linkT(booking.locale.language);
  if (field === 'signedName' && (given.signedName ?? '').trim() === '') return t('formLink.page.needName');
  const asked = typeof field === 'string' && field.startsWith('answers.') ? template.fields.find((question) => `answers.${question.key}` === field) : undefined;
  if (asked !== undefined && given[asked.key] === undefined) return t('formLink.page.needAnswer', { question: asked.label });
  return rulesWords;
}
