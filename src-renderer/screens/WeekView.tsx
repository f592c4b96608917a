import type { ParseKeys } from 'i18next';
import { useQuery } from '@tanstack/react-query';
import { shownFormat } from '../../src-shared/locale/format';
import { memo, useMemo, type DragEvent } from 'react';
import { holdsTime } from '../../src-shared/entities';
import { clockOfMinutes, formatLocalDate, localDateOf, minutesIntoLocalDay, todayIn } from '../../src-shared/time';
import { trpc } from '../api/client';
import type { DayAppointment, WeekView as Week } from '../api/types';
import { clock, timeRange } from '../format';
import { useDesk, type Intent } from '../state/desk';
import { AlertIcon, withAllergy } from '../components/ClientAlerts';
import { blockLabels, ColumnTime, GridBody, PlacedBookings, PX_PER_MIN, moveByDrop, offStretches, place, useScheduleState } from './DayView';
import { NamedOptions } from '../components/Options';
import { Dot } from '../components/Dot';
import { useT } from '../i18n';
import { shownName } from '../clientNames';

/**
 * The week (issue 11): one staff member's seven days as columns, or the whole team compact (a
 * row per person, a cell per day with the day's count and a bar per booking). Cards move by
 * dragging, through the same reschedule and undo as the day view. Weeks start on the shop's first day of the week.
 */

type WeekStaff = Week['staff'][number];
type WeekDay = Week['days'][number];

const SNAP_MIN = 15;
/** A visit's stage in a team cell's bar label (the bar is too small for the card's tag). */
const weekStageWords: Partial<Record<DayAppointment['status'], ParseKeys<'week'>>> = {
  arrived: 'stageArrived',
  in_service: 'stageInTheChair',
  completed: 'stageDone',
  held: 'stageHeld',
};
const DRAG_TYPE = 'application/x-caredesk-appointment';
const GRAB_TYPE = 'application/x-caredesk-grab';

const shortDay = (date: string) => shownFormat().shortDay(date);

/** Minutes into its own day of an instant, clipped to that day. */
function minutesOn(instant: number, day: WeekDay, zone: string): number {
  if (instant <= day.dayStart) return 0;
  if (instant >= day.dayEnd) return 24 * 60;
  return minutesIntoLocalDay(instant, zone);
}

/** The hours every day of the week shares on screen: opening hours, working time and bookings, on whole hours. */
function weekRange(week: Week): { start: number; end: number } {
  let start = Infinity;
  let end = -Infinity;
  const widen = (from: number, to: number) => {
    start = Math.min(start, from);
    end = Math.max(end, to);
  };
  for (const [index, day] of week.days.entries()) {
    for (const hours of day.openingHours) widen(minutesOn(hours.opensAt, day, week.timeZone), minutesOn(hours.closesAt, day, week.timeZone) || 24 * 60);
    for (const member of week.staff) {
      for (const stretch of member.days[index]?.working ?? []) widen(minutesOn(stretch.start, day, week.timeZone), minutesOn(stretch.end, day, week.timeZone));
    }
  }
  for (const appointment of week.appointments) {
    const from = minutesIntoLocalDay(appointment.blockStartsAt, week.timeZone);
    widen(from, from + Math.round((appointment.blockEndsAt - appointment.blockStartsAt) / 60_000));
  }
  if (!Number.isFinite(start)) return { start: 9 * 60, end: 18 * 60 };
  return { start: Math.floor(start / 60) * 60, end: Math.min(24 * 60, Math.ceil(end / 60) * 60) };
}

/** Open the booking in the day view: its details and every action live there. */
function openInDay(appointment: DayAppointment, zone: string) {
  const desk = useDesk.getState();
  desk.setDate(localDateOf(appointment.startsAt, zone));
  desk.setSpan('day');
  desk.select(appointment.id);
}

