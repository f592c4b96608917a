import { useState } from 'react';
import { addDays, todayIn } from '../../src-shared/time';
import { client } from '../api/client';
import { useSettings } from '../api/hooks';
import { OutcomeNotice } from '../components/OutcomeNotice';
import { useReportedAttempt } from '../components/useAttempt';
import { JobProgress, useJob } from '../components/JobProgress';
import { useT } from '../i18n';

/** Settings → Records → Export (issue 15): clients, bookings and the activity log as CSV files a spreadsheet opens. */

function savedWording(saved: { saved: boolean; path: string | null }, what: string): string {
  return saved.saved ? `${what} saved to ${saved.path}.` : 'Export cancelled; nothing was written.';
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
  const settings = useSettings().data;
  const today = todayIn(settings?.timeZone ?? 'UTC', Date.now());
  const [range, setRange] = useState({ from: addDays(today, -30), to: today });
  const { busy, error, setError, message, report } = useReportedAttempt();
  const work = useJob();
  const { t } = useT('progress');
  const save = (what: string, call: (jobId: string) => Promise<Saved>) =>
    void report(async () => {
      const saved = await work.track(call);
      return saved.cancelled ? t('outcomes.exportCancelled') : savedWording(saved, what);
    });

  if (!props.isOwner) {
    return (
      <section className="panel" aria-labelledby="exports-title">
        <h2 id="exports-title">Export</h2>
        <p className="muted">Only the owner can export the shop’s records (they hold every client’s details).</p>
      </section>
    );
  }
  return (
    <section className="panel" aria-labelledby="exports-title" data-testid="exports">
      <h2 id="exports-title">Export</h2>
      <p className="muted">CSV files open in any spreadsheet. The clients file opens back in CareDesk’s import.</p>
      <div className="row">
        <ExportButton
          busy={busy}
          label="Export clients"
          onClick={() => save('Clients', (jobId) => client.exports.clients.mutate({ jobId }))}
        />
      </div>
      <fieldset className="row">
        <legend>Bookings and activity of these days</legend>
        <label>
          From
          <input
            type="date"
            value={range.from}
            onChange={(event) => setRange({ ...range, from: event.target.value })}
          />
        </label>
        <label>
          To
          <input type="date" value={range.to} onChange={(event) => setRange({ ...range, to: event.target.value })} />
        </label>
        <ExportButton
          busy={busy}
          label="Export bookings"
          onClick={() => save('Bookings', (jobId) => client.exports.appointments.mutate({ ...range, jobId }))}
        />
        <ExportButton
          busy={busy}
          label="Export activity log"
          onClick={() => save('Activity log', (jobId) => client.exports.activity.mutate({ ...range, jobId }))}
        />
      </fieldset>
      <JobProgress watch={work} />
      <OutcomeNotice message={message} error={error} onDismiss={() => setError(null)} />
    </section>
  );
}
