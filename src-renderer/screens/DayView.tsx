import type { ParseKeys } from 'i18next';
import { useQuery } from '@tanstack/react-query';
import { memo, useEffect, useMemo, useState, type DragEvent, type ReactNode } from 'react';
import { holdsTime } from '../../src-shared/entities';
import { matchesVisitFilter } from '../../src-shared/visit';
import {
  clockOfMinutes,
  formatLocalDate,
  localTimeToInstant,
  minutesIntoLocalDay,
  todayIn,
} from '../../src-shared/time';
import { trpc } from '../api/client';
import { commands, newKey } from '../api/commands';
import { EnvelopeError } from '../api/errors';
import { useOnServer, useWritesLocked } from '../api/hooks';
import type { DayAppointment, DayView as Day } from '../api/types';
import { badgeOf, clock, ghostBadge, passedStartLabel, timeRange } from '../format';
import { runAction, type ActionSpec } from '../state/actions';
import { useDesk, type Intent } from '../state/desk';
import { blockPhrases } from '../blockHistoryWording';
import { confirmedWording } from '../state/wording';
import { AlertIcon } from '../components/ClientAlerts';
import { useVisitFilter, VisitFilterControl } from './VisitFilter';
import { FormsMissingTag } from './forms/FormsMissingTag';
import { ClientReplyTag } from './messages/ClientReply';
import { VisitStageTag } from './VisitStage';
import { Dot } from '../components/Dot';
import { useT, screenT } from '../i18n';
import { shownName } from '../clientNames';

type DayColumn = Day['staff'][number];

export const PX_PER_MIN = 1.6;
const SLOT_MIN = 30;
const SNAP_MIN = 15;

/** The hour labels down the left of a time grid (the day view's and the one-person week's). */
/**
 * The body of a schedule grid (a day's staff columns, or one person's week): as tall as its hours
 * from `start` to `end`, the hour labels down the left, then the columns (`children`).
 */
export function GridBody(props: { hours: readonly number[]; start: number; end: number; children: ReactNode }) {
  return (
    <div
      className="grid-body"
      ref={(element) => {
        if (element !== null) element.style.height = `${(props.end - props.start) * PX_PER_MIN}px`;
      }}
    >
      <HourGutter hours={props.hours} start={props.start} />
      {props.children}
    </div>
  );
}

function HourGutter({ hours, start }: { hours: readonly number[]; start: number }) {
  return (
    <div className="gutter" aria-hidden="true">
      {hours.map((minute) => (
        <span
          key={minute}
          className="hour-label"
          ref={(element) => {
            if (element !== null) element.style.top = `${(minute - start) * PX_PER_MIN}px`;
          }}
        >
          {clockOfMinutes(minute)}
        </span>
      ))}
    </div>
  );
}

/** The grid's first and last minute: the day's opening hours, widened to show every card. */
function gridRange(day: Day): { start: number; end: number } {
  const zone = day.timeZone;
  let start = Infinity;
  let end = -Infinity;
  for (const interval of day.openingHours) {
    start = Math.min(start, minutesIntoLocalDay(interval.opensAt, zone));
    end = Math.max(end, minutesIntoLocalDay(interval.closesAt, zone) || 24 * 60);
  }
  for (const member of day.staff) {
    for (const stretch of [
      ...member.working,
      ...member.blocks.map((block) => ({ start: block.startsAt, end: block.endsAt })),
    ]) {
      const from = Math.max(stretch.start, day.dayStart);
      start = Math.min(start, minutesIntoLocalDay(from, zone));
      end = Math.max(
        end,
        minutesIntoLocalDay(from, zone) + Math.round((Math.min(stretch.end, day.dayEnd) - from) / 60_000),
      );
    }
  }
  for (const appointment of day.appointments) {
    start = Math.min(start, minutesIntoLocalDay(appointment.blockStartsAt, zone));
    end = Math.max(
      end,
      minutesIntoLocalDay(appointment.startsAt, zone) +
        Math.round((appointment.blockEndsAt - appointment.startsAt) / 60_000),
    );
  }
  if (!Number.isFinite(start)) return { start: 9 * 60, end: 18 * 60 };
  return { start: Math.floor(start / 60) * 60, end: Math.min(24 * 60, Math.ceil(end / 60) * 60) };
}

export interface Placed {
  appointment: DayAppointment;
  top: number;
  height: number;
  lane: number;
  lanes: number;
  /** The buffer before the start and after the end, in px (0 when the service has none). */
  bufferBefore: number;
  bufferAfter: number;
  /** Where the buffer after starts: the card's own end (a short card is drawn taller than it lasts). */
  afterTop: number;
}