function dropped(event: DragEvent<HTMLElement>, week: Week): DayAppointment | undefined {
  event.preventDefault();
  const id = event.dataTransfer.getData(DRAG_TYPE);
  return week.appointments.find((item) => item.id === id);
}

function allowDrop(event: DragEvent<HTMLElement>) {
  if (event.dataTransfer.types.includes(DRAG_TYPE)) {
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
  }
}

/** One person's seven days, as the day view draws a day. */
function StaffWeek(props: { week: Week; member: WeekStaff; intents: Map<string, Intent>; locked: boolean; showCancelled: boolean }) {
  const { t } = useT('week');
  const { week, member } = props;
  const zone = week.timeZone;
  const range = useMemo(() => weekRange(week), [week]);
  const byDate = useMemo(() => {
    const map = new Map<string, ReturnType<typeof place>>();
    const lists = new Map<string, DayAppointment[]>();
    for (const appointment of week.appointments) {
      if (appointment.staffId !== member.id || (appointment.status === 'cancelled' && !props.showCancelled)) continue;
      const date = localDateOf(appointment.startsAt, zone);
      lists.set(date, [...(lists.get(date) ?? []), appointment]);
    }
    for (const [date, list] of lists) map.set(date, place(list, zone, range.start));
    return map;
  }, [week, member.id, zone, range.start, props.showCancelled]);
  const hours: number[] = [];
  for (let minute = range.start; minute <= range.end; minute += 60) hours.push(minute);
  const today = todayIn(zone, Date.now());

  const onDrop = (event: DragEvent<HTMLDivElement>, date: string) => {
    const appointment = dropped(event, week);
    if (!appointment) return;
    const grab = Number(event.dataTransfer.getData(GRAB_TYPE)) || 0;
    const rect = event.currentTarget.getBoundingClientRect();
    const raw = range.start + (event.clientY - rect.top - grab) / PX_PER_MIN;
    const minute = Math.max(range.start, Math.round(raw / SNAP_MIN) * SNAP_MIN);
    void moveByDrop(appointment, { date, zone, minute, staffId: member.id, staffName: member.name });
  };

  return (
    <div className="grid-scroll" tabIndex={0} role="region" aria-label={t('theWeekSHours')}>
      <div className="grid week-grid" data-grid-start={range.start} data-px-per-min={PX_PER_MIN}>
        <div className="grid-head">
          <div className="gutter-head" aria-hidden="true" />
          {week.days.map((day) => (
            <div key={day.date} className={`column-head${day.date === today ? ' is-today' : ''}`}>
              <span className="column-name">{shortDay(day.date)}</span>
              <span className="column-count">
                {(byDate.get(day.date) ?? []).filter((placed) => holdsTime(placed.appointment.status)).length}
              </span>
            </div>
          ))}
        </div>
        <GridBody hours={hours} start={range.start} end={range.end}>
          {week.days.map((day, index) => (
            <div
              key={day.date}
              className="column week-day"
              role="group"
              aria-label={t('on', { name: member.name, localDate: formatLocalDate(day.date) })}
              data-testid="week-day-column"
              data-date={day.date}
              onDragOver={allowDrop}
              onDrop={(event) => onDrop(event, day.date)}
            >
              {hours.slice(0, -1).map((minute) => (
                <div
                  key={minute}
                  className="hour-line"
                  ref={(element) => {
                    if (element !== null) element.style.top = `${(minute - range.start) * PX_PER_MIN}px`;
                  }}
                />
              ))}
              <ColumnTime
                member={{ ...member, working: member.days[index]?.working ?? [], blocks: member.days[index]?.blocks ?? [], timeOff: member.days[index]?.timeOff ?? [] }}
                day={{ dayStart: day.dayStart, dayEnd: day.dayEnd, timeZone: zone }}
                start={range.start}
                end={range.end}
                pxPerMin={PX_PER_MIN}
              />
              <PlacedBookings
                placed={byDate.get(day.date) ?? []}
                zone={zone}
                intentOf={(id) => props.intents.get(id)}
                onOpen={(id) => {
                  const appointment = week.appointments.find((item) => item.id === id);
                  if (appointment) openInDay(appointment, zone);
                }}
                locked={props.locked}
              />
            </div>
          ))}
        </GridBody>
      </div>
    </div>
  );
}

