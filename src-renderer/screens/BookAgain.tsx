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
import { useT } from '../i18n';

const intervals = [2, 3, 4, 5, 6, 8, 10, 12];

/**
 * "Book again in 6 weeks": the same service with the same person, at the free time nearest this
 * visit's time of day around that date, shown before it is booked; one click books it.
 */
export function BookAgain(props: { appointmentId: string; clientName: string; serviceName: string; zone: string }) {
  const { t } = useT('booking');
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
        label: t('bookAgain2', { clientName: props.clientName, when }),
        successMessage: confirmedWording(
          t('bookedAgainWith', { clientName: props.clientName, serviceName: props.serviceName, when, staffName: found.staffName }),
          t('newBookingAgainWith', { clientName: props.clientName, serviceName: props.serviceName, when, staffName: found.staffName }),
        ),
        undoGroup: 'appointment',
        run: () =>
          commands.appointment.create({ idempotencyKey: key, clientId: found.clientId, staffId: found.staffId, serviceId: found.serviceId, startsAt: found.startsAt }),
      });
      useDesk.getState().select(booked.row.id);
    });
  };
  return (
    <section className="book-again" aria-labelledby="book-again-title" data-testid="book-again">
      <h3 id="book-again-title">{t('bookAgain')}</h3>
      <label>
        {t('in')}
        <select value={weeks} onChange={(event) => setWeeks(Number(event.target.value))} aria-label={t('weeksFromThisVisit')}>
          {intervals.map((value) => (
            <option key={value} value={value}>
              {t('weeks', { value })}
            </option>
          ))}
        </select>
      </label>
      {offer.isLoading ? <p className="muted">{t('lookingForAFreeTime')}</p> : null}
      {offer.data === null ? <p className="muted">{t('noFreeTimeWithThe')}</p> : null}
      {offer.data ? (
        <button type="button" className="button primary" disabled={locked || busy} onClick={() => void book()}>
          {t('bookWith', { localDateTime: formatLocalDateTime(offer.data.startsAt, props.zone), staffName: offer.data.staffName })}
        </button>
      ) : null}
      <ErrorNotice error={error} />
    </section>
  );
}
