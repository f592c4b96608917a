import { useEffect, useState } from 'react';
import { formatLocalDate, localDateOf } from '../../src-shared/time';
import { queryClient } from '../api/client';
import { commands, newKey, type CommandResult } from '../api/commands';
import { envelopeOf, type Envelope } from '../api/errors';
import { useOnServer, useWritesLocked } from '../api/hooks';
import type { DayAppointment } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { ClientAlerts } from '../components/ClientAlerts';
import { HistoryTimeline, RecordAnyway } from '../components/HistoryTimeline';
import { BookAnyway } from './stock/BookAnyway';
import { badgeOf, timeRange } from '../format';
import { refreshAll, runAction } from '../state/actions';
import { useDesk } from '../state/desk';
import { confirmedWording } from '../state/wording';
import { SeriesFact } from './RepeatPicker';
import { WaitlistFits } from './WaitlistFits';
import { BookAgain } from './BookAgain';
import { VisitActions, VisitFact } from './VisitSegments';
import { isTooLong, LengthLimit, textLimits } from '../components/LengthLimit';
import { StepButton, VisitFacts, VisitSteps } from './VisitSteps';
import { SubmitForm } from '../components/SubmitForm';
import { DrawerPanel } from '../components/DrawerPanel';
import { AppointmentMessages } from './messages/AppointmentMessages';
import { FormsMissingTag } from './forms/FormsMissingTag';
import { VisitForms } from './forms/VisitForms';
import { clientReplyWords } from './messages/ClientReply';
import { useT } from '../i18n';
import { shownName } from '../clientNames';

interface Failure {
  envelope: Envelope;
  /** Apply my change again on the given (latest) version. */
  redo: (version: number) => Promise<unknown>;
  /** The same change with the person's "Record it anyway" (its start has already passed). */
  recordAnyway?: () => Promise<unknown>;
  /** The same change with the person's "Book anyway" (a product the visit uses is out of stock, docs/architecture.md §25). */
  bookAnyway?: () => Promise<unknown>;
}

