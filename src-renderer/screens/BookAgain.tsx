import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatLocalDateTime } from '../../src-shared/time';
import { trpc } from '../api/client';
import { commands, newKey } from '../api/commands';
import { useWritesLocked } from '../api/hooks';
import { ErrorNotice } from '../components/ErrorNotice';
import { runAction } from '../state/actions';
import { useDesk } from '../state/desk';
import { confirmedWording } from '../state/wording';
import { useAttempt } from '../components/useAttempt';

const intervals = [2, 3, 4, 5, 6, 8, 10, 12];

/**
 * "Book again in 6 weeks": the same service with the same person, at the free time nearest this
 * visit's time of day around that date, shown before it is booked; one click books it.
 */
export function BookAgain(props: { appointmentId: string; clientName: string; serviceName: string; zone: string }) {
  const [weeks, setWeeks] = useState(6);
  const { busy, error, attemptChange } = useAttempt();
  const locked = useWritesLocked();
  const offer = useQuery(trpc.appointments.rebookOffer.queryOptions({ appointmentId: props.appointmentId, weeks }));
  const book = async () => {
    const found = offer.data;
    if (!found) return;
    const key = newKey();
    const when = formatLocalDateTime(found.startsAt, props.zone);
    await attemptChange(async () => {
      const booked = await runAction({
        label: `Book ${props.clientName} again: ${when}`,
        successMessage: confirmedWording(`Booked ${props.clientName} again: ${props.serviceName}, ${when} with ${found.staffName}`),
        undoGroup: 'appointment',
        run: () =>
          commands.appointment.create({ idempotencyKey: key, clientId: found.clientId, staffId: found.staffId, serviceId: found.serviceId, startsAt: found.startsAt }),
      });
      useDesk.getState().select(booked.row.id);
    });
  };
  return (
    <section className="book-again" aria-labelledby="book-again-title" data-testid="book-again">
      <h3 id="book-again-title">Book again</h3>
      <label>
        In
        <select value={weeks} onChange={(event) => setWeeks(Number(event.target.value))} aria-label="Weeks from this visit">
          {intervals.map((value) => (
            <option key={value} value={value}>
              {value} weeks
            </option>
          ))}
        </select>
      </label>
      {offer.isLoading ? <p className="muted">Looking for a free time…</p> : null}
      {offer.data === null ? <p className="muted">No free time with the same person within a week of that date. Choose another interval.</p> : null}
      {offer.data ? (
        <button type="button" className="button primary" disabled={locked || busy} onClick={() => void book()}>
          Book {formatLocalDateTime(offer.data.startsAt, props.zone)} with {offer.data.staffName}
        </button>
      ) : null}
      <ErrorNotice error={error} />
    </section>
  );
}
