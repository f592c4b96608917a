import { useEffect, useState } from 'react';
import type { OpeningHours, WorkingHours } from '../../../src-shared/entities';
import { rotaWeekOf } from '../../../src-shared/schedule';
import { addDays, formatLocalDate, isSupportedDate, todayIn, weekdayOf, weekdays, type Weekday } from '../../../src-shared/time';
import type { Say } from '../../../src-shared/say';
import { useSettings } from '../../api/hooks';
import { FieldError, SaveOrDiscard, useAct } from './common';
import { WeekHoursEditor } from './HoursEditor';
import type { StaffView } from './rows';
import { setWorkingHours } from './scheduleCommands';
import { SubmitForm } from '../../components/SubmitForm';
import { useT } from '../../i18n';
import { CheckField } from '../../components/CheckField';
import { Panel } from '../../components/Panel';
import { DateField } from '../../components/DateTimeFields';

/** The Monday of a date's week (a rota counts whole weeks from a Monday). */
export function mondayOf(date: string): string {
  return addDays(date, -weekdays.indexOf(weekdayOf(date)));
}

/** The day and week (0 for A or a single week, 1 for B) a rota refusal is about, from its catalogue params (src-shared/registry/hours.ts). */
export function rotaPlaceOf(say: Say | null): { day: Weekday; week: number } | null {
  const day = say?.params?.day;
  if (typeof day !== 'object' || !('key' in day)) return null;
  const named = /^place\.days\.(\w+)$/u.exec(day.key)?.[1];
  if (named === undefined || !(weekdays as readonly string[]).includes(named)) return null;
  const where = say?.params?.where;
  const week = typeof where === 'object' && 'key' in where && where.params?.week === 'B' ? 1 : 0;
  return { day: named as Weekday, week };
}

/**
 * When a person works: "Same as shop hours" (null), or their own week, optionally alternating
 * with a week B (a fortnightly rota counted from the Monday week A starts).
 */
export function WorkingHoursEditor(props: { member: StaffView; disabled: boolean }) {
  const { t } = useT('settings');
  const { member } = props;
  const settings = useSettings().data;
  const { act, notice, errorAt, sayAt } = useAct(['workingHours', 'weekAStartsOn']);
  const shopWeek = settings?.openingHours;
  const today = settings ? todayIn(settings.timeZone, Date.now()) : null;
  const initial = () => ({
    own: member.workingHours !== null,
    weekA: member.workingHours?.weeks[0] ?? shopWeek ?? null,
    weekB: member.workingHours?.weeks[1] ?? member.workingHours?.weeks[0] ?? shopWeek ?? null,
    alternating: (member.workingHours?.weeks.length ?? 1) === 2,
    startsOn: member.workingHours?.weekAStartsOn ?? (today ? mondayOf(today) : ''),
  });
  const [draft, setDraft] = useState(initial);
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (!dirty) setDraft(initial());
    // initial() reads the member's saved hours: re-read them when they change and nothing is being edited.
  }, [member.workingHours, shopWeek, dirty]);
  if (draft.weekA === null || draft.weekB === null || today === null) return null;
  const change = (patch: Partial<typeof draft>) => {
    setDraft({ ...draft, ...patch });
    setDirty(true);
  };
  const chosen = (): WorkingHours | null =>
    draft.own
      ? { weeks: draft.alternating ? [draft.weekA as OpeningHours, draft.weekB as OpeningHours] : [draft.weekA as OpeningHours], weekAStartsOn: mondayOf(draft.startsOn) }
      : null;
  const thisWeek = draft.own && draft.alternating && isSupportedDate(draft.startsOn) ? rotaWeekOf({ weeks: [draft.weekA, draft.weekB], weekAStartsOn: mondayOf(draft.startsOn) }, today) : null;
  const first = member.name.split(' ')[0] ?? member.name;
  // The rota's own rules name the day ("Tuesday's shifts overlap in week B") rather than its place
  // in the request, so such a refusal is shown beside the day its words are about: the day and the
  // week are read from its catalogue params, never from the sentence (which is in the shop's language).
  const whole = errorAt('workingHours');
  const refusal = rotaPlaceOf(sayAt('workingHours'));
  const dayError = (week: number, day: Weekday) =>
    errorAt(`weeks.${week}.${day}`) ?? (whole !== null && refusal !== null && refusal.day === day && refusal.week === week ? whole : null);
  const anyDayError = weekdays.some((day) => dayError(0, day) !== null || dayError(1, day) !== null);
  const generalError = anyDayError ? null : (whole ?? errorAt('weekAStartsOn'));
  return (
    <Panel titleId="working-title" title={t('workingHours')} level={3}>
      <SubmitForm
        className="form"
        onSubmit={() => {
          void act(t('workingHoursSavedFor', { name: member.name }), 'staff', member.id, (key) => setWorkingHours(key, member, chosen())).then((ok) => ok && setDirty(false));
        }}
      >
        <div className="row">
          <label className="choice">
            <input type="radio" name="wh-mode" checked={!draft.own} disabled={props.disabled} onChange={() => change({ own: false })} />
            {t('sameAsShopHours')}
          </label>
          <label className="choice">
            <input type="radio" name="wh-mode" checked={draft.own} disabled={props.disabled} onChange={() => change({ own: true })} />
            {t('ownHours')}
          </label>
        </div>
        {!draft.own ? (
          <p className="muted">{t('canBeBookedWheneverThe', { first })}</p>
        ) : (
          <>
            <CheckField
              label={t('differentHoursEveryOtherWeek')}
              checked={draft.alternating}
              disabled={props.disabled}
              onChange={(alternating) => change({ alternating })}
            />
            {draft.alternating ? (
              <div className="row">
                <label className="narrow">
                  {t('weekAStartsOn')}
                  <DateField value={draft.startsOn} disabled={props.disabled} onChange={(typed) => change({ startsOn: typed })} />
                </label>
                <p className="muted rota-hint">
                  {isSupportedDate(draft.startsOn) ? t('weekAIsTheWeek', { localDate: formatLocalDate(mondayOf(draft.startsOn)) }) : ''}
                  {thisWeek === null ? '' : t('thisWeekIsWeek', { value: thisWeek === 0 ? 'A' : 'B' })}
                </p>
              </div>
            ) : null}
            {draft.alternating ? <h4>{t('weekA')}</h4> : null}
            <WeekHoursEditor
              idPrefix="wa"
              hours={draft.weekA}
              closedWord={t('dayOff')}
              labelSuffix={draft.alternating ? t('weekA2') : ''}
              disabled={props.disabled}
              errorAt={(day) => dayError(0, day)}
              onChange={(weekA) => change({ weekA })}
            />
            {draft.alternating ? (
              <>
                <h4>{t('weekB')}</h4>
                <WeekHoursEditor
                  idPrefix="wb"
                  hours={draft.weekB}
                  closedWord={t('dayOff')}
                  labelSuffix={t('weekB2')}
                  disabled={props.disabled}
                  errorAt={(day) => dayError(1, day)}
                  onChange={(weekB) => change({ weekB })}
                />
              </>
            ) : null}
          </>
        )}
        <FieldError id="wh-error" message={generalError} />
        <SaveOrDiscard
          saveLabel={t('saveWorkingHours')}
          disabled={props.disabled}
          dirty={dirty}
          onDiscard={() => {
            setDraft(initial());
            setDirty(false);
          }}
        />
      </SubmitForm>
      {notice}
    </Panel>
  );
}