export function Drawer(props: { appointment: DayAppointment; zone: string }) {
  const { t } = useT('drawer');
  const { appointment, zone } = props;
  const select = useDesk((state) => state.select);
  const openDialog = useDesk((state) => state.openDialog);
  const intent = useDesk((state) => state.intents.find((item) => item.entityId === appointment.id));
  const locked = useWritesLocked();
  const [notes, setNotes] = useState(appointment.notes);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const onServer = useOnServer(appointment.syncState === 'confirmed' ? [] : [appointment.id]).get(appointment.id);
  const badge = badgeOf(appointment, intent, onServer);
  const needsReview = appointment.syncState === 'conflict' || appointment.syncState === 'rejected' || appointment.syncState === 'failed';

  useEffect(() => {
    setNotes(appointment.notes);
  }, [appointment.id, appointment.notes]);

  const perform = async (
    label: string,
    success: string,
    call: (key: string, version: number) => Promise<CommandResult>,
    version = appointment.version,
    anyway?: (key: string, version: number) => Promise<CommandResult>,
    short?: (key: string, version: number) => Promise<CommandResult>,
  ) => {
    setFailure(null);
    setBusy(true);
    const key = newKey();
    try {
      await runAction({
        label: `${label} (${shownName(appointment.client.name)})`,
        successMessage: confirmedWording(`${success}: ${shownName(appointment.client.name)}, ${timeRange(appointment.startsAt, appointment.endsAt, zone)}`),
        entityId: appointment.id,
        undoGroup: 'appointment',
        run: () => call(key, version),
      });
    } catch (caught) {
      const envelope = envelopeOf(caught);
      if (!envelope.retryable) {
        setFailure({
          envelope,
          redo: (latest) => perform(label, success, call, latest, anyway, short),
          ...(anyway !== undefined && envelope.code === 'START_IN_PAST' ? { recordAnyway: () => perform(label, success, anyway, version) } : {}),
          ...(short !== undefined && envelope.code === 'OUT_OF_STOCK' ? { bookAnyway: () => perform(label, success, short, version) } : {}),
        });
      }
    } finally {
      setBusy(false);
    }
  };

  const retryOnLatest = async () => {
    if (!failure) return;
    const current = failure.envelope.details?.current as { version?: number } | undefined;
    let version = current?.version;
    if (version === undefined) {
      await refreshAll();
      version = appointment.version;
    }
    await failure.redo(version);
  };

  const disabled = locked || busy;
  const step = { appointmentId: appointment.id, perform };
  const close = () => select(null);
  return (
    <DrawerPanel
      titleId="drawer-title"
      testId="drawer"
      title={shownName(appointment.client.name)}
      closeLabel={t('closeAppointmentDetails')}
      recordId={appointment.id}
      onClose={close}
    >
      <p>
        <span className={`badge tone-${badge.tone}`} data-testid="drawer-badge">
          {badge.label}
        </span>{' '}
        <FormsMissingTag names={appointment.formsMissing} named />
        {needsReview ? (
          <>
            {' '}
            <button type="button" className="link" onClick={() => useDesk.getState().setScreen('recovery')}>
              {t('reviewInTheRecoveryCenter')}
            </button>
          </>
        ) : null}
      </p>
      <ClientAlerts clientId={appointment.clientId} serviceId={appointment.serviceId} visit={appointment.startsAt} />
      <dl className="facts">
        <dt>{t('when')}</dt>
        <dd>
          {formatLocalDate(localDateOf(appointment.startsAt, zone))}, {timeRange(appointment.startsAt, appointment.endsAt, zone)}
        </dd>
        <dt>{t('service')}</dt>
        <dd>
          {t('min', { name: appointment.service.name, durationMin: appointment.service.durationMin })}
        </dd>
        <dt>{t('staff')}</dt>
        <dd>{appointment.staff.name}</dd>
        <dt>{t('phone')}</dt>
        <dd>{appointment.client.phone ?? '—'}</dd>
        <dt>{t('clientSAnswer')}</dt>
        <dd data-testid="client-answer">{clientReplyWords(appointment, zone, Date.now())?.detail ?? t('notHeardYet')}</dd>
        {appointment.seriesId === null ? null : <SeriesFact seriesId={appointment.seriesId} appointmentId={appointment.id} zone={zone} />}
        {appointment.visitId === null ? null : <VisitFact visitId={appointment.visitId} appointmentId={appointment.id} zone={zone} />}
        {appointment.cancelReason ? (
          <>
            <dt>{t('cancelReason')}</dt>
            <dd>{appointment.cancelReason}</dd>
          </>
        ) : null}
      </dl>
      {appointment.status === 'cancelled' ? (
        <WaitlistFits staffId={appointment.staffId} from={appointment.blockStartsAt} to={appointment.blockEndsAt} zone={zone} />
      ) : null}
      <VisitFacts appointment={appointment} zone={zone} />
      {appointment.visitId !== null && appointment.status === 'booked' ? (
        <VisitActions visitId={appointment.visitId} zone={zone} clientName={appointment.client.name} />
      ) : null}
      {appointment.status === 'completed' ? (
        <BookAgain appointmentId={appointment.id} clientName={appointment.client.name} serviceName={appointment.service.name} zone={zone} />
      ) : null}
      {locked ? (
        <p className="notice notice-warn">{t('bookingChangesAreLockedUnsafe')}</p>
      ) : null}
      <div className="actions" role="group" aria-label={t('appointmentActions')}>
        <VisitSteps appointment={appointment} zone={zone} disabled={disabled} perform={perform} />
        {appointment.status === 'booked' ? (
          <>
            <button type="button" className="button" disabled={disabled} onClick={() => openDialog({ kind: 'reschedule', appointmentId: appointment.id })}>
              {t('reschedule')}
            </button>
            <button type="button" className="button" disabled={disabled} onClick={() => openDialog({ kind: 'cancel', appointmentId: appointment.id })}>
              {t('cancelAppointment')}
            </button>
            {appointment.clientConfirmedAt === null ? (
              <button
                type="button"
                className="button"
                disabled={disabled}
                onClick={() =>
                  void perform(t('noteThatTheClientIs'), t('notedClientComingByPhone'), (key, version) =>
                    commands.appointment.recordClientConfirmation({ idempotencyKey: key, id: appointment.id, expectedVersion: version, via: 'phone' }),
                  )
                }
              >
                {t('clientSaidByPhoneThey')}
              </button>
            ) : null}
            <StepButton
              {...step}
              op="markNoShow"
              label={t('markAsNoShow')}
              success={t('markedAsNoShow')}
              disabled={disabled || appointment.startsAt > Date.now()}
              title={appointment.startsAt > Date.now() ? t('aNoShowCanBe') : undefined}
            >
              {t('markNoShow')}
            </StepButton>
          </>
        ) : null}
        {appointment.status === 'cancelled' ? (
          <button
            type="button"
            className="button primary"
            disabled={disabled}
            onClick={() =>
              void perform(
                t('restoreAppointment'),
                t('restored'),
                (key, version) => commands.appointment.restore({ idempotencyKey: key, id: appointment.id, expectedVersion: version }),
                appointment.version,
                (key, version) => commands.appointment.restore({ idempotencyKey: key, id: appointment.id, expectedVersion: version, allowPast: true }),
                (key, version) => commands.appointment.restore({ idempotencyKey: key, id: appointment.id, expectedVersion: version, allowShortage: true }),
              )
            }
          >
            {t('restoreAppointment')}
          </button>
        ) : null}
        {appointment.status === 'held' ? (
          <>
            <StepButton {...step} op="confirmHold" label={t('confirmTheBooking')} success={t('holdConfirmedBooked')} primary disabled={disabled}>
              {t('confirmBooking')}
            </StepButton>
            <StepButton {...step} op="releaseHold" label={t('releaseTheHold')} success={t('holdReleasedTheTimeIs')} disabled={disabled}>
              {t('releaseHold')}
            </StepButton>
          </>
        ) : null}
        {appointment.status === 'no_show' ? (
          <StepButton {...step} op="clearNoShow" label={t('clearNoShow')} success={t('noShowCleared')} disabled={disabled}>
            {t('clearNoShow')}
          </StepButton>
        ) : null}
      </div>
      <ErrorNotice
        error={failure?.envelope ?? null}
        onRefresh={() =>
          void queryClient.invalidateQueries().then(() => {
            setFailure(null);
          })
        }
        onRetry={() => void retryOnLatest()}
        onDismiss={() => setFailure(null)}
        extra={
          failure?.recordAnyway ? (
            <RecordAnyway onChoose={() => void failure.recordAnyway?.()} />
          ) : failure?.bookAnyway ? (
            <BookAnyway onChoose={() => void failure.bookAnyway?.()} />
          ) : null
        }
      />
      <SubmitForm
        className="notes-form"
        onSubmit={() => {
          const text = notes;
          void perform(t('editNotes'), t('notesSaved'), (key, version) =>
            commands.appointment.updateNotes({ idempotencyKey: key, id: appointment.id, expectedVersion: version, notes: text }),
          );
        }}
      >
        <label htmlFor="drawer-notes">{t('notes')}</label>
        <textarea id="drawer-notes" rows={3} value={notes} aria-describedby="drawer-notes-limit" onChange={(event) => setNotes(event.target.value)} />
        <LengthLimit id="drawer-notes-limit" value={notes} max={textLimits.notes} />
        <button type="submit" className="button" disabled={disabled || notes === appointment.notes || isTooLong(notes, textLimits.notes)}>
          {t('saveNotes')}
        </button>
      </SubmitForm>
      <VisitForms
        visit={{ appointmentId: appointment.id, clientId: appointment.clientId, clientName: appointment.client.name, serviceName: appointment.service.name, startsAt: appointment.startsAt, zone }}
        status={appointment.status}
        locked={locked}
      />
      <AppointmentMessages appointmentId={appointment.id} zone={zone} locked={locked} />
      <HistoryTimeline entityType="appointment" record={appointment} name={appointment.client.name} />
    </DrawerPanel>
  );
}
