import { useEffect, useState } from 'react';
import { EARLIEST_DATE, formatLocalDate, isSupportedDate, LATEST_DATE, todayIn } from '../../../src-shared/time';
import type { OpeningHours } from '../../../src-shared/entities';
import type { ShopSettings as Settings } from './rows';
import { useSettings, useWritesLocked } from '../../api/hooks';
import { FieldError, SaveOrDiscard, describedBy, updateSettings, useAct, useIsOwner, type SettingsChanges } from './common';
import { DayIntervals, describeDay, WeekHoursEditor } from './HoursEditor';
import { SubmitForm } from '../../components/SubmitForm';
import { useT } from '../../i18n';
import { Panel } from '../../components/Panel';
import { RemoveButton } from '../../components/RemoveButton';
import { DateField } from '../../components/DateTimeFields';

type SpecialDay = Settings['specialDays'][number];

/** The shop's week: the hours of each weekday, with breaks. */
function WeeklyHours(props: { settings: Settings; disabled: boolean }) {
  const { t } = useT('settings');
  const { settings } = props;
  const { act, notice, errorAt } = useAct(['openingHours']);
  const [hours, setHours] = useState<OpeningHours>(settings.openingHours);
  const [dirty, setDirty] = useState(false);
  // A change saved elsewhere (a closed date, another desk) shows here unless the person is editing.
  useEffect(() => {
    if (!dirty) setHours(settings.openingHours);
  }, [settings.openingHours, dirty]);
  return (
    <Panel titleId="hours-title" title={t('openingHours')} intro={t('forADayWithA')}>
      <SubmitForm
        className="form"
        onSubmit={() => {
          void act(t('openingHoursSaved'), 'settings', settings.id, (key) => updateSettings(key, settings, { openingHours: hours })).then(
            (ok) => ok && setDirty(false),
          );
        }}
      >
        <WeekHoursEditor
          idPrefix="s"
          hours={hours}
          disabled={props.disabled}
          errorAt={(day) => errorAt(`openingHours.${day}`)}
          onChange={(next) => {
            setHours(next);
            setDirty(true);
          }}
        />
        <SaveOrDiscard
          saveLabel={t('saveOpeningHours')}
          disabled={props.disabled}
          dirty={dirty}
          onDiscard={() => {
            setHours(settings.openingHours);
            setDirty(false);
          }}
        />
      </SubmitForm>
      {notice}
    </Panel>
  );
}

/**
 * One of the shop's lists of days (closed dates, special days), changed a day at a time: the date
 * being added, and each addition or removal saved at once, its refusal kept for the panel.
 */
function useShopDays(settings: Settings, field: 'closedDates' | 'specialDays') {
  const { act, notice, errorAt } = useAct([field]);
  const [date, setDate] = useState('');
  const save = (label: string, days: Pick<SettingsChanges, typeof field>) => act(label, 'settings', settings.id, (key) => updateSettings(key, settings, days));
  return { date, setDate, save, notice, error: errorAt(field) };
}

/** Days the shop is shut whatever the week says (bank holidays, a refit). */
function ClosedDates(props: { settings: Settings; disabled: boolean; today: string }) {
  const { t } = useT('settings');
  const { settings, today } = props;
  const { date, setDate, save, notice, error } = useShopDays(settings, 'closedDates');
  const upcoming = settings.closedDates.filter((day) => day >= today);
  const past = settings.closedDates.length - upcoming.length;
  return (
    <Panel titleId="closed-title" title={t('closedDates')}>
      {upcoming.length === 0 ? <p className="muted">{t('noClosedDatesComingUp')}</p> : null}
      <ul className="date-list" aria-label={t('closedDates')}>
        {upcoming.map((day) => (
          <li key={day}>
            <span>{formatLocalDate(day)}</span>
            <RemoveButton
              disabled={props.disabled}
              label={t('removeClosedDate', { localDate: formatLocalDate(day) })}
              onRemove={() => void save(t('openAgainOn', { localDate: formatLocalDate(day) }), { closedDates: settings.closedDates.filter((other) => other !== day) })}
            />
          </li>
        ))}
      </ul>
      {past > 0 ? <p className="muted">{past === 1 ? t('oneEarlierClosedDateIs') : t('earlierClosedDatesAreKept', { past })}</p> : null}
      <SubmitForm
        className="row"
        aria-label={t('addAClosedDate')}
        onSubmit={() => {
          if (!isSupportedDate(date)) return;
          void save(t('closedOn', { localDate: formatLocalDate(date) }), { closedDates: [...settings.closedDates, date] }).then((ok) => ok && setDate(''));
        }}
      >
        <label className="narrow">
          {t('closedDate')}
          <DateField value={date} min={EARLIEST_DATE} max={LATEST_DATE} onChange={setDate} {...describedBy('closed-error', error)} />
        </label>
        <button type="submit" className="button" disabled={props.disabled || !isSupportedDate(date) || settings.closedDates.includes(date)}>
          {t('addClosedDate')}
        </button>
        <FieldError id="closed-error" message={error} />
      </SubmitForm>
      {date !== '' && settings.closedDates.includes(date) ? <p className="muted">{t('isAlreadyAClosedDate', { localDate: formatLocalDate(date) })}</p> : null}
      {notice}
    </Panel>
  );
}

