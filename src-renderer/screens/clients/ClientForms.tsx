import { useState } from 'react';
import { useClientForms } from '../../api/forms';
import { dateTime } from '../../format';
import { useT } from '../../i18n';
import { SignedForm } from '../forms/SignedForm';

/** A client's signed intake forms on their profile (docs/architecture.md §27): read-only, each with who signed and when. */
export function ClientForms(props: { clientId: string; zone: string }) {
  const { t } = useT('forms');
  const signed = (useClientForms(props.clientId).data ?? []).filter((form) => form.status === 'signed');
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section className="client-forms" aria-labelledby="client-forms-title">
      <h3 id="client-forms-title">{t('historyTitle')}</h3>
      {signed.length === 0 ? <p className="muted">{t('historyNone')}</p> : <p className="muted">{t('readOnly')}</p>}
      <ul className="plain-list">
        {signed.map((form) => (
          <li key={form.id}>
            {t('historyLine', { form: form.templateName, service: form.serviceName, when: dateTime(form.startsAt, props.zone) })} ·{' '}
            {t('signedBy', { name: form.signedName, when: dateTime(form.signedAt ?? form.updatedAt, props.zone) })}{' '}
            <button type="button" className="button small" aria-expanded={open === form.id} onClick={() => setOpen(open === form.id ? null : form.id)}>
              {open === form.id ? t('hide', { name: form.templateName }) : t('view', { name: form.templateName })}
            </button>
            {open === form.id ? <SignedForm fields={form.fields} answers={form.answers} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
