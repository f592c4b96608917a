import type { ParseKeys } from 'i18next';
import { useState } from 'react';
import { timeOffKinds, type TimeOff, type TimeOffKind } from '../../../src-shared/entities';
import { addDays, formatLocalDate, isSupportedDate, localClockOf, localDateOf, localDayRange, localTimeToInstant } from '../../../src-shared/time';
import { TableHead } from '../../components/TableHead';
import { RemoveButton } from '../../components/RemoveButton';
import { describedBy, FieldError, useAct } from './common';
import type { StaffView } from './rows';
import { createTimeOff, deleteTimeOff, updateTimeOff, useTimeOff, type TimeOffFields } from './scheduleCommands';
import { isTooLong, LengthLimit, textLimits } from '../../components/LengthLimit';
import { SubmitForm } from '../../components/SubmitForm';
import { useT, screenT } from '../../i18n';
import { Panel } from '../../components/Panel';
import { DateField, TimeField } from '../../components/DateTimeFields';

export const timeOffLabels: Record<TimeOffKind, ParseKeys<'settings'>> = {
  holiday: 'holiday',
  sick: 'sick',
  training: 'training',
  personal: 'personal',
  extra_hours: 'extraHours',
};

type Length = 'day' | 'part' | 'days';

interface Draft {
  kind: TimeOffKind;
  length: Length;
  date: string;
  lastDate: string;
  from: string;
  until: string;
  note: string;
}

/** The shop-local days and times a person picked, as the instants time off is kept in. */
export function instantsOf(draft: Draft, zone: string): { startsAt: number; endsAt: number } | string {
  const t = screenT('settings');
  if (!isSupportedDate(draft.date)) return t('chooseTheDate');
  if (draft.length === 'part') {
    if (!(draft.from < draft.until)) return t('theEndTimeMustBe');
    return { startsAt: localTimeToInstant(draft.date, draft.from, zone), endsAt: localTimeToInstant(draft.date, draft.until, zone) };
  }
  const last = draft.length === 'days' ? draft.lastDate : draft.date;
  if (!isSupportedDate(last)) return t('chooseTheLastDay');
  if (last < draft.date) return t('theLastDayMustNot');
  return { startsAt: localDayRange(draft.date, zone).start, endsAt: localDayRange(addDays(last, 1), zone).start };
}

/** The draft that shows a kept entry: whole days read as days, anything else as part of a day. */
function draftOf(entry: TimeOff, zone: string): Draft {
  const date = localDateOf(entry.startsAt, zone);
  const endDate = localDateOf(entry.endsAt, zone);
  const wholeDays = localDayRange(date, zone).start === entry.startsAt && localDayRange(endDate, zone).start === entry.endsAt;
  const lastDate = wholeDays ? addDays(endDate, -1) : date;
  return {
    kind: entry.kind,
    length: !wholeDays ? 'part' : lastDate === date ? 'day' : 'days',
    date,
    lastDate,
    from: localClockOf(entry.startsAt, zone),
    until: localClockOf(entry.endsAt, zone),
    note: entry.note,
  };
}

/** "Monday 7 December 2026", "Monday 7 December 2026 – Friday 11 December 2026" or "Monday 7 December 2026, 13:00–17:00". */
export function describeWhen(entry: TimeOff, zone: string): string {
  const draft = draftOf(entry, zone);
  if (draft.length === 'part') {
    const endDate = localDateOf(entry.endsAt, zone);
    return endDate === draft.date
      ? `${formatLocalDate(draft.date)}, ${draft.from}–${draft.until}`
      : `${formatLocalDate(draft.date)} ${draft.from} – ${formatLocalDate(endDate)} ${draft.until}`;
  }
  return draft.length === 'day' ? formatLocalDate(draft.date) : `${formatLocalDate(draft.date)} – ${formatLocalDate(draft.lastDate)}`;
}

const emptyDraft = (today: string): Draft => ({ kind: 'holiday', length: 'day', date: today, lastDate: today, from: '09:00', until: '13:00', note: '' });