/**
 * Two placings of one booking draw the same card: the same booking at the same place. The day's
 * query keeps the object of a booking that did not change (api/keepUnchangedBookings.ts), so after
 * one booking changes only its card renders again, not the day's three hundred.
 */
function samePlace(a: Placed, b: Placed): boolean {
  return (
    a.appointment === b.appointment &&
    a.top === b.top &&
    a.height === b.height &&
    a.lane === b.lane &&
    a.lanes === b.lanes &&
    a.bufferBefore === b.bufferBefore &&
    a.bufferAfter === b.bufferAfter &&
    a.afterTop === b.afterTop
  );
}

/** Side-by-side lanes for overlapping cards (a cancelled booking and its replacement, say). */
export function place(list: DayAppointment[], zone: string, gridStart: number): Placed[] {
  const items = list
    .map((appointment) => {
      const startMin = minutesIntoLocalDay(appointment.startsAt, zone);
      const length = Math.max(15, Math.round((appointment.endsAt - appointment.startsAt) / 60_000));
      const before = Math.max(0, Math.round((appointment.startsAt - appointment.blockStartsAt) / 60_000));
      const after = Math.max(0, Math.round((appointment.blockEndsAt - appointment.endsAt) / 60_000));
      // Lanes go by the time the person is busy, buffers included, so a buffer never hides under a card.
      return {
        appointment,
        startMin: startMin - before,
        endMin: startMin + length + after,
        cardStart: startMin,
        cardEnd: startMin + length,
        before,
        after,
      };
    })
    .sort((a, b) => a.startMin - b.startMin);
  const placed: Placed[] = [];
  let cluster: ((typeof items)[number] & { lane: number })[] = [];
  let clusterEnd = -1;
  const flush = () => {
    const lanes = Math.max(1, ...cluster.map((item) => item.lane + 1));
    for (const item of cluster) {
      placed.push({
        appointment: item.appointment,
        top: (item.cardStart - gridStart) * PX_PER_MIN,
        height: Math.max(30, (item.cardEnd - item.cardStart) * PX_PER_MIN - 2),
        lane: item.lane,
        lanes,
        bufferBefore: item.before * PX_PER_MIN,
        bufferAfter: item.after * PX_PER_MIN,
        afterTop: (item.cardEnd - gridStart) * PX_PER_MIN,
      });
    }
    cluster = [];
  };
  for (const item of items) {
    if (item.startMin >= clusterEnd) {
      flush();
      clusterEnd = -1;
    }
    const laneEnds: number[] = [];
    for (const other of cluster) laneEnds[other.lane] = Math.max(laneEnds[other.lane] ?? -1, other.endMin);
    let lane = laneEnds.findIndex((laneEnd) => laneEnd <= item.startMin);
    if (lane === -1) lane = laneEnds.length;
    cluster.push({ ...item, lane });
    clusterEnd = Math.max(clusterEnd, item.endMin);
  }
  flush();
  return placed;
}

/** Minutes into the grid of an instant, clipped to the day shown. */
function gridMinutes(instant: number, day: { dayStart: number; dayEnd: number; timeZone: string }): number {
  if (instant <= day.dayStart) return 0;
  if (instant >= day.dayEnd) return 24 * 60;
  return minutesIntoLocalDay(instant, day.timeZone);
}

/** The stretches of [from, to) minutes not covered by `working`: the time a person is off. */
export function offStretches(
  working: { from: number; to: number }[],
  from: number,
  to: number,
): { from: number; to: number }[] {
  const off: { from: number; to: number }[] = [];
  let cursor = from;
  for (const stretch of [...working].sort((a, b) => a.from - b.from)) {
    if (stretch.from > cursor) off.push({ from: cursor, to: Math.min(stretch.from, to) });
    cursor = Math.max(cursor, stretch.to);
  }
  if (cursor < to) off.push({ from: cursor, to });
  return off.filter((stretch) => stretch.to > stretch.from);
}

export const blockLabels: Record<DayColumn['blocks'][number]['kind'], ParseKeys<'day'>> = {
  lunch: 'lunch',
  meeting: 'meeting',
  cleaning: 'cleaning',
  other: 'blocked2',
};

export const timeOffLabels: Record<DayColumn['timeOff'][number]['kind'], ParseKeys<'day'>> = {
  holiday: 'holiday',
  sick: 'offSick',
  training: 'training',
  personal: 'away',
};

