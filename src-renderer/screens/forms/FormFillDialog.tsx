import { useState } from 'react';
import type { FormAnswers, FormField } from '../../../src-shared/entities';
import { commands } from '../../api/commands';
import { useWritesLocked } from '../../api/hooks';
import type { VisitForm } from '../../api/forms';
import { Dialog } from '../../components/Dialog';
import { FormFooter } from '../../components/FormFooter';
import { SubmitForm } from '../../components/SubmitForm';
import { dateTime } from '../../format';
import { useT } from '../../i18n';
import { describedBy, FieldError, useAct } from '../settings/common';
import { DateField } from '../../components/DateTimeFields';

/**
 * Fills in one intake form of a visit at the desk and signs it with the client's typed name
 * (docs/architecture.md §27): one `formResponse.create` with the signature (or `sign` when the form
 * was started ahead). A refusal about one answer or the signature is shown beside it.
 */

export interface FormVisit {
  appointmentId: string;
  clientId: string;
  clientName: string;
  serviceName: string;
  startsAt: number;
  zone: string;
}

function Question(props: { field: FormField; value: string | boolean | undefined; onChange: (value: string | boolean) => void; error: string | null }) {
  const { t } = useT('forms');
  const { field, value } = props;
  const id = `form-q-${field.key}`;
  const error = { id: `${id}-error`, message: props.error };
  const label = `${field.label}${field.required ? ' *' : ''}`;
  if (field.kind === 'yesNo' || field.kind === 'choice') {
    const options = field.kind === 'yesNo' ? [{ value: true, text: t('yes') }, { value: false, text: t('no') }] : field.choices.map((choice) => ({ value: choice, text: choice }));
    return (
      <fieldset {...describedBy(error.id, error.message)}>
        <legend>{label}</legend>
        {options.map((option) => (
          <label key={String(option.value)} className="choice">
            <input type="radio" name={id} checked={value === option.value} onChange={() => props.onChange(option.value)} />
            {option.text}
          </label>
        ))}
        <FieldError {...error} />
      </fieldset>
    );
  }
  return (
    <label>
      {label}
      {field.kind === 'date' ? (
        <DateField value={typeof value === 'string' ? value : ''} onChange={props.onChange} {...describedBy(error.id, error.message)} />
      ) : (
        <textarea rows={2} value={typeof value === 'string' ? value : ''} onChange={(event) => props.onChange(event.target.value)} {...describedBy(error.id, error.message)} />
      )}
      <FieldError {...error} />
    </label>
  );
}

export function FormFillDialog(props: { form: VisitForm; visit: FormVisit; onClose: () => void }) {
  const { t } = useT('forms');
  const { form, visit } = props;
  const locked = useWritesLocked();
  const started = form.response;
  const fields = started?.fields ?? form.fields;
  const [answers, setAnswers] = useState<FormAnswers>(started?.answers ?? {});
  const [signedName, setSignedName] = useState('');
  const [busy, setBusy] = useState(false);
  const { act, notice, errorAt } = useAct(['answers', 'signedName']);

  const sign = async () => {
    setBusy(true);
    try {
      const label = t('signedLabel', { form: form.name, client: visit.clientName });
      // A signature is final (FORM_SIGNED refuses its undo), so its toast offers none.
      const ok = await act(label, null, started?.id, (key) =>
        started === null
          ? commands.formResponse.create({ idempotencyKey: key, templateId: form.templateId, clientId: visit.clientId, appointmentId: visit.appointmentId, answers, signedName })
          : commands.formResponse.sign({ idempotencyKey: key, id: started.id, expectedVersion: started.version, answers, signedName }),
      );
      if (ok) props.onClose();
    } finally {
      setBusy(false);
    }
  };

  const signatureError = { id: 'form-signature-error', message: errorAt('signedName') };
  return (
    <Dialog title={t('fillTitle', { form: form.name, client: visit.clientName })} onClose={props.onClose} wide>
      <SubmitForm className="form form-fill" noValidate onSubmit={sign}>
        <p className="muted">{t('fillFor', { service: visit.serviceName, when: dateTime(visit.startsAt, visit.zone) })}</p>
        {fields.map((field) => (
          <Question
            key={field.key}
            field={field}
            value={answers[field.key]}
            onChange={(value) => setAnswers({ ...answers, [field.key]: value })}
            error={errorAt(`answers.${field.key}`)}
          />
        ))}
        <label>
          {t('signature')}
          <input value={signedName} autoComplete="off" onChange={(event) => setSignedName(event.target.value)} {...describedBy(signatureError.id, signatureError.message)} />
          <FieldError {...signatureError} />
        </label>
        <p className="muted">{t('signatureHint')}</p>
        {notice}
        <FormFooter backLabel={t('cancel')} onBack={props.onClose} submitLabel={t('sign')} disabled={locked || busy} />
      </SubmitForm>
    </Dialog>
  );
}
