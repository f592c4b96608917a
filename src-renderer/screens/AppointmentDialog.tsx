import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useRef, useState } from 'react';
import { addDays, clockMinutes, clockOfMinutes, EARLIEST_DATE, formatLocalDate, isSupportedDate, LATEST_DATE, localClockOf, localDateOf, localTimeToInstant, todayIn } from '../../src-shared/time';
import { client as deskApi, trpc } from '../api/client';
import { commands, newKey } from '../api/commands';
import { envelopeOf, type Envelope } from '../api/errors';
import { useServices, useSettings, useStaff } from '../api/hooks';
import type { ClientRow, DayAppointment } from '../api/types';
import { Dialog } from '../components/Dialog';
import { ErrorNotice } from '../components/ErrorNotice';
import { passedStartLabel } from '../format';
import { refreshAll, runAction } from '../state/actions';
import { useDesk } from '../state/desk';
import { confirmedWording } from '../state/wording';
import { StaffSelect } from '../components/StaffSelect';
import { segmentStarts, VisitSegments, type ExtraService } from './VisitSegments';
import { noRepeat, RepeatPicker, repeatOf, SeriesReport, type RepeatChoice, type SeriesOutcome } from './RepeatPicker';
import { isTooLong, LengthLimit, textLimits } from '../components/LengthLimit';
import { ClientAlerts } from '../components/ClientAlerts';
import { SubmitForm } from '../components/SubmitForm';
import { useAttempt } from '../components/useAttempt';
import { FormFooter } from '../components/FormFooter';
import { useT, screenT } from '../i18n';
import { CheckField } from '../components/CheckField';
import { DateField, TimeField } from '../components/DateTimeFields';
import { shownName } from '../clientNames';

export function ClientPicker(props: { value: ClientRow | null; onChange: (client: ClientRow | null) => void }) {
  const { t } = useT('booking');
  const [query, setQuery] = useState('');
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const { busy: saving, error, attempt } = useAttempt();
  const listId = useId();
  const results = useQuery(trpc.clients.search.queryOptions({ query, limit: 8 }, { enabled: query.trim().length > 0 && !creating }));

  if (props.value) {
    return (
      <div className="picked">
        <span>
          <strong>{shownName(props.value.name)}</strong> {props.value.phone ? <span className="muted">· {props.value.phone}</span> : null}
        </span>
        <button type="button" className="button small" onClick={() => props.onChange(null)}>
          {t('changeClient')}
        </button>
      </div>
    );
  }
  if (creating) {
    const save = async () => {
      const id = crypto.randomUUID();
      await attempt(async () => {
        await commands.client.create({ idempotencyKey: newKey(), id, name: name.trim(), ...(phone.trim() ? { phone: phone.trim() } : {}) });
        void refreshAll();
        props.onChange({ id, name: name.trim(), phone: phone.trim() || null, email: null, notes: '', version: 1, createdAt: 0, updatedAt: 0, deletedAt: null });
        setCreating(false);
      });
    };
    return (
      <fieldset className="quick-create">
        <legend>{t('newClient')}</legend>
        <div className="row">
          <label>
            {t('name')}
            <input value={name} onChange={(event) => setName(event.target.value)} required autoComplete="off" />
          </label>
          <label>
            {t('phoneOptional')}
            <input value={phone} onChange={(event) => setPhone(event.target.value)} inputMode="tel" autoComplete="off" />
          </label>
        </div>
        <ErrorNotice error={error} />
        <div className="row">
          <button type="button" className="button primary" disabled={saving || name.trim() === ''} onClick={() => void save()}>
            {t('addClient')}
          </button>
          <button type="button" className="button ghost" onClick={() => setCreating(false)}>
            {t('backToSearch')}
          </button>
        </div>
      </fieldset>
    );
  }
  return (
    <div className="client-search">
      <label htmlFor={`${listId}-input`}>{t('client')}</label>
      <input
        id={`${listId}-input`}
        type="search"
        placeholder={t('typeANameOrPhone')}
        value={query}
        autoComplete="off"
        aria-controls={listId}
        onChange={(event) => setQuery(event.target.value)}
      />
      <ul id={listId} className="search-results" aria-label={t('matchingClients')}>
        {(results.data ?? []).map((client) => (
          <li key={client.id}>
            <button type="button" className="result" onClick={() => props.onChange(client)}>
              <strong>{shownName(client.name)}</strong> <span className="muted">{client.phone ?? ''}</span>
            </button>
          </li>
        ))}
        {query.trim() !== '' && results.data && results.data.length === 0 ? <li className="muted">{t('noClientMatches', { query })}</li> : null}
      </ul>
      <button
        type="button"
        className="button small"
        onClick={() => {
          setName(/\d/.test(query) ? '' : query);
          setPhone(/\d/.test(query) ? query : '');
          setCreating(true);
        }}
      >
        {query.trim() && !/\d/.test(query) ? t('newClient2', { query: query.trim() }) : t('newClient')}
      </button>
    </div>
  );
}