/** A person's holidays, sick days, training and extra hours, from a month ago to a year ahead: add, change, remove. */
export function TimeOffList(props: { member: StaffView; zone: string; today: string; disabled: boolean }) {
  const { t } = useT('settings');
  const { member, zone, today } = props;
  const from = localDayRange(addDays(today, -31), zone).start;
  // The list answers at most 400 days at once: last month and the year ahead.
  const to = localDayRange(addDays(today, 366), zone).start;
  const entries = [...(useTimeOff(member.id, from, to).data ?? [])].filter((entry) => entry.deletedAt === null).sort((a, b) => a.startsAt - b.startsAt);
  const { act, notice, errorAt } = useAct(['startsAt', 'endsAt', 'note', 'kind']);
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(today));
  const [editing, setEditing] = useState<TimeOff | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const when = problem ?? errorAt('startsAt') ?? errorAt('endsAt');
  const noteError = errorAt('note');
  const first = member.name.split(' ')[0] ?? member.name;

  const submit = async () => {
    setProblem(null);
    const instants = instantsOf(draft, zone);
    if (typeof instants === 'string') {
      setProblem(instants);
      return;
    }
    const fields: TimeOffFields = { kind: draft.kind, ...instants, note: draft.note.trim() };
    const what = t('for', { timeOffLabels: t(timeOffLabels[draft.kind]), name: member.name });
    const ok = editing
      ? await act(t('changed', { what }), 'timeOff', editing.id, (key) => updateTimeOff(key, editing, fields))
      : await act(t('added', { what }), 'timeOff', undefined, (key) => createTimeOff(key, member.id, fields));
    if (ok) {
      setEditing(null);
      setDraft(emptyDraft(today));
    }
  };

  return (
    <Panel titleId="timeoff-title" title={t('timeOffAndExtraHours')} level={3}>
      {entries.length === 0 ? (
        <p className="muted">{t('noTimeOffForFrom', { first })}</p>
      ) : (
        <table className="table" aria-labelledby="timeoff-title">
          <TableHead columns={[t('what'), t('when'), t('note')]} actions />
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} className={entry.endsAt <= Date.now() ? 'past' : undefined}>
                <td>{t(timeOffLabels[entry.kind])}</td>
                <td>{describeWhen(entry, zone)}</td>
                <td>{entry.note || '—'}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="button small"
                    disabled={props.disabled}
                    aria-label={t('change2', { timeOffLabels: t(timeOffLabels[entry.kind]), describeWhen: describeWhen(entry, zone) })}
                    onClick={() => {
                      setEditing(entry);
                      setDraft(draftOf(entry, zone));
                      setProblem(null);
                    }}
                  >
                    {t('change')}
                  </button>
                  <RemoveButton
                    disabled={props.disabled}
                    label={t('remove2', { timeOffLabels: t(timeOffLabels[entry.kind]), describeWhen: describeWhen(entry, zone) })}
                    onRemove={() => void act(t('removedFor', { timeOffLabels: t(timeOffLabels[entry.kind]), name: member.name }), 'timeOff', entry.id, (key) => deleteTimeOff(key, entry))}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <SubmitForm
        className="form timeoff-form"
        aria-label={editing ? t('changeTimeOff') : t('addTimeOff')}
        noValidate
        onSubmit={submit}
      >
        <h4>{editing ? t('change3', { timeOffLabels: t(timeOffLabels[editing.kind]), describeWhen: describeWhen(editing, zone) }) : t('addTimeOff')}</h4>
        <div className="row">
          <label className="narrow" htmlFor="timeoff-kind">
            {t('what')}
            <select id="timeoff-kind" value={draft.kind} disabled={props.disabled} onChange={(event) => set({ kind: event.target.value as TimeOffKind })}>
              {timeOffKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {t(timeOffLabels[kind])}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="inline-choices">
            <legend>{t('howLong')}</legend>
            {(
              [
                ['day', t('oneDay')],
                ['part', t('partOfADay')],
                ['days', t('severalDays')],
              ] as const
            ).map(([length, label]) => (
              <label key={length} className="choice">
                <input type="radio" name="timeoff-length" checked={draft.length === length} disabled={props.disabled} onChange={() => set({ length })} />
                {label}
              </label>
            ))}
          </fieldset>
        </div>
        <div className="row">
          <label className="narrow">
            {draft.length === 'days' ? t('firstDay') : t('date')}
            <DateField value={draft.date} disabled={props.disabled} onChange={(typed) => set({ date: typed })} {...describedBy('timeoff-when-error', when)} />
          </label>
          {draft.length === 'days' ? (
            <label className="narrow">
              {t('lastDay')}
              <DateField value={draft.lastDate} disabled={props.disabled} onChange={(typed) => set({ lastDate: typed })} {...describedBy('timeoff-when-error', when)} />
            </label>
          ) : null}
          {draft.length === 'part' ? (
            <>
              <label className="narrow">
                {t('from')}
                <TimeField value={draft.from} disabled={props.disabled} onChange={(typed) => set({ from: typed })} {...describedBy('timeoff-when-error', when)} />
              </label>
              <label className="narrow">
                {t('until')}
                <TimeField value={draft.until} disabled={props.disabled} onChange={(typed) => set({ until: typed })} {...describedBy('timeoff-when-error', when)} />
              </label>
            </>
          ) : null}
          <label>
            {t('noteOptional')}
            <input value={draft.note} disabled={props.disabled} onChange={(event) => set({ note: event.target.value })} {...describedBy('timeoff-note-error', noteError)} />
            <FieldError id="timeoff-note-error" message={noteError} />
          </label>
          <LengthLimit id="timeoff-note-limit" value={draft.note} max={textLimits.staffTimeNote} />
        </div>
        <FieldError id="timeoff-when-error" message={when} />
        {draft.kind === 'extra_hours' ? <p className="muted">{t('extraHoursAreTimeWorks', { first })}</p> : null}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={props.disabled || isTooLong(draft.note, textLimits.staffTimeNote)}>
            {editing ? t('saveChanges') : draft.kind === 'extra_hours' ? t('addExtraHours') : t('addTimeOff')}
          </button>
          {editing ? (
            <button
              type="button"
              className="button ghost"
              onClick={() => {
                setEditing(null);
                setDraft(emptyDraft(today));
                setProblem(null);
              }}
            >
              {t('cancelChange')}
            </button>
          ) : null}
        </div>
      </SubmitForm>
      {notice}
    </Panel>
  );
}
