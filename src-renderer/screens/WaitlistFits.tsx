import { useQuery } from '@tanstack/react-query';
import { localClockOf } from '../../src-shared/time';
import { trpc } from '../api/client';
import { commands, newKey } from '../api/commands';
import { useWritesLocked } from '../api/hooks';
import { ErrorNotice } from '../components/ErrorNotice';
import { runAction } from '../state/actions';
import { confirmedWording } from '../state/wording';
import { windowWording } from './WaitlistScreen';
import { useAttempt } from '../components/useAttempt';
import { useT } from '../i18n';

/**
 * In the drawer of a booking whose time is free again (cancelled): the waitlist entries that time
 * fits, each with one button that books it and marks the entry booked.
 */
export function WaitlistFits(props: { staffId: string; from: number; to: number; zone: string }) {
  const { t } = useT('waitlist');
  const fits = useQuery(trpc.waitlist.fitting.queryOptions({ staffId: props.staffId, from: props.from, to: props.to }));
  const locked = useWritesLocked();
  const { busy, error, attemptChange } = useAttempt();
  if (!fits.data || fits.data.length === 0) return null;
  const book = async (fit: (typeof fits.data)[number]) => {
    const key = newKey();
    const at = localClockOf(fit.offer.startsAt, props.zone);
    await attemptChange(async () => {
      const booked = await runAction({
        label: t('bookFromTheWaitlistAt', { name: fit.client.name, at }),
        successMessage: confirmedWording(
          t('bookedFromTheWaitlistAt', { name: fit.client.name, at, staffName: fit.offer.staffName }),
          t('newBookingFromTheWaitlistAt', { name: fit.client.name, at, staffName: fit.offer.staffName }),
        ),
        undoGroup: 'appointment',
        run: () =>
          commands.appointment.create({
            idempotencyKey: key,
            clientId: fit.clientId,
            staffId: fit.offer.staffId,
            serviceId: fit.serviceId,
            startsAt: fit.offer.startsAt,
          }),
      });
      await commands.waitlist.markBooked({ idempotencyKey: newKey(), id: fit.id, expectedVersion: fit.version, appointmentId: booked.row.id });
      void fits.refetch();
    });
  };
  return (
    <section className="waitlist-fits" aria-labelledby="waitlist-fits-title" data-testid="waitlist-fits">
      <h3 id="waitlist-fits-title">{t('waitingForThisTime')}</h3>
      <ul>
        {fits.data.map((fit) => (
          <li key={fit.id}>
            <span>
              <strong>{fit.client.name}</strong> · {fit.service.name} · {fit.staffName ?? t('anyoneLower')}
              <span className="muted">{t('canCome2', { window: windowWording(fit) })}</span>
            </span>
            <button type="button" className="button small primary" disabled={locked || busy} onClick={() => void book(fit)}>
              {t('bookWith', { clock: localClockOf(fit.offer.startsAt, props.zone), staffName: fit.offer.staffName })}
            </button>
          </li>
        ))}
      </ul>
      <ErrorNotice error={error} />
    </section>
  );
}
