import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { clockMinutes, clockOfMinutes, localClockOf, localDateOf, localTimeToInstant } from '../../src-shared/time';
import { client as deskApi, trpc } from '../api/client';
import { newKey } from '../api/commands';
import { envelopeOf, type Envelope } from '../api/errors';
import { useServices, useStaff, useWritesLocked } from '../api/hooks';
import { ErrorNotice } from '../components/ErrorNotice';
import { refreshAll } from '../state/actions';
import { useDesk } from '../state/desk';
import { ServiceSelect, StaffSelect } from '../components/StaffSelect';
import { RemoveButton } from '../components/RemoveButton';
import { useT } from '../i18n';
import { DateField, TimeField } from '../components/DateTimeFields';

/** A service after the first in a visit: what, and with whom; its time follows from the ones before. */
export interface ExtraService {
  serviceId: string;
  staffId: string;
}

interface ServiceLength {
  id: string;
  name: string;
  durationMin: number;
  bufferAfterMin: number;
}

/**
 * When each service of a visit starts: the first at the chosen time, each next one when the one
 * before ends — or, with the same person, once that person's buffer after it is over.
 */
export function segmentStarts(
  first: { serviceId: string; staffId: string; date: string; time: string },
  extras: readonly ExtraService[],
  services: readonly ServiceLength[],
  zone: string,
): { serviceId: string; staffId: string; startsAt: number }[] | null {
  if (!/^\d{2}:\d{2}$/.test(first.time) || first.serviceId === '' || first.staffId === '') return null;
  const all = [{ serviceId: first.serviceId, staffId: first.staffId }, ...extras];
  if (all.some((segment) => segment.serviceId === '' || segment.staffId === '')) return null;
  let minutes = clockMinutes(first.time);
  return all.map((segment, index) => {
    const previous = index === 0 ? undefined : all[index - 1];
    const before = previous === undefined ? undefined : services.find((service) => service.id === previous.serviceId);
    if (previous !== undefined && before !== undefined) {
      minutes += before.durationMin + (previous.staffId === segment.staffId ? before.bufferAfterMin : 0);
    }
    return { ...segment, startsAt: localTimeToInstant(first.date, clockOfMinutes(minutes % (24 * 60)), zone) };
  });
}

/** "then Colour with Jo at 10:30": the services after the first, each with its own person. */
export function VisitSegments(props: {
  value: ExtraService[];
  onChange: (extras: ExtraService[]) => void;
  starts: { startsAt: number }[] | null;
  services: readonly ServiceLength[];
  staff: readonly { id: string; name: string }[];
  zone: string;
}) {
  const { t } = useT('booking');
  const { value, onChange } = props;
  const set = (index: number, patch: Partial<ExtraService>) => onChange(value.map((extra, at) => (at === index ? { ...extra, ...patch } : extra)));
  return (
    <fieldset className="visit-segments" data-testid="visit-segments">
      <legend>{t('thenInTheSameVisit')}</legend>
      {value.map((extra, index) => {
        const start = props.starts?.[index + 1]?.startsAt;
        return (
          <div className="row visit-segment" key={index} data-testid="visit-segment">
            <ServiceSelect value={extra.serviceId} onChange={(serviceId) => set(index, { serviceId })} services={props.services} />
            <StaffSelect value={extra.staffId} onChange={(staffId) => set(index, { staffId })} staff={props.staff} />
            <p className="duration" aria-live="polite">
              {start === undefined ? t('startsWhenTheServiceBefore') : t('starts', { clock: localClockOf(start, props.zone) })}
            </p>
            <RemoveButton ghost label={t('removeService', { value: index + 2 })} onRemove={() => onChange(value.filter((_extra, at) => at !== index))} />
          </div>
        );
      })}
      {value.length < 5 ? (
        <button type="button" className="button small" onClick={() => onChange([...value, { serviceId: '', staffId: '' }])}>
          {t('addAnotherService')}
        </button>
      ) : null}
    </fieldset>
  );
}

