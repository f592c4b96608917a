import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { localClockOf } from '../../src-shared/time';
import { client as deskApi, trpc } from '../api/client';
import { commands, newKey } from '../api/commands';
import { envelopeOf, type Envelope } from '../api/errors';
import { useServices, useStaff, useWritesLocked } from '../api/hooks';
import type { ClientRow } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { refreshAll, runAction } from '../state/actions';
import { useDesk } from '../state/desk';
import { confirmedWording } from '../state/wording';
import { ClientPicker } from './AppointmentDialog';
import { ServiceSelect, StaffSelect } from '../components/StaffSelect';
import { SubmitForm } from '../components/SubmitForm';
import { FormFooter } from '../components/FormFooter';
import { useT, screenT } from '../i18n';
import { shownName } from '../clientNames';

/** "12 min": how long a walk-in has waited, or will wait, as the desk says it. */
function minutesWording(ms: number): string {
  const t = screenT('walkins');
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return t('min', { minutes });
  return t('hMin', { floor: Math.floor(minutes / 60), value: minutes % 60 });
}

function AddWalkIn(props: { onDone: () => void }) {
  const { t } = useT('walkins');
  const services = (useServices().data ?? []).filter((service) => !service.archived);
  const staff = (useStaff().data ?? []).filter((member) => member.active);
  const [client, setClient] = useState<ClientRow | null>(null);
  const [serviceId, setServiceId] = useState('');
  const [staffId, setStaffId] = useState('');
  const [error, setError] = useState<Envelope | null>(null);
  const save = async () => {
    if (client === null) return;
    const key = newKey();
    setError(null);
    try {
      await runAction({
        label: t('walkIn', { name: client.name }),
        successMessage: confirmedWording(t('joinedTheWalkInQueue', { name: client.name })),
        undoGroup: 'walkIn',
        run: () => commands.walkIn.create({ idempotencyKey: key, clientId: client.id, serviceId, ...(staffId === '' ? {} : { staffId }) }),
      });
      props.onDone();
    } catch (caught) {
      const envelope = envelopeOf(caught);
      if (!envelope.retryable) setError(envelope);
    }
  };
  return (
    <SubmitForm className="form walk-in-form" aria-label={t('addAWalkIn')} onSubmit={save}>
      <ClientPicker value={client} onChange={setClient} />
      <div className="row">
        <ServiceSelect value={serviceId} onChange={setServiceId} services={services} />
        <StaffSelect value={staffId} onChange={setStaffId} staff={staff} label={t('with')} anyone={t('theNextFreePerson')} />
      </div>
      <ErrorNotice error={error} />
      <FormFooter
        backLabel={t('discard')}
        onBack={props.onDone}
        submitLabel={t('addToTheQueue')}
        disabled={client === null || serviceId === ''}
      />
    </SubmitForm>
  );
}

/**
 * Today's walk-ins above the day: who is waiting, for how long, and when and with whom the next
 * free time is; one click seats them there (a booking through the ordinary rules), another records
 * that they left unserved.
 */
export function WalkInBar(props: { zone: string; adding: boolean; onAdding: (adding: boolean) => void }) {
  const { t } = useT('walkins');
  const queue = useQuery(trpc.walkIns.queue.queryOptions(undefined, { refetchInterval: 30_000 }));
  const locked = useWritesLocked();
  const { adding, onAdding: setAdding } = props;
  const [error, setError] = useState<Envelope | null>(null);
  const waiting = (queue.data ?? []).filter((walkIn) => walkIn.status === 'waiting');
  const now = Date.now();
  const seat = async (walkIn: (typeof waiting)[number]) => {
    setError(null);
    try {
      const seated = await deskApi.walkIns.seatNextFree.mutate({ idempotencyKey: newKey(), id: walkIn.id });
      void refreshAll();
      useDesk.getState().pushToast({
        message: t('seatedWithAt', { name: walkIn.name, staffName: seated.staffName, clock: localClockOf(seated.appointment.startsAt, props.zone) }),
        tone: 'success',
      });
      useDesk.getState().select(seated.appointment.id);
    } catch (caught) {
      setError(envelopeOf(caught));
    }
  };
  const leave = async (walkIn: (typeof waiting)[number]) => {
    const key = newKey();
    await runAction({
      label: t('left2', { name: walkIn.name }),
      successMessage: confirmedWording(t('leftWithoutBeingSeen', { name: walkIn.name })),
      entityId: walkIn.id,
      undoGroup: 'walkIn',
      run: () => commands.walkIn.leave({ idempotencyKey: key, id: walkIn.id, expectedVersion: walkIn.version }),
    }).catch(() => undefined);
  };
  // The day keeps its room while nobody is waiting: the strip shows only with someone in it (or being added).
  if (waiting.length === 0 && !adding && error === null) return null;
  return (
    <section className="walk-ins" aria-label={t('walkIns')} data-testid="walk-ins">
      <div className="walk-ins-row">
        <strong>{t('walkIns')}</strong>
        {waiting.length === 0 ? <span className="muted">{t('nobodyWaiting')}</span> : null}
        <ul>
          {waiting.map((walkIn) => (
            <li key={walkIn.id} className="walk-in" data-testid="walk-in">
              <span>
                <strong>{shownName(walkIn.name)}</strong> · {walkIn.serviceName} · {walkIn.staffName ?? t('anyone')}
                <span className="muted">{t('waiting', { minutes: minutesWording(now - walkIn.arrivedAt) })}</span>
                {' · '}
                {walkIn.offer === null
                  ? t('nobodyFreeToday')
                  : walkIn.offer.startsAt - now < 60_000
                    ? t('nextFreeNow', { clock: localClockOf(walkIn.offer.startsAt, props.zone), staffName: walkIn.offer.staffName })
                    : t('nextFreeIn', { clock: localClockOf(walkIn.offer.startsAt, props.zone), staffName: walkIn.offer.staffName, wait: minutesWording(walkIn.offer.startsAt - now) })}
              </span>
              <button type="button" className="button small primary" disabled={locked || walkIn.offer === null} onClick={() => void seat(walkIn)}>
                {t('seat')}
              </button>
              <button type="button" className="button small" disabled={locked} onClick={() => void leave(walkIn)}>
                {t('left')}
              </button>
            </li>
          ))}
        </ul>
      </div>
      {adding ? <AddWalkIn onDone={() => setAdding(false)} /> : null}
      <ErrorNotice error={error} />
    </section>
  );
}