/** What a shaded stretch says: the kind of the time off covering most of it, or "Not working" (their usual hours, the shop closed). */
function offLabel(
  stretch: { from: number; to: number },
  timeOff: { kind: keyof typeof timeOffLabels; from: number; to: number }[],
): string {
  const t = screenT('day');
  let best: { kind: keyof typeof timeOffLabels; overlap: number } | null = null;
  for (const entry of timeOff) {
    const overlap = Math.min(stretch.to, entry.to) - Math.max(stretch.from, entry.from);
    if (overlap > 0 && (best === null || overlap > best.overlap)) best = { kind: entry.kind, overlap };
  }
  return best === null ? t('notWorking') : t(timeOffLabels[best.kind]);
}

/** The MIME type a dragged block carries, so a column tells a block's drop from a booking's. */
export const BLOCK_DRAG_TYPE = 'application/x-caredesk-block';

/**
 * What lies behind a column's cards: its off time shaded ("Not working", or the time off's kind:
 * "Holiday") and its blocks (lunch, a meeting) drawn with their kind, so an empty-looking slot
 * that refuses a booking says why. With `onOpenBlock` (the day view) a block is a button that
 * opens its drawer and can be dragged to another time.
 */
export const ColumnTime = memo(function ColumnTime(props: {
  member: DayColumn;
  day: { dayStart: number; dayEnd: number; timeZone: string };
  start: number;
  end: number;
  pxPerMin: number;
  onOpenBlock?: (id: string) => void;
  locked?: boolean;
}) {
  const { t } = useT('day');
  const working = props.member.working.map((stretch) => ({
    from: gridMinutes(stretch.start, props.day),
    to: gridMinutes(stretch.end, props.day),
  }));
  const off = offStretches(working, props.start, props.end);
  const timeOff = props.member.timeOff.map((entry) => ({
    kind: entry.kind,
    from: gridMinutes(entry.startsAt, props.day),
    to: gridMinutes(entry.endsAt, props.day),
  }));
  return (
    <>
      {off.map((stretch) => {
        const label = offLabel(stretch, timeOff);
        const why = label === 'Not working' ? t('isNotWorking') : t('isOff', { label: label.toLowerCase() });
        return (
          <div
            key={`off-${stretch.from}`}
            className="off-time"
            data-testid="off-time"
            data-label={label}
            title={`${props.member.name} ${why} ${clockOfMinutes(stretch.from)}–${clockOfMinutes(stretch.to)}`}
            ref={(element) => {
              if (element === null) return;
              element.style.top = `${(stretch.from - props.start) * props.pxPerMin}px`;
              element.style.height = `${(stretch.to - stretch.from) * props.pxPerMin}px`;
            }}
          >
            {(stretch.to - stretch.from) * props.pxPerMin >= 24 ? <span className="off-label">{label}</span> : null}
          </div>
        );
      })}
      {props.member.blocks.map((block) => {
        const from = gridMinutes(block.startsAt, props.day);
        const to = gridMinutes(block.endsAt, props.day);
        const label = `${t(blockLabels[block.kind])} ${clockOfMinutes(from)}–${clockOfMinutes(to)}`;
        const place = (element: HTMLElement | null) => {
          if (element === null) return;
          element.style.top = `${(from - props.start) * props.pxPerMin}px`;
          element.style.height = `${Math.max(12, (to - from) * props.pxPerMin)}px`;
        };
        const body = (
          <>
            <span className="block-label">{label}</span>
            {block.note === '' ? null : <span className="block-note">{block.note}</span>}
          </>
        );
        const onOpen = props.onOpenBlock;
        if (onOpen === undefined) {
          return (
            <div
              key={block.id}
              className={`block-time kind-${block.kind}`}
              data-testid="block-time"
              data-kind={block.kind}
              title={block.note === '' ? label : `${label}: ${block.note}`}
              ref={place}
            >
              {body}
            </div>
          );
        }
        return (
          <button
            key={block.id}
            type="button"
            className={`block-time interactive kind-${block.kind}`}
            data-testid="block-time"
            data-kind={block.kind}
            data-block-id={block.id}
            aria-label={t('for', { label, name: props.member.name, value: block.note === '' ? '' : `: ${block.note}` })}
            title={block.note === '' ? label : `${label}: ${block.note}`}
            draggable={props.locked !== true}
            ref={place}
            onClick={() => onOpen(block.id)}
            onDragStart={(event) => {
              event.dataTransfer.setData(BLOCK_DRAG_TYPE, block.id);
              event.dataTransfer.setData('text/plain', label);
              const rect = event.currentTarget.getBoundingClientRect();
              event.dataTransfer.setData('application/x-caredesk-grab', String(event.clientY - rect.top));
              event.dataTransfer.effectAllowed = 'move';
            }}
          >
            {body}
          </button>
        );
      })}
    </>
  );
});

