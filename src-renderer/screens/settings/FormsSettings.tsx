import { useState } from 'react';
import { formFieldKinds, type FormField, type FormFieldKind, type FormTemplate } from '../../../src-shared/entities';
import { useWritesLocked } from '../../api/hooks';
import { useFormTemplates } from '../../api/forms';
import { Dialog } from '../../components/Dialog';
import { FormFooter } from '../../components/FormFooter';
import { SubmitForm } from '../../components/SubmitForm';
import { TableHead } from '../../components/TableHead';
import { useT } from '../../i18n';
import { commands, describedBy, FieldError, useAct, useIsOwner } from './common';
import { CheckField } from '../../components/CheckField';
import { Options } from '../../components/Options';

/**
 * Settings → Forms (docs/architecture.md §27): the owner's intake form templates — questions of
 * each kind (text, yes/no, a choice, a date), each maybe required; the signature (the client's
 * typed name) ends every form. Which services ask for a form is chosen in the service's dialog.
 */

interface QuestionDraft {
  key: string;
  label: string;
  kind: FormFieldKind;
  required: boolean;
  choices: string;
}

const draftOf = (field: FormField): QuestionDraft => ({ ...field, choices: field.choices.join('\n') });
const fieldOf = (draft: QuestionDraft): FormField => ({
  key: draft.key,
  label: draft.label.trim(),
  kind: draft.kind,
  required: draft.required,
  choices: draft.kind === 'choice' ? draft.choices.split('\n').map((line) => line.trim()).filter((line) => line !== '') : [],
});
/** A key no question of the form has yet (answers are kept under it). */
const freshKey = (drafts: readonly QuestionDraft[]) => {
  let number = drafts.length + 1;
  while (drafts.some((draft) => draft.key === `q${number}`)) number += 1;
  return `q${number}`;
};

function TemplateDialog(props: { template: FormTemplate | null; onClose: () => void }) {
  const { t } = useT('forms');
  const { template } = props;
  const locked = useWritesLocked();
  const { act, notice, errorAt } = useAct(['name', 'fields']);
  const [name, setName] = useState(template?.name ?? '');
  const [drafts, setDrafts] = useState<QuestionDraft[]>(() => (template?.fields ?? []).map(draftOf));
  const [busy, setBusy] = useState(false);
  const set = (index: number, patch: Partial<QuestionDraft>) => setDrafts(drafts.map((draft, at) => (at === index ? { ...draft, ...patch } : draft)));

  const save = async () => {
    const fields = drafts.map(fieldOf);
    setBusy(true);
    try {
      const label = t('saved', { name: name.trim() });
      const ok = await act(label, 'formTemplate', template?.id, (key) =>
        template === null
          ? commands.formTemplate.create({ idempotencyKey: key, name, fields })
          : commands.formTemplate.update({ idempotencyKey: key, id: template.id, expectedVersion: template.version, name, fields }),
      );
      if (ok) props.onClose();
    } finally {
      setBusy(false);
    }
  };

  const nameError = { id: 'form-name-error', message: errorAt('name') };
  const fieldsError = { id: 'form-fields-error', message: errorAt('fields') };
  return (
    <Dialog title={template === null ? t('add') : t('editTitle', { name: template.name })} onClose={props.onClose} wide>
      <SubmitForm className="form" noValidate onSubmit={save}>
        <label>
          {t('name')}
          <input value={name} onChange={(event) => setName(event.target.value)} {...describedBy(nameError.id, nameError.message)} />
          <FieldError {...nameError} />
        </label>
        <fieldset {...describedBy(fieldsError.id, fieldsError.message)}>
          <legend>{t('questions')}</legend>
          <ol className="form-questions">
            {drafts.map((draft, index) => (
              <li key={draft.key} className="form-question">
                <label>
                  {t('question', { number: index + 1 })}
                  <input value={draft.label} onChange={(event) => set(index, { label: event.target.value })} />
                </label>
                <label>
                  {t('kind')}
                  <select value={draft.kind} onChange={(event) => set(index, { kind: event.target.value as FormFieldKind })}>
                    <Options choices={formFieldKinds.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))} />
                  </select>
                </label>
                <CheckField label={t('required')} checked={draft.required} onChange={(required) => set(index, { required })} />
                {draft.kind === 'choice' ? (
                  <label>
                    {t('choices')}
                    <textarea rows={3} value={draft.choices} onChange={(event) => set(index, { choices: event.target.value })} />
                  </label>
                ) : null}
                <button type="button" className="button small ghost" onClick={() => setDrafts(drafts.filter((_, at) => at !== index))}>
                  {t('removeQuestion', { number: index + 1 })}
                </button>
              </li>
            ))}
          </ol>
          <FieldError {...fieldsError} />
          <button
            type="button"
            className="button small"
            onClick={() => setDrafts([...drafts, { key: freshKey(drafts), label: '', kind: 'text', required: false, choices: '' }])}
          >
            {t('addQuestion')}
          </button>
        </fieldset>
        <p className="muted">{t('signatureNote')}</p>
        {notice}
        <FormFooter backLabel={t('cancel')} onBack={props.onClose} submitLabel={t('save')} disabled={locked || busy} />
      </SubmitForm>
    </Dialog>
  );
}

export function FormsSettings() {
  const { t } = useT('forms');
  const templates = useFormTemplates().data ?? [];
  const locked = useWritesLocked();
  const isOwner = useIsOwner();
  const [editing, setEditing] = useState<string | null>(null);
  const edited = templates.find((template) => template.id === editing) ?? null;
  return (
    <section className="panel" aria-labelledby="forms-title">
      <div className="panel-head">
        <h2 id="forms-title">{t('title')}</h2>
        <button type="button" className="button primary" disabled={locked || !isOwner} onClick={() => setEditing('new')}>
          {t('add')}
        </button>
      </div>
      <p className="muted">{t('intro')}</p>
      {templates.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <table className="table">
          <TableHead columns={[t('name'), t('questions')]} actions />
          <tbody>
            {templates.map((template) => (
              <tr key={template.id} className={template.archived ? 'archived' : undefined}>
                <td>
                  {template.name}
                  {template.archived ? <span className="muted"> · {t('archived')}</span> : null}
                </td>
                <td>{t('questionsCount', { count: template.fields.length })}</td>
                <td className="row-actions">
                  <button type="button" className="button small" disabled={locked || !isOwner} aria-label={t('editTitle', { name: template.name })} onClick={() => setEditing(template.id)}>
                    {t('edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing === null ? null : <TemplateDialog key={editing} template={edited} onClose={() => setEditing(null)} />}
    </section>
  );
}
