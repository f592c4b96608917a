import type { ParseKeys } from 'i18next';
import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { trpc } from '../api/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../src-main/api/appRouter';
import { formatLocalDateTime } from '../../src-shared/time';
import { Options } from '../components/Options';
import { DismissFooter } from '../components/DismissFooter';
import { useT } from '../i18n';
import { DateField } from '../components/DateTimeFields';

/** How a new booking repeats, as the desk's bookSeries takes it. */
export type Repeat = inferRouterInputs<AppRouter>['appointments']['bookSeries']['repeat'];
export type SeriesOutcome = inferRouterOutputs<AppRouter>['appointments']['bookSeries'];

export interface RepeatChoice {
  everyWeeks: number;
  ends: 'count' | 'until';
  count: number;
  until: string;
}

export const noRepeat: RepeatChoice = { everyWeeks: 0, ends: 'count', count: 6, until: '' };

/** The choice as the desk takes it; null for a one-off booking or an unfinished end date. */
export function repeatOf(choice: RepeatChoice): Repeat | null {
  if (choice.everyWeeks === 0) return null;
  if (choice.ends === 'until') return /^\d{4}-\d{2}-\d{2}$/.test(choice.until) ? { everyWeeks: choice.everyWeeks, until: choice.until } : null;
  return { everyWeeks: choice.everyWeeks, count: choice.count };
}

/** `value`: the weeks between bookings. */
const intervals: { value: number; label: ParseKeys<'booking'> }[] = [
  { value: 0, label: 'doesNotRepeat' },
  { value: 1, label: 'everyWeek2' },
  { value: 2, label: 'every2Weeks' },
  { value: 3, label: 'every3Weeks' },
  { value: 4, label: 'every4Weeks' },
  { value: 6, label: 'every6Weeks' },
  { value: 8, label: 'every8Weeks' },
];

/** "Repeat every N weeks, N times or until a date" for a new booking (a standing appointment). */
export function RepeatPicker(props: { value: RepeatChoice; onChange: (choice: RepeatChoice) => void; firstDate: string }) {
  const { t } = useT('booking');
  const { value, onChange } = props;
  const endsId = useId();
  return (
    <fieldset className="repeat">
      <legend>{t('repeat')}</legend>
      <div className="row">
        <label>
          {t('howOften')}
          <select value={value.everyWeeks} onChange={(event) => onChange({ ...value, everyWeeks: Number(event.target.value) })}>
            <Options choices={intervals.map((interval) => ({ ...interval, label: t(interval.label) }))} />
          </select>
        </label>
        {value.everyWeeks === 0 ? null : (
          <div role="radiogroup" aria-labelledby={endsId} className="repeat-ends">
            <span id={endsId}>{t('ends')}</span>
            <label className="check">
              <input type="radio" name={`${endsId}-ends`} checked={value.ends === 'count'} onChange={() => onChange({ ...value, ends: 'count' })} />
              {t('after')}
              <input
                type="number"
                min={2}
                max={52}
                value={value.count}
                aria-label={t('numberOfVisits')}
                onChange={(event) => onChange({ ...value, ends: 'count', count: Math.max(2, Math.min(52, Number(event.target.value) || 2)) })}
              />
              {t('visits')}
            </label>
            <label className="check">
              <input type="radio" name={`${endsId}-ends`} checked={value.ends === 'until'} onChange={() => onChange({ ...value, ends: 'until' })} />
              {t('on')}
              <DateField
                value={value.until}
                min={props.firstDate}
                aria-label={t('lastDate')}
                onChange={(typed) => onChange({ ...value, ends: 'until', until: typed })}
              />
            </label>
          </div>
        )}
      </div>
    </fieldset>
  );
}

/** What a series booked, and each visit it could not, with why, for a person to deal with. */
export function SeriesReport(props: { outcome: SeriesOutcome; zone: string; clientName: string; onDone: () => void }) {
  const { t } = useT('booking');
  const { outcome, zone } = props;
  const total = outcome.done.length + outcome.missed.length;
  return (
    <div className="series-report" data-testid="series-report">
      <p className="notice notice-warn notice-text" role="status">
        {t('seriesReport', { count: outcome.missed.length, done: outcome.done.length, total, clientName: props.clientName })}
      </p>
      <ul className="series-missed">
        {outcome.missed.map((miss) => (
          <li key={miss.startsAt}>
            <strong>{formatLocalDateTime(miss.startsAt, zone)}</strong> — {miss.message}
          </li>
        ))}
      </ul>
      <DismissFooter label={t('done')} onDismiss={props.onDone} primary />
    </div>
  );
}

/** "Visit 3 of 10 · next Tue 20 Oct 2026, 10:00" in the drawer of a visit of a series. */
export function SeriesFact(props: { seriesId: string; appointmentId: string; zone: string }) {
  const { t } = useT('booking');
  const visits = useQuery(trpc.appointments.series.queryOptions({ seriesId: props.seriesId })).data;
  if (visits === undefined) return null;
  const live = visits.filter((visit) => visit.status !== 'cancelled');
  const position = live.findIndex((visit) => visit.id === props.appointmentId);
  const next = position < 0 ? undefined : live[position + 1];
  return (
    <>
      <dt>{t('repeats')}</dt>
      <dd data-testid="series-fact">
        {position < 0 ? t('visitsBooked', { length: live.length }) : t('visitOf', { value: position + 1, length: live.length })}
        {next === undefined ? '' : t('next', { localDateTime: formatLocalDateTime(next.startsAt, props.zone) })}
      </dd>
    </>
  );
}