/** The hatched buffer strips around a booking: time no other booking may take, drawn so a refused drop there makes sense. */
export const Buffers = memo(function Buffers(props: { placed: Placed }) {
  const { t } = useT('day');
  const { appointment, top, lane, lanes, bufferBefore, bufferAfter, afterTop } = props.placed;
  if (appointment.status === 'cancelled') return null;
  const strips = [
    { side: 'before', top: top - bufferBefore, height: bufferBefore, minutes: Math.round(bufferBefore / PX_PER_MIN) },
    { side: 'after', top: afterTop, height: bufferAfter, minutes: Math.round(bufferAfter / PX_PER_MIN) },
  ].filter((strip) => strip.height > 0);
  return (
    <>
      {strips.map((strip) => (
        <div
          key={strip.side}
          className={`buffer buffer-${strip.side}`}
          data-testid="buffer"
          data-side={strip.side}
          data-appointment-id={appointment.id}
          title={t('minBufferSNotFree', { minutes: strip.minutes, side: strip.side === 'before' ? t('bufferSideBefore') : t('bufferSideAfter'), name: appointment.client.name, name2: appointment.service.name })}
          ref={(element) => {
            if (element === null) return;
            element.style.top = `${strip.top}px`;
            element.style.height = `${strip.height}px`;
            element.style.left = `calc(${(lane / lanes) * 100}% + 3px)`;
            element.style.width = `calc(${100 / lanes}% - 6px)`;
          }}
        >
          {strip.height >= 14 ? <span className="buffer-label">{t('buffer')}</span> : null}
        </div>
      ))}
    </>
  );
}, (before, after) => samePlace(before.placed, after.placed));

/** Card text by height: short bookings still show who, when and their state. */
function CardBody(props: {
  height: number;
  time: string;
  client: string;
  service: string;
  badge: { label: string; tone: string };
  stage?: ReactNode;
}) {
  const badge = (
    <>
      {props.stage}
      <span className={`badge tone-${props.badge.tone}`}>{props.badge.label}</span>
    </>
  );
  if (props.height < 44) {
    return (
      <span className="card-line">
        <span className="card-time">{props.time.split('–')[0]}</span>{' '}
        <span className="card-client">{props.client}</span>
        <span className="sr-only">
          {' '}
          {props.time}, {props.service},
        </span>{' '}
        {badge}
      </span>
    );
  }
  if (props.height < 76) {
    return (
      <>
        <span className="card-line">
          <span className="card-time">{props.time}</span> <span className="card-client">{props.client}</span>
        </span>
        <span className="card-line">
          <span className="card-service">{props.service}</span> {badge}
        </span>
      </>
    );
  }
  return (
    <>
      <span className="card-time">{props.time}</span>
      <span className="card-client">{props.client}</span>
      <span className="card-service">{props.service}</span>
      {badge}
    </>
  );
}

/** A column's bookings: their buffers first, so every card sits above any strip. */
export function PlacedBookings(props: {
  placed: readonly Placed[];
  zone: string;
  intentOf: (appointmentId: string) => Intent | undefined;
  onServerOf?: (appointmentId: string) => boolean | undefined;
  onOpen: (id: string) => void;
  locked: boolean;
}) {
  return (
    <>
      {props.placed.map((placed) => (
        <Buffers key={`buffer-${placed.appointment.id}`} placed={placed} />
      ))}
      {props.placed.map((placed) => {
        const onServer = props.onServerOf?.(placed.appointment.id);
        return (
          <Card
            key={placed.appointment.id}
            placed={placed}
            zone={props.zone}
            intent={props.intentOf(placed.appointment.id)}
            {...(onServer === undefined ? {} : { onServer })}
            onOpen={props.onOpen}
            locked={props.locked}
          />
        );
      })}
    </>
  );
}

