import type { ParseKeys } from 'i18next';
import { useState } from 'react';
import type { BlockKind } from '../../src-shared/entities';
import { clockMinutes, clockOfMinutes, EARLIEST_DATE, LATEST_DATE, localClockOf, localTimeToInstant, todayIn } from '../../src-shared/time';
import { commands, newKey } from '../api/commands';
import { useSettings, useStaff } from '../api/hooks';
import { Dialog } from '../components/Dialog';
import { ErrorNotice } from '../components/ErrorNotice';
import { refreshAll, runAction } from '../state/actions';
import { useDesk } from '../state/desk';
import { confirmedWording } from '../state/wording';
import { blockPhrases } from '../blockHistoryWording';
import { StaffSelect } from '../components/StaffSelect';
import { isTooLong, LengthLimit, textLimits } from '../components/LengthLimit';
import { SubmitForm } from '../components/SubmitForm';
import { Options } from '../components/Options';
import { useAttempt } from '../components/useAttempt';
import { FormFooter } from '../components/FormFooter';
import { useT } from '../i18n';
import { DateField, TimeField } from '../components/DateTimeFields';

const kinds: { value: BlockKind; label: ParseKeys<'day'> }[] = [
  { value: 'lunch', label: 'lunch' },
  { value: 'meeting', label: 'meeting' },
  { value: 'cleaning', label: 'cleaning' },
  { value: 'other', label: 'other' },
];

function addMinutes(time: string, minutes: number): string {
  return clockOfMinutes(Math.min(24 * 60 - 1, clockMinutes(time) + minutes));
}

/** A block's start or end on the shop's clock, in five-minute steps; its refusal is shown under the row (`problemId`). */
function ClockField(props: { label: string; value: string; onChange: (value: string) => void; problem: string | undefined; problemId: string }) {
  return (
    <label>
      {props.label}
      <TimeField
        value={props.value}
        stepMinutes={5}
        aria-invalid={props.problem !== undefined}
        aria-describedby={props.problem === undefined ? undefined : props.problemId}
        onChange={props.onChange}
        required
      />
    </label>
  );
}

/**
 * Blocking a staff member's time (lunch, a meeting, cleaning) from the day view. Times are the
 * shop's wall clock, turned into instants in the shop's zone, as bookings are. A refusal from the
 * rules (a booking in the way, an end before the start) is shown beside the field it is about.
 */
export function BlockDialog(props: { staffId?: string; startsAt?: number; date?: string }) {
  const { t } = useT('day');
  const close = useDesk((state) => state.closeDialog);
  const settings = useSettings().data;
  const staff = (useStaff().data ?? []).filter((member) => member.active);
  const zone = settings?.timeZone ?? 'UTC';
  const [staffId, setStaffId] = useState(props.staffId ?? '');
  const [kind, setKind] = useState<BlockKind>('lunch');
  const [date, setDate] = useState(props.date ?? todayIn(zone, Date.now()));
  const [from, setFrom] = useState(props.startsAt === undefined ? '12:00' : localClockOf(props.startsAt, zone));
  const [to, setTo] = useState(props.startsAt === undefined ? '13:00' : addMinutes(localClockOf(props.startsAt, zone), 60));
  const [note, setNote] = useState('');
  const { busy: saving, error, attemptChange } = useAttempt();
  const member = staff.find((item) => item.id === staffId);
  const field = typeof error?.details?.field === 'string' ? error.details.field : null;
  const fromProblem = field === 'startsAt' ? error?.message : undefined;
  const toProblem = field === 'endsAt' ? error?.message : undefined;
  const ready = staffId !== '' && date !== '' && from !== '' && to !== '' && settings !== undefined;

  const submit = async () => {
    if (!ready || !member) return;
    const startsAt = localTimeToInstant(date, from, zone);
    const endsAt = localTimeToInstant(date, to, zone);
    const key = newKey();
    const what = t('s2', { name: member.name, blockPhrases: blockPhrases[kind], from, to });
    const outcome = await attemptChange(async () => {
      await runAction({
        label: t('blockTime', { what }),
        successMessage: confirmedWording(t('blocked', { what })),
        undoGroup: 'block',
        run: () =>
          commands.block.create({ idempotencyKey: key, staffId, kind, startsAt, endsAt, ...(note.trim() === '' ? {} : { note: note.trim() }) }),
      });
    });
    // A change the pending tray keeps with Retry is not lost: the form closes on it too.
    if (outcome !== 'refused') close();
  };

  return (
    <Dialog title={t('blockTime2')} onClose={close}>
      <SubmitForm className="form" onSubmit={submit}>
        <div className="row">
          <StaffSelect value={staffId} onChange={setStaffId} staff={staff} />
          <label>
            {t('kind')}
            <select value={kind} onChange={(event) => setKind(event.target.value as BlockKind)}>
              <Options choices={kinds.map((kind) => ({ ...kind, label: t(kind.label) }))} />
            </select>
          </label>
        </div>
        <div className="row">
          <label>
            {t('date')}
            <DateField value={date} min={EARLIEST_DATE} max={LATEST_DATE} onChange={setDate} required />
          </label>
          <ClockField label={t('from')} value={from} onChange={setFrom} problem={fromProblem} problemId="block-from-problem" />
          <ClockField label={t('to')} value={to} onChange={setTo} problem={toProblem} problemId="block-to-problem" />
        </div>
        {fromProblem === undefined ? null : (
          <p id="block-from-problem" className="notice notice-error" role="alert" data-testid="block-problem">
            {fromProblem}
          </p>
        )}
        {toProblem === undefined ? null : (
          <p id="block-to-problem" className="notice notice-error" role="alert" data-testid="block-problem">
            {toProblem}
          </p>
        )}
        <label>
          {t('noteOptional')}
          <textarea rows={2} value={note} aria-describedby="block-note-limit" onChange={(event) => setNote(event.target.value)} />
        </label>
        <LengthLimit id="block-note-limit" value={note} max={textLimits.staffTimeNote} />
        <ErrorNotice error={fromProblem !== undefined || toProblem !== undefined ? null : error} onRefresh={() => void refreshAll().then(() => close())} />
        <FormFooter
          backLabel={t('discard')}
          onBack={close}
          submitLabel={saving ? t('saving') : t('blockTime2')}
          disabled={!ready || saving || isTooLong(note, textLimits.staffTimeNote)}
        />
      </SubmitForm>
    </Dialog>
  );
}
