import { useQuery } from '@tanstack/react-query';
import { checkPatchTest, patchTestWarning } from '../../src-shared/patchTest';
import { formatLocalDate, isSupportedDate } from '../../src-shared/time';
import { shownFormat } from '../../src-shared/locale/format';
import { trpc } from '../api/client';
import { useServices, useSettings } from '../api/hooks';
import { useT, screenT } from '../i18n';

/**
 * What the desk must see about a client before a visit: an allergy before the colour is mixed, a
 * patch test too old for the service, how the client likes to be looked after. The card shows the
 * icon only (its day view row carries the allergies); the booking dialog and the drawer show it all.
 */

/** "Allergy: Allergic to ammonia dyes", the words the icon stands for. */
export function allergyLabel(allergies: string): string {
  const t = screenT('components');
  return t('allergy', { allergies });
}

/** The alert icon of a card: nothing when the client has no allergy recorded. */
export function AlertIcon(props: { allergies: string }) {
  if (props.allergies === '') return null;
  const label = allergyLabel(props.allergies);
  return (
    <span className="alert-icon" role="img" aria-label={label} title={label} data-testid="alert-icon">
      !
    </span>
  );
}

/** A week bar's name with the allergy, when there is one (its own label is all a bar says). */
export function withAllergy(label: string, allergies: string): string {
  return allergies === '' ? label : `${label}. ${allergyLabel(allergies)}`;
}

/**
 * The client's alerts, read the moment a client is picked. `visit` is the visit's start or, before
 * a time is chosen, its shop-local date; with the service it decides the patch-test warning. A
 * warning, never a refusal: the booking goes ahead.
 */
export function ClientAlerts(props: { clientId: string; serviceId?: string | undefined; visit?: number | string | null }) {
  const { t } = useT('components');
  const alerts = useQuery(trpc.clients.alerts.queryOptions({ id: props.clientId }, { staleTime: 5_000 }));
  const settings = useSettings().data;
  const service = (useServices().data ?? []).find((item) => item.id === props.serviceId);
  const client = alerts.data;
  if (!client) return null;
  const visit = props.visit ?? null;
  const checkable = settings !== undefined && settings !== null && service !== undefined && visit !== null && (typeof visit === 'number' || isSupportedDate(visit));
  const warning = checkable ? patchTestWarning(checkPatchTest({ service, client, settings, visit }), shownFormat().locale.language, shownFormat()) : null;
  if (client.allergies === '' && client.preferences === '' && client.notes === '' && client.patchTestOn === null && warning === null) return null;
  return (
    <section className="client-alerts notice" aria-label={t('about', { name: client.name })} data-testid="client-alerts">
      {warning === null ? null : (
        <p className="patch-test-warning" role="alert" data-testid="patch-test-warning">
          {t('youCanStillBook', { warning })}
        </p>
      )}
      <dl className="facts">
        {client.allergies === '' ? null : (
          <>
            <dt className="alert-term">
              <span className="alert-icon" aria-hidden="true">
                !
              </span>{t('allergies')}
            </dt>
            <dd className="alert-text">{client.allergies}</dd>
          </>
        )}
        {client.patchTestOn === null ? null : (
          <>
            <dt>{t('patchTest')}</dt>
            <dd>{formatLocalDate(client.patchTestOn)}</dd>
          </>
        )}
        {client.preferences === '' ? null : (
          <>
            <dt>{t('preferences')}</dt>
            <dd>{client.preferences}</dd>
          </>
        )}
        {client.notes === '' ? null : (
          <>
            <dt>{t('notes')}</dt>
            <dd>{client.notes}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