export const Card = memo(function Card(props: {
  placed: Placed;
  zone: string;
  intent?: Intent;
  onServer?: boolean;
  onOpen: (id: string) => void;
  locked: boolean;
}) {
  const { appointment, top, height, lane, lanes } = props.placed;
  const badge = badgeOf(appointment, props.intent, props.onServer);
  const inactive = !holdsTime(appointment.status);
  return (
    <button
      type="button"
      className={`card tone-${badge.tone}${inactive ? ' inactive' : ''}`}
      data-testid="appointment-card"
      data-appointment-id={appointment.id}
      data-state={badge.state}
      draggable={!props.locked && appointment.status === 'booked'}
      ref={(element) => {
        if (element === null) return;
        element.style.top = `${top}px`;
        element.style.height = `${height}px`;
        element.style.left = `calc(${(lane / lanes) * 100}% + 3px)`;
        element.style.width = `calc(${100 / lanes}% - 6px)`;
        element.style.borderLeftColor = appointment.staff.colour;
      }}
      onClick={() => props.onOpen(appointment.id)}
      onDragStart={(event) => {
        event.dataTransfer.setData('application/x-caredesk-appointment', appointment.id);
        event.dataTransfer.setData(
          'text/plain',
          `${appointment.client.name} ${clock(appointment.startsAt, props.zone)}`,
        );
        const rect = event.currentTarget.getBoundingClientRect();
        event.dataTransfer.setData('application/x-caredesk-grab', String(event.clientY - rect.top));
        event.dataTransfer.effectAllowed = 'move';
      }}
    >
      <AlertIcon allergies={appointment.client.allergies} />
      <CardBody
        height={height}
        time={timeRange(appointment.startsAt, appointment.endsAt, props.zone)}
        client={shownName(appointment.client.name)}
        service={appointment.service.name}
        badge={badge}
        stage={
          <>
            <VisitStageTag visit={appointment} zone={props.zone} />
            <ClientReplyTag reply={appointment} zone={props.zone} />
            <FormsMissingTag names={appointment.formsMissing} />
          </>
        }
      />
    </button>
  );
}, (before, after) =>
  samePlace(before.placed, after.placed) &&
  before.zone === after.zone &&
  before.intent === after.intent &&
  before.onServer === after.onServer &&
  before.onOpen === after.onOpen &&
  before.locked === after.locked);

function GhostCard(props: { intent: Intent; zone: string; gridStart: number }) {
  const ghost = props.intent.ghost;
  if (!ghost) return null;
  const badge = ghostBadge(props.intent);
  const startMin = minutesIntoLocalDay(ghost.startsAt, props.zone);
  const top = (startMin - props.gridStart) * PX_PER_MIN;
  const height = Math.max(30, ((ghost.endsAt - ghost.startsAt) / 60_000) * PX_PER_MIN - 2);
  return (
    <div
      className={`card ghost tone-${badge.tone}`}
      data-testid="ghost-card"
      data-state={badge.state}
      ref={(element) => {
        if (element === null) return;
        element.style.top = `${top}px`;
        element.style.height = `${height}px`;
      }}
    >
      <CardBody
        height={height}
        time={timeRange(ghost.startsAt, ghost.endsAt, props.zone)}
        client={shownName(ghost.clientName)}
        service={ghost.serviceName}
        badge={badge}
      />
    </div>
  );
}

function NowLine(props: { zone: string; gridStart: number; gridEnd: number }) {
  const { t } = useT('day');
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  const minutes = minutesIntoLocalDay(now, props.zone);
  if (minutes < props.gridStart || minutes > props.gridEnd) return null;
  const top = (minutes - props.gridStart) * PX_PER_MIN;
  return (
    <div
      className="now-line"
      data-testid="now-line"
      role="img"
      aria-label={t('now', { clock: clock(now, props.zone) })}
      ref={(element) => {
        if (element !== null) element.style.top = `${top}px`;
      }}
    >
      <span className="now-label">{clock(now, props.zone)}</span>
    </div>
  );
}

/** The empty-slot buttons of one column; memoised so saving a change does not rebuild them. */
const Slots = memo(function Slots(props: {
  staffId: string;
  staffName: string;
  date: string;
  zone: string;
  start: number;
  end: number;
  openSpans: string;
  locked: boolean;
}) {
  const { t } = useT('day');
  const openDialog = useDesk((state) => state.openDialog);
  const spans = JSON.parse(props.openSpans) as { from: number; to: number }[];
  const isOpen = (minute: number) => spans.some((span) => minute >= span.from && minute < span.to);
  const slots: number[] = [];
  for (let minute = props.start; minute < props.end; minute += SLOT_MIN) slots.push(minute);
  return (
    <>
      {slots.map((minute) => (
        <button
          key={minute}
          type="button"
          className={`slot${isOpen(minute) ? '' : ' closed'}${minute % 60 === 0 ? ' on-hour' : ''}`}
          aria-label={t('newAppointmentWithAt', { staffName: props.staffName, clockOfMinutes: clockOfMinutes(minute) })}
          disabled={props.locked}
          tabIndex={-1}
          style={{ top: `${(minute - props.start) * PX_PER_MIN}px`, height: `${SLOT_MIN * PX_PER_MIN}px` }}
          onClick={() =>
            openDialog({
              kind: 'new',
              staffId: props.staffId,
              startsAt: localTimeToInstant(props.date, clockOfMinutes(minute), props.zone),
              date: props.date,
            })
          }
          // A right-click blocks the slot instead (lunch, a meeting) with the person and time filled in; the toolbar's "Block time" does the same by keyboard.
          onContextMenu={(event) => {
            if (props.locked) return;
            event.preventDefault();
            openDialog({
              kind: 'block',
              staffId: props.staffId,
              startsAt: localTimeToInstant(props.date, clockOfMinutes(minute), props.zone),
              date: props.date,
            });
          }}
        />
      ))}
    </>
  );
});