/** In the drawer of one service of a visit: the whole visit, in order. */
export function VisitFact(props: { visitId: string; appointmentId: string; zone: string }) {
  const { t } = useT('booking');
  const visit = useQuery(trpc.appointments.visit.queryOptions({ visitId: props.visitId })).data;
  const services = useServices().data ?? [];
  const staff = useStaff().data ?? [];
  if (visit === undefined) return null;
  const nameOf = (list: readonly { id: string; name: string }[], id: string) => list.find((item) => item.id === id)?.name ?? '—';
  return (
    <>
      <dt>{t('visit')}</dt>
      <dd data-testid="visit-fact">
        <ol className="visit-list">
          {visit.map((booking) => (
            <li key={booking.id} aria-current={booking.id === props.appointmentId ? 'true' : undefined}>
              {t('with2', { name: nameOf(services, booking.serviceId), clock: localClockOf(booking.startsAt, props.zone), name2: nameOf(staff, booking.staffId) })}
              {booking.status === 'cancelled' ? t('cancelled') : ''}
            </li>
          ))}
        </ol>
      </dd>
    </>
  );
}

/**
 * The whole visit's actions in the drawer of any of its services: move it (every service by as
 * much), cancel it (every service, one reason), undo its last change made as one.
 */
export function VisitActions(props: { visitId: string; zone: string; clientName: string }) {
  const visit = useQuery(trpc.appointments.visit.queryOptions({ visitId: props.visitId })).data;
  const first = visit?.find((booking) => booking.status === 'booked');
  if (first === undefined) return null;
  // Keyed by the first service's start, so the form starts again from the visit as it now is.
  return <VisitActionsForm key={first.startsAt} {...props} firstStartsAt={first.startsAt} />;
}

function VisitActionsForm(props: { visitId: string; firstStartsAt: number; zone: string; clientName: string }) {
  const { t } = useT('booking');
  const locked = useWritesLocked();
  const [date, setDate] = useState(localDateOf(props.firstStartsAt, props.zone));
  const [time, setTime] = useState(localClockOf(props.firstStartsAt, props.zone));
  const [reason, setReason] = useState('');
  const [cancelling, setCancelling] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Envelope | null>(null);
  const act = async (work: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      void refreshAll();
      useDesk.getState().pushToast({ message, tone: 'success' });
      setCancelling(false);
    } catch (caught) {
      setError(envelopeOf(caught));
    } finally {
      setBusy(false);
    }
  };
  const validTime = /^\d{4}-\d{2}-\d{2}$/.test(date) && /^\d{2}:\d{2}$/.test(time);
  return (
    <section className="visit-actions" aria-label={t('theWholeVisit')} data-testid="visit-actions">
      <div className="row">
        <label>
          {t('moveTheWholeVisitTo')}
          <DateField value={date} onChange={setDate} />
        </label>
        <label>
          {t('firstServiceAt')}
          <TimeField value={time} stepMinutes={5} onChange={setTime} />
        </label>
      </div>
      <div className="actions">
        <button
          type="button"
          className="button"
          disabled={locked || busy || !validTime}
          onClick={() =>
            void act(
              () =>
                deskApi.appointments.moveVisit.mutate({
                  idempotencyKey: newKey(),
                  visitId: props.visitId,
                  startsAt: localTimeToInstant(date, time, props.zone),
                }),
              t('movedSVisitTo', { clientName: props.clientName, time }),
            )
          }
        >
          {t('moveVisit')}
        </button>
        <button type="button" className="button" disabled={locked || busy} onClick={() => setCancelling(true)}>
          {t('cancelVisit')}
        </button>
        <button
          type="button"
          className="button ghost"
          disabled={locked || busy}
          onClick={() =>
            void act(() => deskApi.appointments.undoVisit.mutate({ idempotencyKey: newKey(), visitId: props.visitId }), t('undidTheLastChangeTo', { clientName: props.clientName }))
          }
        >
          {t('undoLastVisitChange')}
        </button>
      </div>
      {cancelling ? (
        <div className="row">
          <label>
            {t('reasonRequired')}
            <input value={reason} onChange={(event) => setReason(event.target.value)} />
          </label>
          <button
            type="button"
            className="button danger"
            disabled={locked || busy || reason.trim() === ''}
            onClick={() =>
              void act(
                () => deskApi.appointments.cancelVisit.mutate({ idempotencyKey: newKey(), visitId: props.visitId, reason: reason.trim() }),
                t('cancelledSVisit', { clientName: props.clientName }),
              )
            }
          >
            {t('cancelTheWholeVisit')}
          </button>
        </div>
      ) : null}
      <ErrorNotice error={error} />
    </section>
  );
}