/**
 * New appointment, or reschedule (by form) of an existing one. A reschedule may arrive with the
 * time and staff member it was dropped on (a drop onto a time that has passed asks here).
 */
export function AppointmentDialog(props: { mode: 'new' | 'reschedule'; appointment?: DayAppointment; staffId?: string; startsAt?: number; date?: string }) {
  const { t } = useT('booking');
  const close = useDesk((state) => state.closeDialog);
  const select = useDesk((state) => state.select);
  const settings = useSettings().data;
  const zone = settings?.timeZone ?? 'UTC';
  const staff = (useStaff().data ?? []).filter((member) => member.active);
  const services = (useServices().data ?? []).filter((service) => !service.archived);
  const existing = props.appointment;
  const initialStart = props.startsAt ?? existing?.startsAt;
  const [client, setClient] = useState<ClientRow | null>(
    existing ? { ...existing.client, email: null, notes: '', version: 1, createdAt: 0, updatedAt: 0, deletedAt: null } : null,
  );
  const [serviceId, setServiceId] = useState(existing?.serviceId ?? '');
  const [staffId, setStaffId] = useState(props.staffId ?? existing?.staffId ?? '');
  const [date, setDate] = useState(initialStart ? localDateOf(initialStart, zone) : (props.date ?? useDesk.getState().date ?? todayIn(zone, Date.now())));
  const [time, setTime] = useState(initialStart ? localClockOf(initialStart, zone) : '');
  const [notes, setNotes] = useState('');
  const [allowOutside, setAllowOutside] = useState(false);
  const [allowOutsideSchedule, setAllowOutsideSchedule] = useState(false);
  const [allowPast, setAllowPast] = useState(false);
  const [error, setError] = useState<Envelope | null>(null);
  const [saving, setSaving] = useState(false);
  const [repeatChoice, setRepeatChoice] = useState<RepeatChoice>(noRepeat);
  const [extras, setExtras] = useState<ExtraService[]>([]);
  // Pencil the time in instead of booking it (a client who will call back): for how long, or null to book.
  const [holdMinutes, setHoldMinutes] = useState<number | null>(null);
  const [seriesOutcome, setSeriesOutcome] = useState<SeriesOutcome | null>(null);
  const key = useRef(newKey());
  const id = useRef(crypto.randomUUID());
  const dateProblemId = useId();

  const service = services.find((item) => item.id === serviceId) ?? (existing ? { id: existing.serviceId, name: existing.service.name, durationMin: existing.service.durationMin } : undefined);
  const member = staff.find((item) => item.id === staffId);
  // Only the people who do the chosen service (and whoever is already chosen, so a change shows).
  const performedBy = services.find((item) => item.id === service?.id)?.performedBy ?? null;
  const offered = performedBy === null ? staff : staff.filter((item) => item.id === staffId || performedBy.some((skill) => skill.staffId === item.id));
  const slots = useQuery(
    trpc.appointments.freeSlots.queryOptions(
      { date, staffId, serviceId: service?.id ?? '', stepMin: 15, ...(existing ? { ignoreAppointmentId: existing.id } : {}) },
      { enabled: staffId !== '' && service !== undefined && isSupportedDate(date) },
    ),
  );
  const suggestions = useMemo(() => (slots.data ?? []).slice(0, 24), [slots.data]);
  // The same finder across everyone who does the service, from the chosen day (from now for today).
  const next = useQuery(
    trpc.appointments.nextAvailable.queryOptions(
      { serviceId: service?.id ?? '', ...(isSupportedDate(date) ? { date } : {}), limit: 6, stepMin: 15, ...(existing ? { ignoreAppointmentId: existing.id } : {}) },
      { enabled: service !== undefined },
    ),
  );
  const today = todayIn(zone, Date.now());
  // Said before anything is sent: the shop's records only hold the years 2000 to 2100.
  const dateProblem = date !== '' && !isSupportedDate(date) ? t('chooseADateBetween1') : null;
  const visitStarts = segmentStarts({ serviceId: service?.id ?? '', staffId, date, time }, extras, services, zone);
  const ready = client !== null && service !== undefined && staffId !== '' && /^\d{2}:\d{2}$/.test(time) && date !== '' && dateProblem === null &&
    // A repeat that ends "on" a date needs the date before anything is booked.
    (repeatChoice.everyWeeks === 0 || repeatOf(repeatChoice) !== null) &&
    // Every further service of a visit needs its service and person.
    (extras.length === 0 || visitStarts !== null);
  const chosenStart =
    dateProblem === null && /^\d{4}-\d{2}-\d{2}$/.test(date) && /^\d{2}:\d{2}$/.test(time) ? localTimeToInstant(date, time, zone) : null;
  // Keeping the start of an appointment already under way (e.g. a change of staff) is not a new start.
  const passed =
    chosenStart === null || chosenStart === existing?.startsAt ? null : passedStartLabel(chosenStart, Date.now(), zone);
  const needsPastChoice = passed !== null && !allowPast;

  const submit = async () => {
    if (!ready || !client || !service || !member) return;
    setSaving(true);
    setError(null);
    const startsAt = localTimeToInstant(date, time, zone);
    const endsAt = startsAt + service.durationMin * 60_000;
    const repeat = repeatOf(repeatChoice);
    try {
      if (props.mode === 'new' && extras.length > 0 && visitStarts !== null) {
        // Several services as one visit: all booked by the desk in one go, or none.
        const noteText = notes.trim();
        const visit = await deskApi.appointments.bookVisit.mutate({
          idempotencyKey: key.current,
          clientId: client.id,
          segments: visitStarts,
          ...(noteText ? { notes: noteText } : {}),
          ...(allowOutside ? { allowOutsideHours: true } : {}),
          ...(allowOutsideSchedule ? { allowOutsideSchedule: true } : {}),
        });
        void refreshAll();
        useDesk.getState().setDate(date);
        const nameOf = (list: readonly { id: string; name: string }[], id: string) => list.find((item) => item.id === id)?.name ?? '';
        useDesk.getState().pushToast({
          message: t('bookedVisitFor', {
            name: client.name,
            bookings: visit.bookings
              .map((booking) => t('visitPart', { service: nameOf(services, booking.serviceId), clock: localClockOf(booking.startsAt, zone), staff: nameOf(staff, booking.staffId) }))
              .join(', '),
          }),
          tone: 'success',
        });
        select(visit.bookings[0]?.id ?? null);
      } else if (props.mode === 'new' && repeat !== null) {
        // A standing appointment: every visit is booked by the desk on its own, refusals come back by date.
        const noteText = notes.trim();
        const outcome = await deskApi.appointments.bookSeries.mutate({
          idempotencyKey: key.current,
          clientId: client.id,
          staffId,
          serviceId: service.id,
          startsAt,
          repeat,
          ...(noteText ? { notes: noteText } : {}),
          ...(allowOutside ? { allowOutsideHours: true } : {}),
          ...(allowOutsideSchedule ? { allowOutsideSchedule: true } : {}),
        });
        void refreshAll();
        useDesk.getState().setDate(date);
        const every = repeat.everyWeeks === 1 ? t('everyWeek') : t('everyWeeks', { everyWeeks: repeat.everyWeeks });
        useDesk.getState().pushToast({
          message: t('bookedVisitsForAtWith', { length: outcome.done.length, name: client.name, every, time, name2: member.name }),
          tone: 'success',
        });
        if (outcome.missed.length > 0) {
          setSeriesOutcome(outcome);
          return;
        }
      } else if (props.mode === 'new') {
        const requestKey = key.current;
        const appointmentId = id.current;
        const noteText = notes.trim();
        await runAction({
          label: t('newAppointmentWith', { name: client.name, date, time, name2: member.name }),
          successMessage:
            holdMinutes === null
              ? confirmedWording(
                  t('bookedAtWith', { name: client.name, time, name2: member.name }),
                  t('newBookingAtWith', { name: client.name, time, name2: member.name }),
                )
              : confirmedWording(t('heldWithFor', { time, name: member.name, name2: client.name, hold: holdWording(holdMinutes) })),
          entityId: appointmentId,
          undoGroup: 'appointment',
          ghost: { date, staffId, startsAt, endsAt, clientName: client.name, serviceName: service.name },
          run: () =>
            commands.appointment.create({
              idempotencyKey: requestKey,
              id: appointmentId,
              clientId: client.id,
              staffId,
              serviceId: service.id,
              startsAt,
              ...(noteText ? { notes: noteText } : {}),
              ...(allowOutside ? { allowOutsideHours: true } : {}),
              ...(allowOutsideSchedule ? { allowOutsideSchedule: true } : {}),
              ...(allowPast ? { allowPast: true } : {}),
              ...(holdMinutes === null ? {} : { holdMinutes }),
            }),
        });
        useDesk.getState().setDate(date);
      } else if (existing) {
        const requestKey = newKey();
        await runAction({
          label: t('moveTo', { name: client.name, date, time }),
          successMessage: confirmedWording(t('movedToWith', { name: client.name, time, name2: member.name })),
          entityId: existing.id,
          undoGroup: 'appointment',
          run: async () => {
            const moved = await commands.appointment.reschedule({
              idempotencyKey: requestKey,
              id: existing.id,
              expectedVersion: existing.version,
              ...(startsAt !== existing.startsAt ? { startsAt } : {}),
              ...(staffId !== existing.staffId ? { staffId } : {}),
              ...(allowOutside ? { allowOutsideHours: true } : {}),
              ...(allowOutsideSchedule ? { allowOutsideSchedule: true } : {}),
              ...(allowPast ? { allowPast: true } : {}),
            });
            return moved;
          },
        });
        useDesk.getState().setDate(date);
        select(existing.id);
      }
      close();
    } catch (caught) {
      const envelope = envelopeOf(caught);
      if (envelope.retryable) {
        // Kept in the pending tray with Retry; the card says Failed — retry.
        close();
      } else {
        key.current = newKey();
        setError(envelope);
      }
    } finally {
      setSaving(false);
    }
  };

  if (seriesOutcome !== null && client !== null) {
    return (
      <Dialog title={t('repeatingAppointment')} onClose={close} wide>
        <SeriesReport outcome={seriesOutcome} zone={zone} clientName={client.name} onDone={close} />
      </Dialog>
    );
  }

  return (
    <Dialog title={props.mode === 'new' ? t('newAppointment') : t('reschedule', { name: existing?.client.name ?? '' })} onClose={close} wide>
      <SubmitForm className="form" onSubmit={submit}>
        {props.mode === 'new' ? <ClientPicker value={client} onChange={setClient} /> : null}
        {client ? <ClientAlerts clientId={client.id} serviceId={service?.id} visit={chosenStart ?? (dateProblem === null ? date : null)} /> : null}
        <div className="row">
          <label>
            {t('service')}
            <select value={service?.id ?? ''} onChange={(event) => setServiceId(event.target.value)} disabled={props.mode === 'reschedule'} required>
              <option value="">{t('chooseAService')}</option>
              {services.map((item) => (
                <option key={item.id} value={item.id}>
                  {t('min', { name: item.name, durationMin: item.durationMin })}
                </option>
              ))}
            </select>
          </label>
          <StaffSelect value={staffId} onChange={setStaffId} staff={offered} />
        </div>
        <div className="row">
          <label>
            {t('date')}
            <DateField
              value={date}
              min={EARLIEST_DATE}
              max={LATEST_DATE}
              aria-invalid={dateProblem !== null}
              aria-describedby={dateProblem === null ? undefined : dateProblemId}
              onChange={setDate}
              required
            />
          </label>
          <label>
            {t('time')}
            <TimeField value={time} stepMinutes={5} onChange={setTime} required />
          </label>
          <p className="duration" aria-live="polite">
            {service ? t('minEnds', { durationMin: service.durationMin, value: time ? endClock(time, service.durationMin) : '—' }) : t('pickAServiceToSee')}
          </p>
        </div>
        {dateProblem === null ? null : (
          <p id={dateProblemId} className="notice notice-error" role="alert">
            {dateProblem}
          </p>
        )}
        <fieldset className="slots">
          <legend>{t('freeTimes')}{member ? t('for', { name: member.name }) : ''}</legend>
          {staffId === '' || !service ? <p className="muted">{t('chooseAServiceAndStaff')}</p> : null}
          {slots.isLoading ? <p className="muted">{t('lookingForFreeTimes')}</p> : null}
          {slots.data && suggestions.length === 0 ? <p className="muted">{t('noFreeTimeLeftOn')}</p> : null}
          <div className="slot-chips">
            {suggestions.map((slot) => {
              const value = localClockOf(slot.startsAt, zone);
              return (
                <button
                  key={slot.startsAt}
                  type="button"
                  className="chip"
                  aria-pressed={value === time}
                  aria-label={t('freeAt', { value })}
                  onClick={() => setTime(value)}
                >
                  {value}
                </button>
              );
            })}
          </div>
        </fieldset>
        <fieldset className="slots">
          <legend>{t('nextAvailableWithAnyone')}</legend>
          {!service ? <p className="muted">{t('chooseAServiceToSee')}</p> : null}
          {next.isLoading ? <p className="muted">{t('lookingForTheNextFree')}</p> : null}
          {service && next.data && next.data.length === 0 ? (
            <p className="muted">{t('nobodyWhoDoesIsFree', { name: service.name })}</p>
          ) : null}
          <div className="slot-chips" data-testid="next-available">
            {(next.data ?? []).map((slot) => {
              const day = localDateOf(slot.startsAt, zone);
              const value = localClockOf(slot.startsAt, zone);
              const when = `${dayLabel(day, today)} ${value}`;
              return (
                <button
                  key={`${slot.staffId}-${slot.startsAt}`}
                  type="button"
                  className="chip"
                  aria-pressed={slot.staffId === staffId && day === date && value === time}
                  aria-label={t('free', { staffName: slot.staffName, when })}
                  onClick={() => {
                    setStaffId(slot.staffId);
                    setDate(day);
                    setTime(value);
                  }}
                >
                  {slot.staffName} · {when}
                </button>
              );
            })}
          </div>
        </fieldset>
        {props.mode === 'new' && repeatChoice.everyWeeks === 0 ? (
          <VisitSegments value={extras} onChange={setExtras} starts={visitStarts} services={services} staff={staff} zone={zone} />
        ) : null}
        {props.mode === 'new' && extras.length === 0 && holdMinutes === null ? (
          <RepeatPicker value={repeatChoice} onChange={setRepeatChoice} firstDate={date} />
        ) : null}
        {props.mode === 'new' && extras.length === 0 && repeatChoice.everyWeeks === 0 ? <HoldChoice value={holdMinutes} onChange={setHoldMinutes} /> : null}
        {props.mode === 'new' ? (
          <label>
            {t('notesOptional')}
            <textarea rows={2} value={notes} aria-describedby="new-notes-limit" onChange={(event) => setNotes(event.target.value)} />
          </label>
        ) : null}
        {props.mode === 'new' ? <LengthLimit id="new-notes-limit" value={notes} max={textLimits.notes} /> : null}
        {error?.code === 'OUTSIDE_SCHEDULE' || allowOutsideSchedule ? (
          <CheckField
            label={t('bookAnywayOutsideHours', { firstName: firstName(member?.name) })}
            checked={allowOutsideSchedule}
            onChange={setAllowOutsideSchedule}
          />
        ) : null}
        {error?.code === 'OUTSIDE_OPENING_HOURS' || allowOutside ? (
          <CheckField label={t('bookItAnywayAsAn')} checked={allowOutside} onChange={setAllowOutside} />
        ) : null}
        {passed !== null || error?.code === 'START_IN_PAST' ? (
          <div className="notice notice-warn" data-testid="past-start">
            <p className="notice-text">
              {t('hasAlreadyPassedToRecord', { passed: passed ?? time })}
            </p>
            <CheckField label={t('recordItAnywayTheVisit')} checked={allowPast} onChange={setAllowPast} />
          </div>
        ) : null}
        <ErrorNotice error={error?.code === 'START_IN_PAST' && allowPast ? null : error} onRefresh={() => void refreshAll().then(() => close())} />
        <FormFooter
          backLabel={saving ? t('closeKeepSaving') : t('discard')}
          onBack={close}
          submitLabel={saving ? t('saving') : props.mode === 'new' ? (extras.length > 0 ? t('bookVisit') : holdMinutes !== null ? t('holdTime') : repeatOf(repeatChoice) === null ? t('bookAppointment') : t('bookVisits')) : t('moveAppointment')}
          disabled={!ready || saving || needsPastChoice || isTooLong(notes, textLimits.notes)}
        />
      </SubmitForm>
    </Dialog>
  );
}