/** One booking in the team view: a bar placed by its time of day, draggable to another day or person. */
const MiniBar = memo(function MiniBar(props: { appointment: DayAppointment; zone: string; start: number; span: number; locked: boolean; saving: boolean }) {
  const { t } = useT('week');
  const { appointment, zone } = props;
  const from = minutesIntoLocalDay(appointment.startsAt, zone);
  const length = Math.max(10, Math.round((appointment.endsAt - appointment.startsAt) / 60_000));
  const label = `${timeRange(appointment.startsAt, appointment.endsAt, zone)} ${shownName(appointment.client.name)}, ${appointment.service.name}${appointment.status === 'cancelled' ? t('cancelled') : appointment.status === 'no_show' ? t('noShow') : (appointment.status in weekStageWords ? t(weekStageWords[appointment.status]!) : '')}`;
  return (
    <button
      type="button"
      className={`mini-bar${holdsTime(appointment.status) ? '' : ' inactive'}${props.saving ? ' saving' : ''}`}
      data-testid="week-bar"
      data-appointment-id={appointment.id}
      aria-label={withAllergy(label, appointment.client.allergies)}
      title={withAllergy(label, appointment.client.allergies)}
      draggable={!props.locked && appointment.status === 'booked'}
      ref={(element) => {
        if (element === null) return;
        element.style.left = `${((from - props.start) / props.span) * 100}%`;
        element.style.width = `${Math.max(1.5, (length / props.span) * 100)}%`;
        element.style.background = holdsTime(appointment.status) ? appointment.staff.colour : '';
      }}
      onClick={() => openInDay(appointment, zone)}
      onDragStart={(event) => {
        event.dataTransfer.setData(DRAG_TYPE, appointment.id);
        event.dataTransfer.setData('text/plain', `${appointment.client.name} ${clock(appointment.startsAt, zone)}`);
        event.dataTransfer.effectAllowed = 'move';
      }}
    >
      <AlertIcon allergies={appointment.client.allergies} />
    </button>
  );
});

/** One person's day in the team view: the count, the off time shaded, a bar per booking. */
const TeamCell = memo(function TeamCell(props: {
  week: Week;
  member: WeekStaff;
  index: number;
  list: DayAppointment[];
  start: number;
  end: number;
  locked: boolean;
  saving: Set<string>;
}) {
  const { t } = useT('week');
  const { t: tDay } = useT('day');
  const { week, member, index } = props;
  const day = week.days[index] as WeekDay;
  const zone = week.timeZone;
  const span = props.end - props.start;
  const time = member.days[index];
  const working = (time?.working ?? []).map((stretch) => ({ from: minutesOn(stretch.start, day, zone), to: minutesOn(stretch.end, day, zone) }));
  const off = offStretches(working, props.start, props.end);
  const booked = props.list.filter((appointment) => holdsTime(appointment.status)).length;
  const dayOff = working.length === 0;
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    const appointment = dropped(event, week);
    if (!appointment) return;
    // Same time of day, on this day, with this person.
    void moveByDrop(appointment, { date: day.date, zone, minute: minutesIntoLocalDay(appointment.startsAt, zone), staffId: member.id, staffName: member.name });
  };
  return (
    <td className={`team-cell${dayOff ? ' day-off' : ''}`} data-testid="team-cell" data-date={day.date} data-staff-name={member.name}>
      <div className="team-drop" onDragOver={allowDrop} onDrop={onDrop}>
        <span className="team-count">{dayOff && booked === 0 ? t('off') : booked === 0 ? '–' : booked}</span>
        <div className="team-track">
          {off.map((stretch) => (
            <span
              key={stretch.from}
              className="team-off"
              ref={(element) => {
                if (element === null) return;
                element.style.left = `${((stretch.from - props.start) / span) * 100}%`;
                element.style.width = `${((stretch.to - stretch.from) / span) * 100}%`;
              }}
            />
          ))}
          {(time?.blocks ?? []).map((block) => (
            <span
              key={block.id}
              className={`team-block kind-${block.kind}`}
              title={`${block.kind === 'other' ? t('blocked') : tDay(blockLabels[block.kind])} ${timeRange(block.startsAt, block.endsAt, zone)}`}
              ref={(element) => {
                if (element === null) return;
                const from = minutesOn(block.startsAt, day, zone);
                const to = minutesOn(block.endsAt, day, zone);
                element.style.left = `${((from - props.start) / span) * 100}%`;
                element.style.width = `${((to - from) / span) * 100}%`;
              }}
            />
          ))}
          {props.list.map((appointment) => (
            <MiniBar
              key={appointment.id}
              appointment={appointment}
              zone={zone}
              start={props.start}
              span={span}
              locked={props.locked}
              saving={props.saving.has(appointment.id)}
            />
          ))}
        </div>
      </div>
    </td>
  );
});

