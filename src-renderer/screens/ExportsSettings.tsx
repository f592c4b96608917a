import { useState } from 'react';
import { addDays, todayIn } from '../../src-shared/time';
import { client } from '../api/client';
import { useSettings } from '../api/hooks';
import { OutcomeNotice } from '../components/OutcomeNotice';
import { useReportedAttempt } from '../components/useAttempt';
import { JobProgress, useJob } from '../components/JobProgress';
import { useT, screenT } from '../i18n';
import { Panel } from '../components/Panel';
import { DateField } from '../components/DateTimeFields';

/** Settings → Records → Export (issue 15): clients, bookings, the activity log and the messages as CSV files a spreadsheet opens. */

function savedWording(saved: { saved: boolean; path: string | null }, what: string): string {
  const t = screenT('settings');
  return saved.saved ? t('savedTo', { what, path: saved.path }) : t('exportCancelledNothingWasWritten');
}

type Saved = { saved: boolean; cancelled: boolean; path: string | null };

function ExportButton(props: { busy: boolean; label: string; onClick: () => void }) {
  return (
    <button type="button" className="button" disabled={props.busy} onClick={props.onClick}>
      {props.label}
    </button>
  );
}

export function ExportsSection(props: { isOwner: boolean }) {
  const { t } = useT('settings');
  const settings = useSettings().data;
  const today = todayIn(settings?.timeZone ?? 'UTC', Date.now());
  const [range, setRange] = useState({ from: addDays(today, -30), to: today });
  const { busy, error, setError, message, report } = useReportedAttempt();
  const work = useJob();
  const { t: tp } = useT('progress');
  const save = (what: string, call: (jobId: string) => Promise<Saved>) =>
    void report(async () => {
      const saved = await work.track(call);
      return saved.cancelled ? tp('outcomes.exportCancelled') : savedWording(saved, what);
    });
  const { t: tStock } = useT('stock');

  if (!props.isOwner) {
    return (
      <Panel titleId="exports-title" title={t('export')} intro={t('onlyTheOwnerCanExport')} />
    );
  }
  return (
    <Panel titleId="exports-title" title={t('export')} intro={t('csvFilesOpenInAny')} testId="exports">
      <div className="row">
        <ExportButton
          busy={busy}
          label={t('exportClients')}
          onClick={() => save(t('clients'), (jobId) => client.exports.clients.mutate({ jobId }))}
        />
        <ExportButton busy={busy} label={tStock('exports.levels')} onClick={() => save(tStock('exports.levels'), (jobId) => client.exports.stockLevels.mutate({ jobId }))} />
      </div>
      <fieldset className="row">
        <legend>{t('bookingsAndActivityOfThese')}</legend>
        <label>
          {t('from')}
          <DateField
            value={range.from}
            onChange={(typed) => setRange({ ...range, from: typed })}
          />
        </label>
        <label>
          {t('to')}
          <DateField value={range.to} onChange={(typed) => setRange({ ...range, to: typed })} />
        </label>
        <ExportButton
          busy={busy}
          label={t('exportBookings')}
          onClick={() => save(t('bookings'), (jobId) => client.exports.appointments.mutate({ ...range, jobId }))}
        />
        <ExportButton
          busy={busy}
          label={t('exportActivityLog')}
          onClick={() => save(t('activityLog'), (jobId) => client.exports.activity.mutate({ ...range, jobId }))}
        />
        <ExportButton
          busy={busy}
          label={t('exportMessages')}
          onClick={() => save(t('messages'), (jobId) => client.exports.messages.mutate({ ...range, jobId }))}
        />
        <ExportButton busy={busy} label={tStock('exports.movements')} onClick={() => save(tStock('exports.movements'), (jobId) => client.exports.stockMovements.mutate({ ...range, jobId }))} />
      </fieldset>
      <JobProgress watch={work} />
      <OutcomeNotice message={message} error={error} onDismiss={() => setError(null)} />
    </Panel>
  );
}
