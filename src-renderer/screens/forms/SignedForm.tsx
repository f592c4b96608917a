import type { FormAnswers, FormField } from '../../../src-shared/entities';
import { formatLocalDate } from '../../../src-shared/time';
import { useT } from '../../i18n';

/** A signed form's questions and answers, read-only (the drawer and the client's history); a date in the shop's format. */
export function SignedForm(props: { fields: FormField[]; answers: FormAnswers }) {
  const { t } = useT('forms');
  const shown = (field: FormField, answer: string | boolean | undefined) =>
    answer === undefined ? t('noAnswer') : answer === true ? t('yes') : answer === false ? t('no') : field.kind === 'date' ? formatLocalDate(answer) : answer;
  return (
    <dl className="facts signed-form">
      {props.fields.map((field) => (
        <div key={field.key}>
          <dt>{field.label}</dt>
          <dd>{shown(field, props.answers[field.key])}</dd>
        </div>
      ))}
    </dl>
  );
}