/** The whole team: a row per person, a column per day. */
function TeamWeek(props: { week: Week; intents: Map<string, Intent>; locked: boolean; showCancelled: boolean }) {
  const { t } = useT('week');
  const { week } = props;
  const zone = week.timeZone;
  const range = useMemo(() => weekRange(week), [week]);
  const cells = useMemo(() => {
    const map = new Map<string, DayAppointment[]>();
    const index = new Map(week.days.map((day, position) => [day.date, position]));
    for (const appointment of week.appointments) {
      if (appointment.status === 'cancelled' && !props.showCancelled) continue;
      const key = `${appointment.staffId}/${index.get(localDateOf(appointment.startsAt, zone)) ?? -1}`;
      const list = map.get(key) ?? [];
      list.push(appointment);
      map.set(key, list);
    }
    return map;
  }, [week, zone, props.showCancelled]);
  const saving = useMemo(() => new Set(props.intents.keys()), [props.intents]);
  const today = todayIn(zone, Date.now());
  const empty: DayAppointment[] = [];
  return (
    <div className="grid-scroll" tabIndex={0} role="region" aria-label={t('theWeekSHours')}>
      <table className="team-week" data-testid="team-week">
        <caption className="sr-only">
          {t('bookingsPerPersonAndDay', { clockOfMinutes: clockOfMinutes(range.start), clockOfMinutes2: clockOfMinutes(range.end) })}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="team-name-head">
              {t('staff')}
            </th>
            {week.days.map((day) => (
              <th key={day.date} scope="col" className={day.date === today ? 'is-today' : ''}>
                {shortDay(day.date)}
                {day.closed || day.openingHours.length === 0 ? <span className="muted">{t('closed')}</span> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {week.staff.map((member) => (
            <tr key={member.id} data-testid="team-row" data-staff-name={member.name}>
              <th scope="row" className="team-name">
                <Dot colour={member.colour} />
                <button type="button" className="link-button" onClick={() => useDesk.getState().setWeekMode('staff', member.id)}>
                  {member.name}
                </button>
              </th>
              {week.days.map((day, index) => (
                <TeamCell
                  key={day.date}
                  week={week}
                  member={member}
                  index={index}
                  list={cells.get(`${member.id}/${index}`) ?? empty}
                  start={range.start}
                  end={range.end}
                  locked={props.locked}
                  saving={saving}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function WeekView() {
  const { t } = useT('week');
  const { date, intents, showCancelled, setShowCancelled, locked } = useScheduleState();
  const mode = useDesk((state) => state.weekMode);
  const chosenStaffId = useDesk((state) => state.weekStaffId);
  const setWeekMode = useDesk((state) => state.setWeekMode);
  const staffList = useQuery(trpc.staff.list.queryOptions());
  const active = (staffList.data ?? []).filter((member) => member.active && member.deletedAt === null);
  const staffId = mode === 'staff' ? (chosenStaffId ?? active[0]?.id) : undefined;
  const query = useQuery(
    trpc.appointments.week.queryOptions(
      { date, ...(staffId === undefined ? {} : { staffId }) },
      { enabled: date !== '' && (mode === 'team' || staffId !== undefined), refetchInterval: 30_000 },
    ),
  );
  const week = query.data;
  const intentByEntity = useMemo(() => {
    const map = new Map<string, Intent>();
    for (const intent of intents) if (intent.entityId !== undefined && !intent.ghost) map.set(intent.entityId, intent);
    return map;
  }, [intents]);

  const header = (
    <div className="week-controls">
      <div className="segmented" role="group" aria-label={t('weekShows')}>
        <button type="button" className="button" aria-pressed={mode === 'team'} onClick={() => setWeekMode('team')}>
          {t('wholeTeam')}
        </button>
        <button type="button" className="button" aria-pressed={mode === 'staff'} onClick={() => setWeekMode('staff', staffId ?? null)}>
          {t('onePerson')}
        </button>
      </div>
      {mode === 'staff' ? (
        <label className="week-staff">
          <span>{t('staff')}</span>
          <select value={staffId ?? ''} onChange={(event) => setWeekMode('staff', event.target.value)}>
            <NamedOptions records={active} />
          </select>
        </label>
      ) : null}
      {week ? (
        <p className="day-summary week-summary">
          {(() => {
            const booked = week.appointments.filter((appointment) => holdsTime(appointment.status)).length;
            const cancelled = week.appointments.length - booked - week.appointments.filter((appointment) => appointment.status === 'no_show').length;
            return (
              <>
                {t('weekSummary', { count: booked, timeZone: week.timeZone })}
                {cancelled > 0 ? (
                  <>
                    {' '}
                    <button type="button" className="link-button" data-testid="cancelled-toggle" aria-pressed={showCancelled} onClick={() => setShowCancelled(!showCancelled)}>
                      {showCancelled ? t('hideCancelled', { cancelled }) : t('showCancelled', { cancelled })}
                    </button>
                  </>
                ) : null}
              </>
            );
          })()}
        </p>
      ) : null}
    </div>
  );

  let body;
  if (query.isError) {
    body = (
      <div className="day-empty" role="alert">
        <p>{t('caredeskCouldNotLoadThis', { message: query.error.message })}</p>
        <button type="button" className="button" onClick={() => void query.refetch()}>
          {t('tryAgain')}
        </button>
      </div>
    );
  } else if (!week) {
    body = (
      <div className="day-empty" aria-busy="true">
        <p>{t('loadingTheWeek')}</p>
      </div>
    );
  } else if (week.staff.length === 0) {
    body = (
      <div className="day-empty">
        <p>{t('noStaffYetAddStaff')}</p>
      </div>
    );
  } else if (mode === 'team') {
    body = <TeamWeek week={week} intents={intentByEntity} locked={locked} showCancelled={showCancelled} />;
  } else {
    body = <StaffWeek week={week} member={week.staff[0] as WeekStaff} intents={intentByEntity} locked={locked} showCancelled={showCancelled} />;
  }
  const weekStart = week?.weekStart;
  return (
    <section
      className="day week"
      aria-label={weekStart ? t('weekFrom', { localDate: formatLocalDate(weekStart) }) : t('week')}
      data-testid="week-view"
      data-mode={mode}
      data-week-start={weekStart ?? ''}
      data-ready={week && !query.isFetching ? 'true' : 'false'}
    >
      {header}
      {body}
    </section>
  );
}