/** Where a dragged booking or block was dropped: the day, the minute into it, and whose column. */
export interface Drop {
  date: string;
  zone: string;
  minute: number;
  staffId: string;
  staffName: string;
}

/**
 * The start a drop asks for and, in a toast's words, where it lands ("10:30", or "10:30 with Sam"
 * on another person's column); null when it lands where the thing already is.
 */
function landing(drop: Drop, current: { startsAt: number; staffId: string }): { startsAt: number; where: string } | null {
  const startsAt = localTimeToInstant(drop.date, clockOfMinutes(drop.minute), drop.zone);
  if (startsAt === current.startsAt && drop.staffId === current.staffId) return null;
  const at = clock(startsAt, drop.zone);
  return { startsAt, where: drop.staffId === current.staffId ? at : screenT('day')('with', { clock: at, staffName: drop.staffName }) };
}

/** Runs the move a drop asked for; a refusal that trying again cannot help is said in a toast. */
async function moveDropped(action: ActionSpec) {
  try {
    await runAction(action);
  } catch (error) {
    if (error instanceof EnvelopeError && !error.envelope.retryable) {
      useDesk.getState().pushToast({ message: screenT('day')('notMoved', { message: error.envelope.message }), tone: 'error' });
    }
  }
}

export async function moveByDrop(appointment: DayAppointment, drop: Drop) {
  const t = screenT('day');
  const landed = landing(drop, appointment);
  if (landed === null) return;
  const { startsAt, where } = landed;
  const { staffId } = drop;
  if (startsAt !== appointment.startsAt && passedStartLabel(startsAt, Date.now(), drop.zone) !== null) {
    // A time that has passed needs the person's "Record it anyway": the reschedule form asks.
    useDesk.getState().openDialog({ kind: 'reschedule', appointmentId: appointment.id, staffId, startsAt });
    return;
  }
  const key = newKey();
  await moveDropped({
    label: t('moveTo', { name: appointment.client.name, where }),
    successMessage: confirmedWording(t('movedTo', { name: appointment.client.name, where })),
    entityId: appointment.id,
    undoGroup: 'appointment',
    run: () =>
      commands.appointment.reschedule({
        idempotencyKey: key,
        id: appointment.id,
        expectedVersion: appointment.version,
        startsAt,
        ...(staffId === appointment.staffId ? {} : { staffId }),
      }),
  });
}

/** A block dropped at another time (or on another person's column): its `move` op, with Undo in the toast as for a booking. */
export async function moveBlockByDrop(block: DayColumn['blocks'][number] & { staffId: string }, drop: Drop, ownerName: string) {
  const t = screenT('day');
  const landed = landing(drop, block);
  if (landed === null) return;
  const { startsAt, where } = landed;
  const { staffId } = drop;
  const endsAt = startsAt + (block.endsAt - block.startsAt);
  const key = newKey();
  const what = t('s', { ownerName, blockPhrases: blockPhrases[block.kind] });
  await moveDropped({
    label: t('moveTo2', { what, where }),
    successMessage: confirmedWording(t('movedTo2', { what, where })),
    entityId: block.id,
    undoGroup: 'block',
    run: () =>
      commands.block.move({
        idempotencyKey: key,
        id: block.id,
        expectedVersion: block.version,
        startsAt,
        endsAt,
        ...(staffId === block.staffId ? {} : { staffId }),
      }),
  });
}

/**
 * What the day and the week views both read from the desk: the date shown, the changes in flight,
 * whether cancelled cards are unfolded, and whether booking changes are locked (Unsafe).
 */