/** "Priya's" for Priya Shah: the book-anyway choice names the person as a receptionist would. */
function firstName(name: string | undefined): string {
  const t = screenT('booking');
  return name === undefined ? t('theStaffMemberS') : t('possessiveOf', { name: name.split(' ')[0] ?? name });
}

/** "Today", "Tomorrow" or "Thu 4 Jun": the day of a next-available time, short enough for a chip. */
function dayLabel(date: string, today: string): string {
  const t = screenT('booking');
  if (date === today) return t('today');
  if (date === addDays(today, 1)) return t('tomorrow');
  const [weekday = '', day = '', month = ''] = formatLocalDate(date).split(' ');
  return `${weekday.slice(0, 3)} ${day} ${month.slice(0, 3)}`;
}

function endClock(time: string, minutes: number): string {
  return clockOfMinutes((clockMinutes(time) + minutes) % (24 * 60));
}

export function CancelDialog(props: { appointment: DayAppointment; zone: string }) {
  const { t } = useT('booking');
  const close = useDesk((state) => state.closeDialog);
  const [reason, setReason] = useState('');
  const { busy: saving, error, attemptChange } = useAttempt();
  const [following, setFollowing] = useState(false);
  const { appointment } = props;
  const reasons = [t('clientCalledToCancel'), t('clientUnwell'), t('staffUnavailable'), t('bookedByMistake')];
  const submit = async () => {
    const key = newKey();
    const outcome = await attemptChange(async () => {
      if (following) {
        const series = await deskApi.appointments.cancelFollowing.mutate({ idempotencyKey: key, id: appointment.id, reason: reason.trim() });
        void refreshAll();
        const missed = series.missed.length === 0 ? '' : t('couldNotBeCancelled', { length: series.missed.length, map: series.missed.map((miss) => miss.message).join(' ') });
        useDesk.getState().pushToast({
          message: t('cancelledVisitsOfFromOn', { length: series.done.length, name: appointment.client.name, clock: localClockOf(appointment.startsAt, props.zone), missed }),
          tone: series.missed.length === 0 ? 'success' : 'error',
        });
        return;
      }
      await runAction({
        label: t('cancel', { name: appointment.client.name, clock: localClockOf(appointment.startsAt, props.zone) }),
        successMessage: confirmedWording(t('cancelled2', { name: appointment.client.name, clock: localClockOf(appointment.startsAt, props.zone) })),
        entityId: appointment.id,
        undoGroup: 'appointment',
        run: () => commands.appointment.cancel({ idempotencyKey: key, id: appointment.id, expectedVersion: appointment.version, reason: reason.trim() }),
      });
    });
    // A change the pending tray keeps with Retry is not lost: the form closes on it too.
    if (outcome !== 'refused') close();
  };
  return (
    <Dialog title={t('cancelSAppointment', { name: appointment.client.name })} onClose={close}>
      <SubmitForm className="form" onSubmit={submit}>
        <p>
          {t('withAtTheSlotBecomes', { name: appointment.service.name, name2: appointment.staff.name, clock: localClockOf(appointment.startsAt, props.zone) })}
        </p>
        {appointment.seriesId === null ? null : (
          <div role="radiogroup" aria-label={t('whichVisits')} className="repeat-ends">
            <label className="check">
              <input type="radio" name="which-visits" checked={!following} onChange={() => setFollowing(false)} />
              {t('onlyThisVisit')}
            </label>
            <label className="check">
              <input type="radio" name="which-visits" checked={following} onChange={() => setFollowing(true)} />
              {t('thisAndAllFollowingVisits')}
            </label>
          </div>
        )}
        <label>
          {t('reasonRequired')}
          <textarea rows={2} value={reason} onChange={(event) => setReason(event.target.value)} required aria-describedby="cancel-reason-limit" data-autofocus />
        </label>
        <LengthLimit id="cancel-reason-limit" value={reason} max={textLimits.reason} />
        <div className="slot-chips" role="group" aria-label={t('commonReasons')}>
          {reasons.map((item) => (
            <button key={item} type="button" className="chip" aria-pressed={reason === item} onClick={() => setReason(item)}>
              {item}
            </button>
          ))}
        </div>
        <ErrorNotice error={error} onRefresh={() => void refreshAll().then(() => close())} />
        <FormFooter
          backLabel={t('keepAppointment')}
          onBack={close}
          submitLabel={saving ? t('saving') : t('cancelAppointment')}
          disabled={saving || reason.trim() === '' || isTooLong(reason, textLimits.reason)}
          danger
        />
      </SubmitForm>
    </Dialog>
  );
}

const holdLengths = [60, 4 * 60, 24 * 60, 2 * 24 * 60, 7 * 24 * 60];

/** "for 4 hours", "for 2 days": how long a time is held. */
function holdWording(minutes: number): string {
  const t = screenT('booking');
  if (minutes < 24 * 60) return minutes === 60 ? t('for1Hour') : t('forHours', { value: minutes / 60 });
  const days = minutes / (24 * 60);
  return days === 1 ? t('for1Day') : days === 7 ? t('forAWeek') : t('forDays', { days });
}

/** Book the time, or pencil it in for a client who will call back: held for a while, then booked, released or run out. */
function HoldChoice(props: { value: number | null; onChange: (minutes: number | null) => void }) {
  const { t } = useT('booking');
  return (
    <label>
      {t('bookOrHold')}
      <select value={props.value ?? ''} onChange={(event) => props.onChange(event.target.value === '' ? null : Number(event.target.value))}>
        <option value="">{t('bookItNow')}</option>
        {holdLengths.map((minutes) => (
          <option key={minutes} value={minutes}>
            {t('holdItTheClientWill', { hold: holdWording(minutes) })}
          </option>
        ))}
      </select>
    </label>
  );
}
