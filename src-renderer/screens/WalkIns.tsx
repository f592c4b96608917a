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

/** "12 min": how long a walk-in has waited, or will wait, as the desk says it. */
function minutesWording(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function AddWalkIn(props: { onDone: () => void }) {
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
        label: `Walk-in: ${client.name}`,
        successMessage: confirmedWording(`${client.name} joined the walk-in queue`),
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
    <SubmitForm className="form walk-in-form" aria-label="Add a walk-in" onSubmit={save}>
      <ClientPicker value={client} onChange={setClient} />
      <div className="row">
        <ServiceSelect value={serviceId} onChange={setServiceId} services={services} />
        <StaffSelect value={staffId} onChange={setStaffId} staff={staff} label="With" anyone="The next free person" />
      </div>
      <ErrorNotice error={error} />
      <FormFooter
        backLabel="Discard"
        onBack={props.onDone}
        submitLabel="Add to the queue"
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
        message: `Seated ${walkIn.name} with ${seated.staffName} at ${localClockOf(seated.appointment.startsAt, props.zone)}`,
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
      label: `${walkIn.name} left`,
      successMessage: confirmedWording(`${walkIn.name} left without being seen`),
      entityId: walkIn.id,
      undoGroup: 'walkIn',
      run: () => commands.walkIn.leave({ idempotencyKey: key, id: walkIn.id, expectedVersion: walkIn.version }),
    }).catch(() => undefined);
  };
  // The day keeps its room while nobody is waiting: the strip shows only with someone in it (or being added).
  if (waiting.length === 0 && !adding && error === null) return null;
  return (
    <section className="walk-ins" aria-label="Walk-ins" data-testid="walk-ins">
      <div className="walk-ins-row">
        <strong>Walk-ins</strong>
        {waiting.length === 0 ? <span className="muted">Nobody waiting.</span> : null}
        <ul>
          {waiting.map((walkIn) => (
            <li key={walkIn.id} className="walk-in" data-testid="walk-in">
              <span>
                <strong>{walkIn.name}</strong> · {walkIn.serviceName} · {walkIn.staffName ?? 'anyone'}
                <span className="muted"> · waiting {minutesWording(now - walkIn.arrivedAt)}</span>
                {' · '}
                {walkIn.offer === null
                  ? 'nobody free today'
                  : `next free ${localClockOf(walkIn.offer.startsAt, props.zone)} with ${walkIn.offer.staffName} (${walkIn.offer.startsAt - now < 60_000 ? 'now' : `in about ${minutesWording(walkIn.offer.startsAt - now)}`})`}
              </span>
              <button type="button" className="button small primary" disabled={locked || walkIn.offer === null} onClick={() => void seat(walkIn)}>
                Seat
              </button>
              <button type="button" className="button small" disabled={locked} onClick={() => void leave(walkIn)}>
                Left
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