/** Days the shop opens other hours than usual (a late Christmas opening). */
function SpecialDays(props: { settings: Settings; disabled: boolean; today: string }) {
  const { t } = useT('settings');
  const { settings, today } = props;
  const { date, setDate, save: saveDays, notice, error } = useShopDays(settings, 'specialDays');
  const [hours, setHours] = useState<SpecialDay['hours']>([{ open: '09:00', close: '20:00' }]);
  const save = (label: string, specialDays: SpecialDay[]) => saveDays(label, { specialDays: [...specialDays].sort((a, b) => a.date.localeCompare(b.date)) });
  const upcoming = settings.specialDays.filter((day) => day.date >= today);
  const taken = settings.specialDays.some((day) => day.date === date);
  return (
    <Panel titleId="special-title" title={t('specialOpeningDays')} intro={t('aDateTheShopOpens')}>
      {upcoming.length === 0 ? <p className="muted">{t('noSpecialOpeningDaysComing')}</p> : null}
      <ul className="date-list" aria-label={t('specialOpeningDays')}>
        {upcoming.map((day) => (
          <li key={day.date}>
            <span>
              {formatLocalDate(day.date)}: <strong>{describeDay(day.hours)}</strong>
            </span>
            <RemoveButton
              disabled={props.disabled}
              label={t('removeSpecialOpeningDay', { localDate: formatLocalDate(day.date) })}
              onRemove={() => void save(t('usualHoursAgainOn', { localDate: formatLocalDate(day.date) }), settings.specialDays.filter((other) => other.date !== day.date))}
            />
          </li>
        ))}
      </ul>
      <SubmitForm
        className="form"
        aria-label={t('addASpecialOpeningDay')}
        onSubmit={() => {
          if (!isSupportedDate(date) || taken) return;
          void save(t('specialHoursOn', { localDate: formatLocalDate(date) }), [...settings.specialDays, { date, hours }]).then((ok) => ok && setDate(''));
        }}
      >
        <div className="row special-row">
          <label className="narrow">
            {t('date')}
            <DateField value={date} min={EARLIEST_DATE} max={LATEST_DATE} onChange={setDate} />
          </label>
          <div className="special-hours">
            <span className="label-text">{t('hoursThatDay')}</span>
            <DayIntervals label={t('theSpecialDay')} idPrefix="special" day={hours} onChange={setHours} disabled={props.disabled} error={error} />
          </div>
        </div>
        {taken ? <p className="muted">{t('alreadyHasSpecialHoursRemove', { localDate: formatLocalDate(date) })}</p> : null}
        <button type="submit" className="button" disabled={props.disabled || !isSupportedDate(date) || taken}>
          {t('addSpecialOpeningDay')}
        </button>
      </SubmitForm>
      {notice}
    </Panel>
  );
}

export function ShopHoursSettings() {
  const settings = useSettings().data;
  const locked = useWritesLocked();
  const isOwner = useIsOwner();
  if (!settings) return null;
  const disabled = locked || !isOwner;
  const today = todayIn(settings.timeZone, Date.now());
  return (
    <>
      <WeeklyHours settings={settings} disabled={disabled} />
      <ClosedDates settings={settings} disabled={disabled} today={today} />
      <SpecialDays settings={settings} disabled={disabled} today={today} />
    </>
  );
}
