import { useState } from 'react';
import type { AppointmentStatus } from '../../../src-shared/entities';
import { useQuery } from '@tanstack/react-query';
import { trpc } from '../../api/client';
import { useVisitForms } from '../../api/forms';
import { useSyncState } from '../../api/hooks';
import { QueryError } from '../../components/QueryError';
import { dateTime } from '../../format';
import { useT } from '../../i18n';
import { FormFillDialog, type FormVisit } from './FormFillDialog';
import { SignedForm } from './SignedForm';

/**
 * The drawer's forms (docs/architecture.md §27): each form the visit's service asks for, signed
 * (with who signed and when, read-only) or missing, with Fill in — offered first once the client
 * has checked in — and, on a paired desk, the link the client fills it in by ahead.
 */

function LinkFor(props: { appointmentId: string; templateId: string }) {
  const { t } = useT('forms');
  const link = useQuery(trpc.formResponses.link.queryOptions({ appointmentId: props.appointmentId, templateId: props.templateId }, { staleTime: 60_000, retry: 0 }));
  if (link.error) return <QueryError error={link.error} />;
  return link.data === undefined ? null : (
    <p>
      {t('linkReady')} <input readOnly className="form-link" aria-label={t('copyLink')} value={link.data.url} onFocus={(event) => event.target.select()} />
    </p>
  );
}

export function VisitForms(props: { visit: FormVisit; status: AppointmentStatus; locked: boolean }) {
  const { t } = useT('forms');
  const { visit } = props;
  const forms = useVisitForms(visit.appointmentId);
  const paired = useSyncState().data?.paired === true;
  const [filling, setFilling] = useState<string | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [linkFor, setLinkFor] = useState<string | null>(null);
  const list = forms.data ?? [];
  if (list.length === 0) return null;
  const canFill = !props.locked && (props.status === 'booked' || props.status === 'arrived' || props.status === 'in_service');
  const filled = list.find((form) => form.templateId === filling) ?? null;
  return (
    <section className="visit-forms" aria-labelledby="visit-forms-title">
      <h3 id="visit-forms-title">{t('visitForms')}</h3>
      <ul className="plain-list">
        {list.map((form) => {
          const signed = form.response?.status === 'signed' ? form.response : null;
          return (
            <li key={form.templateId}>
              <strong>{form.name}</strong>{' '}
              {signed !== null ? (
                <>
                  <span className="badge tone-ok">{t('signedBy', { name: signed.signedName, when: dateTime(signed.signedAt ?? signed.updatedAt, visit.zone) })}</span>{' '}
                  <button type="button" className="button small" aria-expanded={viewing === form.templateId} onClick={() => setViewing(viewing === form.templateId ? null : form.templateId)}>
                    {viewing === form.templateId ? t('hide', { name: form.name }) : t('view', { name: form.name })}
                  </button>
                  {viewing === form.templateId ? <SignedForm fields={signed.fields} answers={signed.answers} /> : null}
                </>
              ) : (
                <>
                  <span className="badge tone-warn">{form.response === null ? t('missing') : t('open')}</span>{' '}
                  {canFill ? (
                    <button type="button" className={props.status === 'arrived' ? 'button small primary' : 'button small'} onClick={() => setFilling(form.templateId)}>
                      {props.status === 'arrived' ? t('fillNow', { name: form.name }) : t('fill', { name: form.name })}
                    </button>
                  ) : null}{' '}
                  {paired && props.status === 'booked' ? (
                    <button type="button" className="button small ghost" onClick={() => setLinkFor(form.templateId)}>
                      {t('copyLink')}
                    </button>
                  ) : null}
                  {linkFor === form.templateId ? <LinkFor appointmentId={visit.appointmentId} templateId={form.templateId} /> : null}
                </>
              )}
            </li>
          );
        })}
      </ul>
      {filled === null ? null : <FormFillDialog key={filled.templateId} form={filled} visit={visit} onClose={() => setFilling(null)} />}
    </section>
  );
}