export function useScheduleState() {
  return {
    date: useDesk((state) => state.date) ?? '',
    intents: useDesk((state) => state.intents),
    showCancelled: useDesk((state) => state.showCancelled),
    setShowCancelled: useDesk((state) => state.setShowCancelled),
    locked: useWritesLocked(),
  };
}

export function DayView() {
  const { t } = useT('day');
  const { date, intents, showCancelled, setShowCancelled, locked } = useScheduleState();
  const select = useDesk((state) => state.select);
  const selectBlock = useDesk((state) => state.selectBlock);
  const visitFilter = useVisitFilter((state) => state.filter);
  const query = useQuery(
    trpc.appointments.day.queryOptions({ date }, { enabled: date !== '', refetchInterval: 30_000 }),
  );
  const day = query.data;
  const unconfirmedIds = useMemo(
    () =>
      (day?.appointments ?? [])
        .filter((appointment) => appointment.syncState !== 'confirmed')
        .map((appointment) => appointment.id),
    [day],
  );
  const onServer = useOnServer(unconfirmedIds);

  const byStaff = useMemo(() => {
    const map = new Map<string, DayAppointment[]>();
    for (const appointment of day?.appointments ?? []) {
      // Folded cancelled cards take no lane: live bookings keep their width.
      if (appointment.status === 'cancelled' && !showCancelled) continue;
      if (!matchesVisitFilter(appointment, visitFilter)) continue;
      const list = map.get(appointment.staffId) ?? [];
      list.push(appointment);
      map.set(appointment.staffId, list);
    }
    return map;
  }, [day, showCancelled, visitFilter]);
  const range = useMemo(() => (day ? gridRange(day) : { start: 9 * 60, end: 18 * 60 }), [day]);
  // Stable card positions per column, so memoised cards skip re-rendering when only intents change.
  const placedByStaff = useMemo(() => {
    const map = new Map<string, Placed[]>();
    if (!day) return map;
    for (const [staffId, list] of byStaff) map.set(staffId, place(list, day.timeZone, range.start));
    return map;
  }, [byStaff, day, range.start]);
  const intentByEntity = useMemo(() => {
    const map = new Map<string, Intent>();
    for (const intent of intents) if (intent.entityId !== undefined && !intent.ghost) map.set(intent.entityId, intent);
    return map;
  }, [intents]);

  if (query.isError) {
    return (
      <div className="day-empty" role="alert">
        <p>
          {t('caredeskCouldNotLoad', { date, message: query.error.message })}
        </p>
        <button type="button" className="button" onClick={() => void query.refetch()}>
          {t('tryAgain')}
        </button>
      </div>
    );
  }
  if (!day) {
    return (
      <div className="day-empty" aria-busy="true">
        <p>{t('loadingTheSchedule')}</p>
      </div>
    );
  }

  const zone = day.timeZone;
  const isToday = todayIn(zone, Date.now()) === date;
  const hours: number[] = [];
  for (let minute = range.start; minute <= range.end; minute += 60) hours.push(minute);
  const openSpans = day.openingHours.map((interval) => ({
    from: minutesIntoLocalDay(interval.opensAt, zone),
    to: minutesIntoLocalDay(interval.closesAt, zone) || 24 * 60,
  }));
  const openSpansKey = JSON.stringify(openSpans);
  // A column's slots are shaded where its person does not work (their schedule, time off), not only where the shop is closed.
  const workingSpansKey = (member: DayColumn) =>
    JSON.stringify(
      member.working.map((stretch) => ({ from: gridMinutes(stretch.start, day), to: gridMinutes(stretch.end, day) })),
    );
  const cancelledCount = day.appointments.filter((appointment) => appointment.status === 'cancelled').length;
  const ghosts = intents.filter((intent) => intent.ghost?.date === date);
  const bookedCount = day.appointments.filter((appointment) => holdsTime(appointment.status)).length;

  const onDrop = (event: DragEvent<HTMLDivElement>, staffId: string, staffName: string) => {
    event.preventDefault();
    const grab = Number(event.dataTransfer.getData('application/x-caredesk-grab')) || 0;
    const rect = event.currentTarget.getBoundingClientRect();
    const raw = range.start + (event.clientY - rect.top - grab) / PX_PER_MIN;
    const minute = Math.max(range.start, Math.round(raw / SNAP_MIN) * SNAP_MIN);
    const blockId = event.dataTransfer.getData(BLOCK_DRAG_TYPE);
    if (blockId !== '') {
      const owner = day.staff.find((member) => member.blocks.some((item) => item.id === blockId));
      const block = owner?.blocks.find((item) => item.id === blockId);
      if (owner && block)
        void moveBlockByDrop({ ...block, staffId: owner.id }, { date, zone, minute, staffId, staffName }, owner.name);
      return;
    }
    const id = event.dataTransfer.getData('application/x-caredesk-appointment');
    const appointment = day.appointments.find((item) => item.id === id);
    if (!appointment) return;
    void moveByDrop(appointment, { date, zone, minute, staffId, staffName });
  };

  return (
    <section
      className="day"
      aria-label={t('scheduleFor', { localDate: formatLocalDate(date) })}
      data-testid="day-view"
      data-date={date}
    >
      <div className="day-summary-row">
        <p className="day-summary">
          {day.closed || day.openingHours.length === 0 ? (
            <strong>{t('theShopIsClosedOn')}</strong>
          ) : (
            <>
              {t('open', { map: day.openingHours
                .map((interval) => `${clock(interval.opensAt, zone)}–${clock(interval.closesAt, zone)}`)
                .join(', ') })}
            </>
          )}
          {t('daySummary', { count: bookedCount, staff: day.staff.length, zone })}
          {cancelledCount > 0 ? (
            <>
              {' '}
              <button
                type="button"
                className="link-button"
                data-testid="cancelled-toggle"
                aria-pressed={showCancelled}
                onClick={() => setShowCancelled(!showCancelled)}
              >
                {showCancelled ? t('hideCancelled', { cancelledCount }) : t('showCancelled', { cancelledCount })}
              </button>
            </>
          ) : null}
        </p>
        {/* Beside the day's summary, not in the toolbar: the toolbar keeps room for the date and the actions. */}
        <VisitFilterControl />
      </div>
      {day.staff.length === 0 ? (
        <div className="day-empty">
          <p>{t('noStaffYetAddStaff')}</p>
        </div>
      ) : (
        // Focusable so the keyboard can scroll the hours of a day that has no booking to tab to.
        <div className="grid-scroll" tabIndex={0} role="region" aria-label={t('theDaySHours')}>
          <div className="grid" data-grid-start={range.start} data-px-per-min={PX_PER_MIN}>
            <div className="grid-head">
              <div className="gutter-head" aria-hidden="true" />
              {day.staff.map((member) => (
                <div key={member.id} className="column-head">
                  <Dot colour={member.colour} />
                  <span className="column-name">{member.name}</span>
                  <span className="column-count">
                    {(byStaff.get(member.id) ?? []).filter((item) => holdsTime(item.status)).length}
                  </span>
                </div>
              ))}
            </div>
            <GridBody hours={hours} start={range.start} end={range.end}>
              {day.staff.map((member) => (
                <div
                  key={member.id}
                  className="column"
                  role="group"
                  aria-label={t('sAppointments', { name: member.name })}
                  data-testid="staff-column"
                  data-staff-id={member.id}
                  data-staff-name={member.name}
                  onDragOver={(event) => {
                    if (
                      event.dataTransfer.types.includes('application/x-caredesk-appointment') ||
                      event.dataTransfer.types.includes(BLOCK_DRAG_TYPE)
                    ) {
                      event.preventDefault();
                      event.dataTransfer.dropEffect = 'move';
                    }
                  }}
                  onDrop={(event) => onDrop(event, member.id, member.name)}
                >
                  <Slots
                    staffId={member.id}
                    staffName={member.name}
                    date={date}
                    zone={zone}
                    start={range.start}
                    end={range.end}
                    openSpans={day.closed ? openSpansKey : workingSpansKey(member)}
                    locked={locked}
                  />
                  <ColumnTime
                    member={member}
                    day={day}
                    start={range.start}
                    end={range.end}
                    pxPerMin={PX_PER_MIN}
                    onOpenBlock={selectBlock}
                    locked={locked}
                  />
                  <PlacedBookings
                    placed={placedByStaff.get(member.id) ?? []}
                    zone={zone}
                    intentOf={(id) => intentByEntity.get(id)}
                    onServerOf={(id) => onServer.get(id)}
                    onOpen={select}
                    locked={locked}
                  />
                  {ghosts
                    .filter((intent) => intent.ghost?.staffId === member.id)
                    .map((intent) => (
                      <GhostCard key={intent.id} intent={intent} zone={zone} gridStart={range.start} />
                    ))}
                </div>
              ))}
              {isToday ? <NowLine zone={zone} gridStart={range.start} gridEnd={range.end} /> : null}
            </GridBody>
          </div>
        </div>
      )}
    </section>
  );
}
