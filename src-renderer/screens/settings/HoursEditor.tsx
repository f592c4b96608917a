import { clockMinutes, clockOfMinutes, weekdays, type Weekday } from '../../../src-shared/time';
import { shownFormat } from '../../../src-shared/locale/format';
import type { OpeningHours } from '../../../src-shared/entities';
import { describedBy, FieldError } from './common';
import { useT, screenT } from '../../i18n';
import { CheckField } from '../../components/CheckField';
import { TimeField } from '../../components/DateTimeFields';
import { RemoveButton } from '../../components/RemoveButton';

type Interval = { open: string; close: string };
/** The most stretches one day may have (the schema's limit). */
export const MAX_INTERVALS = 4;


/** The next stretch a person adds: an hour after the last one closes, for an hour (or the usual day when there is none). */
export function nextInterval(day: readonly Interval[]): Interval {
  const last = day[day.length - 1];
  if (last === undefined) return { open: '09:00', close: '17:00' };
  const open = Math.min(clockMinutes(last.close) + 60, 22 * 60);
  return { open: clockOfMinutes(open), close: clockOfMinutes(Math.min(open + 60, 23 * 60 + 59)) };
}

/** "09:00–13:00, 14:00–18:00" or "Closed". */
export function describeDay(day: readonly Interval[], closedWord?: string): string {
  const t = screenT('settings');
  return day.length === 0 ? (closedWord ?? t('closed')) : day.map((interval) => `${interval.open}–${interval.close}`).join(', ');
}

const part = (index: number) => {
  const t = screenT('settings');
  return (index === 0 ? '' : t('part', { value: index + 1 }));
};

/**
 * One day's stretches: a "Closed" tick box, a from/until pair per stretch with Remove, and
 * "Add hours" for a split day. `label` names the day for screen readers ("Monday").
 */
export function DayIntervals(props: {
  label: string;
  idPrefix: string;
  day: readonly Interval[];
  onChange: (day: Interval[]) => void;
  disabled?: boolean;
  closedWord?: string;
  /** The refusal about this day, if any (shown beside it). */
  error?: string | null;
}) {
  const { t } = useT('settings');
  const { day, onChange, idPrefix, label } = props;
  const closed = day.length === 0;
  const errorId = `${idPrefix}-error`;
  const set = (index: number, patch: Partial<Interval>) => onChange(day.map((interval, at) => (at === index ? { ...interval, ...patch } : interval)));
  /** One end of an interval: its time, named for a screen reader ("Monday closes, second hours"). */
  const intervalEnd = (interval: Interval, index: number, end: 'open' | 'close') => (
    <>
      <label className="sr-only" htmlFor={`${idPrefix}-${end}-${index}`}>
        {t(end === 'open' ? 'intervalOpens' : 'intervalCloses', { label })}
        {part(index)}
      </label>
      <TimeField
        id={`${idPrefix}-${end}-${index}`}
        value={interval[end]}
        disabled={props.disabled}
        onChange={(typed) => set(index, { [end]: typed })}
        {...describedBy(errorId, props.error ?? null)}
      />
    </>
  );
  return (
    <div className="day-intervals">
      <CheckField
        label={
          <>
            {props.closedWord ?? t('closed')}
            <span className="sr-only">{t('on', { label })}</span>
          </>
        }
        checked={closed}
        disabled={props.disabled}
        onChange={(checked) => onChange(checked ? [] : [nextInterval([])])}
      />
      <div className="intervals">
        {day.map((interval, index) => (
          <span key={index} className="interval">
            {intervalEnd(interval, index, 'open')}
            <span aria-hidden="true">–</span>
            {intervalEnd(interval, index, 'close')}
            {day.length > 1 ? (
              <RemoveButton
                ghost
                disabled={props.disabled}
                label={t('remove3', { label, open: interval.open, close: interval.close })}
                onRemove={() => onChange(day.filter((_, at) => at !== index))}
              />
            ) : null}
          </span>
        ))}
        {!closed && day.length < MAX_INTERVALS ? (
          <button
            type="button"
            className="button small"
            disabled={props.disabled}
            aria-label={t('addHoursOn', { label })}
            title={t('addAnotherStretchOfHours')}
            onClick={() => onChange([...day, nextInterval(day)])}
          >
            {t('addHours')}
          </button>
        ) : null}
      </div>
      <FieldError id={errorId} message={props.error ?? null} />
    </div>
  );
}

/** A week of hours, a row per weekday. `errorAt(day)` gives the refusal about a day. */
export function WeekHoursEditor(props: {
  hours: OpeningHours;
  onChange: (hours: OpeningHours) => void;
  idPrefix: string;
  /** Added to each day's name for screen readers when a page has two weeks ("week B"). */
  labelSuffix?: string;
  disabled?: boolean;
  closedWord?: string;
  errorAt?: (day: Weekday) => string | null;
}) {
  return (
    <div className="hours-grid">
      {weekdays.map((day) => (
        <div key={day} className="hours-row">
          <span className="hours-day">{shownFormat().weekday(day)}</span>
          <DayIntervals
            label={`${shownFormat().weekday(day)}${props.labelSuffix ?? ''}`}
            idPrefix={`${props.idPrefix}-${day}`}
            day={props.hours[day]}
            disabled={props.disabled ?? false}
            {...(props.closedWord === undefined ? {} : { closedWord: props.closedWord })}
            error={props.errorAt?.(day) ?? null}
            onChange={(next) => props.onChange({ ...props.hours, [day]: next })}
          />
        </div>
      ))}
    </div>
  );
}
